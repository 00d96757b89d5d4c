import Testing
@testable import RLCore

@Suite("n-step returns and next-step-autoreset recording")
struct NStepReturnTests {
    @Test("3-step transitions sum γʲ r and bootstrap with γ³ inside an episode")
    func insideEpisode() throws {
        var acc = try NStepAccumulator(steps: 3, gamma: 0.5)
        var out: [Transition] = []
        for t in 0..<4 {
            out += acc.push(observation: [Float(t)], action: [0], reward: Double(t + 1), nextObservation: [Float(t + 1)],
                            terminated: false, truncated: false)
        }
        #expect(out.count == 2)
        #expect(out[0].observation == [0] && out[0].nextObservation == [3])
        #expect(out[0].reward == 1 + 0.5 * 2 + 0.25 * 3)
        #expect(out[0].discount == 0.125)
        #expect(out[1].reward == 2 + 0.5 * 3 + 0.25 * 4)
    }

    @Test("termination flushes shorter returns that do not bootstrap")
    func termination() throws {
        var acc = try NStepAccumulator(steps: 3, gamma: 0.5)
        _ = acc.push(observation: [0], action: [0], reward: 1, nextObservation: [1], terminated: false, truncated: false)
        let out = acc.push(observation: [1], action: [0], reward: 2, nextObservation: [9], terminated: true, truncated: false)
        #expect(out.count == 2)
        #expect(out[0].reward == 2 && out[0].discount == 0.25 && out[0].terminated)
        #expect(out[1].reward == 2 && out[1].discount == 0.5 && out[1].observation == [1])
        #expect(out.allSatisfy { $0.nextObservation == [9] })
        #expect(acc.pendingCount == 0)
    }

    @Test("truncation flushes returns that bootstrap from the final observation")
    func truncation() throws {
        var acc = try NStepAccumulator(steps: 2, gamma: 0.9)
        _ = acc.push(observation: [0], action: [0], reward: 1, nextObservation: [1], terminated: false, truncated: false)
        let out = acc.push(observation: [1], action: [0], reward: 1, nextObservation: [7], terminated: false, truncated: true)
        #expect(out.map(\.terminated) == [false, false])
        #expect(out.map(\.discount) == [0.81, 0.9])
        #expect(abs(out[0].reward - 1.9) < 1e-12)
    }

    @Test("the next-step-autoreset transition is never stored; truncation keeps the final observation as s'")
    func recorderSkipsResetStep() throws {
        var buffer = try ReplayBuffer(capacity: 10, observationSize: 1, actionSize: 1)
        var recorder = try TransitionRecorder(count: 2, gamma: 0.99)
        // step 1: env 0 truncates (final obs 5), env 1 continues
        try recorder.record(previousObservations: [4, 0], actions: [1, 1], rewards: [1, 1], nextObservations: [5, 1],
                            terminations: [false, false], truncations: [true, false], into: &buffer)
        // step 2: env 0 is the reset step (obs 0 after reset), env 1 terminates
        try recorder.record(previousObservations: [5, 1], actions: [0, 0], rewards: [0, 1], nextObservations: [0, 2],
                            terminations: [false, true], truncations: [false, false], into: &buffer)
        // step 3: env 0 acts from its reset observation, env 1 is the reset step
        try recorder.record(previousObservations: [0, 2], actions: [1, 1], rewards: [1, 0], nextObservations: [1, 0],
                            terminations: [false, false], truncations: [false, false], into: &buffer)
        let stored = (0..<buffer.count).map { buffer.transition(at: $0) }
        #expect(stored.count == 4)
        #expect(stored[0].observation == [4] && stored[0].nextObservation == [5] && !stored[0].terminated)
        #expect(stored[1].observation == [0] && stored[1].nextObservation == [1] && !stored[1].terminated)
        #expect(stored[2].observation == [1] && stored[2].nextObservation == [2] && stored[2].terminated)
        #expect(stored[3].observation == [0] && stored[3].nextObservation == [1])
        #expect(!stored.contains { $0.observation == [5] || ($0.observation == [2] && $0.nextObservation == [0]) })
    }

    @Test("n < 1 is rejected")
    func invalidN() {
        #expect(throws: ReplayBufferError.self) { _ = try NStepAccumulator(steps: 0, gamma: 0.9) }
    }
}
