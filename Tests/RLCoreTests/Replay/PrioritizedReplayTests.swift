import Foundation
import Tensor
import Testing
@testable import RLCore

@Suite("Prioritized replay: sum tree, proportional sampling, importance weights, β annealing")
struct PrioritizedReplayTests {
    @Test("the sum tree finds the leaf whose prefix interval holds the query")
    func sumTreeFind() {
        var tree = SumTree(capacity: 5)
        for (i, p) in [1.0, 2, 3, 0, 4].enumerated() { tree.update(i, priority: p) }
        #expect(tree.total == 10)
        #expect(tree.minimum == 0)
        #expect(tree.find(prefix: 0) == 0)
        #expect(tree.find(prefix: 0.99) == 0)
        #expect(tree.find(prefix: 1) == 1)
        #expect(tree.find(prefix: 5.5) == 2)
        #expect(tree.find(prefix: 6) == 4)  // leaf 3 has zero mass
        #expect(tree.find(prefix: 9.99) == 4)
    }

    @Test("priorities are (|δ| + ε)^α and P(i) is their share")
    func priorityFormula() throws {
        var buffer = try ReplayBuffer(capacity: 3, observationSize: 1, actionSize: 1,
                                      sampling: .prioritized(alpha: 0.5, betaStart: 0.4, betaSteps: 100, epsilon: 0.01))
        for i in 0..<3 {
            try buffer.add(observation: [Float(i)], action: [0], reward: 0, nextObservation: [0], terminated: false,
                           discount: 1)
        }
        try buffer.updatePriorities(slots: [0, 1, 2], tdErrors: [0.99, -3.99, 0])
        // p = [1, 2, 0.1], total 3.1
        #expect(abs(buffer.probability(ofSlot: 0) - 1 / 3.1) < 1e-6)
        #expect(abs(buffer.probability(ofSlot: 1) - 2 / 3.1) < 1e-6)
        #expect(abs(buffer.probability(ofSlot: 2) - 0.1 / 3.1) < 1e-6)
    }

    @Test("importance weights are (N·P(i))^−β over the largest weight")
    func importanceWeights() throws {
        var buffer = try ReplayBuffer(capacity: 2, observationSize: 1, actionSize: 1,
                                      sampling: .prioritized(alpha: 1, betaStart: 0.5, betaSteps: 0, epsilon: 1e-9))
        for i in 0..<2 {
            try buffer.add(observation: [Float(i)], action: [0], reward: Double(i), nextObservation: [0],
                           terminated: false, discount: 1)
        }
        try buffer.updatePriorities(slots: [0, 1], tdErrors: [1, 3])  // P = 0.25, 0.75; β = 1 (betaSteps 0)
        var rng = Xoshiro256StarStar(seed: 5)
        let batch = try buffer.sample(batchSize: 64, step: 0, using: &rng)
        for (slot, w) in zip(batch.slots, batch.weights) {
            // w = (2·P)^−1 / (2·0.25)^−1: slot 0 → 1, slot 1 → (1/1.5)/2 = 1/3
            #expect(abs(Double(w) - (slot == 0 ? 1 : 1.0 / 3)) < 1e-6)
        }
    }

    @Test("sampling frequencies follow the priorities")
    func frequencies() throws {
        var buffer = try ReplayBuffer(capacity: 3, observationSize: 1, actionSize: 1,
                                      sampling: .prioritized(alpha: 1, betaStart: 0.4, betaSteps: 100, epsilon: 1e-9))
        for _ in 0..<3 {
            try buffer.add(observation: [0], action: [0], reward: 0, nextObservation: [0], terminated: false, discount: 1)
        }
        try buffer.updatePriorities(slots: [0, 1, 2], tdErrors: [1, 2, 5])
        var rng = Xoshiro256StarStar(seed: 8)
        var counts = [0, 0, 0]
        for _ in 0..<400 {
            for slot in try buffer.sample(batchSize: 25, using: &rng).slots { counts[slot] += 1 }
        }
        let expected = [0.125, 0.25, 0.625]
        for (c, e) in zip(counts, expected) { #expect(abs(Double(c) / 10_000 - e) < 0.015) }
    }

    @Test("new transitions get the largest priority seen so far")
    func newTransitionsMaxPriority() throws {
        var buffer = try ReplayBuffer(capacity: 4, observationSize: 1, actionSize: 1,
                                      sampling: .prioritized(alpha: 1, betaStart: 0.4, betaSteps: 100, epsilon: 1e-9))
        try buffer.add(observation: [0], action: [0], reward: 0, nextObservation: [0], terminated: false, discount: 1)
        try buffer.updatePriorities(slots: [0], tdErrors: [7])
        try buffer.add(observation: [0], action: [0], reward: 0, nextObservation: [0], terminated: false, discount: 1)
        #expect(abs(buffer.probability(ofSlot: 1) - 0.5) < 1e-9)
    }

    @Test("β anneals linearly from β₀ to 1", arguments: [(0, 0.4), (50, 0.7), (100, 1.0), (500, 1.0)])
    func betaSchedule(step: Int, expected: Double) {
        let sampling = ReplaySampling.prioritized(alpha: 0.6, betaStart: 0.4, betaSteps: 100, epsilon: 1e-6)
        #expect(abs(sampling.beta(at: step) - expected) < 1e-6)
    }

    @Test("invalid PER settings throw", arguments: [
        ReplaySampling.prioritized(alpha: -1, betaStart: 0.4, betaSteps: 10, epsilon: 1e-6),
        ReplaySampling.prioritized(alpha: 0.6, betaStart: 1.5, betaSteps: 10, epsilon: 1e-6),
        ReplaySampling.prioritized(alpha: 0.6, betaStart: 0.4, betaSteps: 10, epsilon: 0),
    ])
    func invalidSettings(sampling: ReplaySampling) {
        #expect(throws: ReplayBufferError.self) {
            _ = try ReplayBuffer(capacity: 4, observationSize: 1, actionSize: 1, sampling: sampling)
        }
    }
}
