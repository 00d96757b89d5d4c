import Foundation
import Tensor
import Testing
@testable import RLCore

@Suite("Replay buffer storage, uniform sampling, memory budget and files")
struct ReplayBufferTests {
    static func filled(capacity: Int, adding count: Int, sampling: ReplaySampling = .uniform) throws -> ReplayBuffer {
        var buffer = try ReplayBuffer(capacity: capacity, observationSize: 2, actionSize: 1, sampling: sampling)
        for i in 0..<count {
            let x = Float(i)
            try buffer.add(observation: [x, -x], action: [x * 10], reward: Double(i), nextObservation: [x + 1, -x - 1],
                           terminated: i % 3 == 2, discount: 0.99)
        }
        return buffer
    }

    @Test("the ring buffer overwrites the oldest transition once full")
    func ringOverwrite() throws {
        let buffer = try Self.filled(capacity: 3, adding: 5)
        #expect(buffer.count == 3)
        #expect(buffer.position == 2)
        // slots hold transitions 3, 4, 2
        #expect(buffer.transition(at: 0).reward == 3)
        #expect(buffer.transition(at: 1).reward == 4)
        #expect(buffer.transition(at: 2).reward == 2)
        #expect(buffer.transition(at: 1).nextObservation == [5, -5])
    }

    @Test("a sampled row keeps s, a, r, s', terminated and discount together")
    func rowsStayAligned() throws {
        let buffer = try Self.filled(capacity: 10, adding: 10)
        var rng = Xoshiro256StarStar(seed: 3)
        let batch = try buffer.sample(batchSize: 32, using: &rng)
        for row in 0..<batch.size {
            let i = batch.rewards[row]
            #expect(batch.observations[2 * row] == i && batch.observations[2 * row + 1] == -i)
            #expect(batch.nextObservations[2 * row] == i + 1)
            #expect(batch.actions[row] == i * 10)
            #expect(batch.terminated[row] == (Int(i) % 3 == 2 ? 1 : 0))
            #expect(batch.weights[row] == 1)
        }
    }

    @Test("uniform sampling visits every slot about equally often")
    func uniformFrequencies() throws {
        let buffer = try Self.filled(capacity: 4, adding: 4)
        var rng = Xoshiro256StarStar(seed: 11)
        var counts = [0, 0, 0, 0]
        for _ in 0..<200 {
            for slot in try buffer.sample(batchSize: 50, using: &rng).slots { counts[slot] += 1 }
        }
        for c in counts { #expect(abs(Double(c) / 10_000 - 0.25) < 0.02) }
    }

    @Test("a capacity over the memory budget throws with the numbers and a fix")
    func memoryBudget() throws {
        #expect(throws: ReplayBufferError.self) {
            _ = try ReplayBuffer(capacity: 1_000_000, observationSize: 84 * 84, actionSize: 1,
                                 memoryBudgetBytes: 1 << 30)
        }
        do {
            _ = try ReplayBuffer(capacity: 1000, observationSize: 100, actionSize: 1, memoryBudgetBytes: 100_000)
        } catch {
            #expect("\(error)".contains("at most 122"))
        }
    }

    @Test("bootstrap factors are discount × (1 − terminated)")
    func bootstrapFactors() throws {
        let buffer = try Self.filled(capacity: 3, adding: 3)
        let batch = buffer.gather(slots: [0, 2])
        #expect(batch.bootstrapFactors == [0.99, 0])
    }

    @Test("sampling an empty buffer throws")
    func emptySample() throws {
        let buffer = try ReplayBuffer(capacity: 3, observationSize: 1, actionSize: 1)
        var rng = Xoshiro256StarStar(seed: 1)
        #expect(throws: ReplayBufferError.self) { _ = try buffer.sample(batchSize: 2, using: &rng) }
    }

    @Test("a saved buffer loads back with the same transitions, position and priorities")
    func saveLoad() throws {
        var buffer = try Self.filled(capacity: 4, adding: 6, sampling: .prioritized(alpha: 0.5, betaStart: 0.4, betaSteps: 10, epsilon: 0.01))
        try buffer.updatePriorities(slots: [1, 3], tdErrors: [2, -0.5])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try buffer.save(to: url)
        let loaded = try ReplayBuffer.load(from: url)
        #expect(loaded.count == 4 && loaded.position == 2 && loaded.capacity == 4)
        #expect(loaded.sampling == buffer.sampling)
        for slot in 0..<4 {
            #expect(loaded.transition(at: slot) == buffer.transition(at: slot))
            #expect(loaded.probability(ofSlot: slot) == buffer.probability(ofSlot: slot))
        }
    }

    @Test("loading a file that is not a replay buffer throws a persistence error")
    func loadWrongFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-replay-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafetensorsArchive(entries: ["w": try SafetensorsEntry(shape: [1], floats: [1])]).write(to: url)
        #expect(throws: ReplayBufferError.self) { _ = try ReplayBuffer.load(from: url) }
    }
}
