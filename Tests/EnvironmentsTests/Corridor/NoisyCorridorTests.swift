import Testing

@testable import Environments

/// The noisy-corridor POMDP and the history-window wrapper.
@Suite struct NoisyCorridorTests {
    @Test("registered ids pass the environment checker", arguments: [
        "NoisyCorridor-v0", "NoisyCorridorState-v0", "history4/NoisyCorridor-v0",
    ])
    func checker(id: String) {
        let failures = EnvironmentChecker(id: id).run().filter { !$0.passed }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("always right reaches the goal in length − 1 steps with reward 1; the oracle shows the true cell")
    func dynamics() throws {
        var env = try NoisyCorridor(length: 6, noise: 0.5, distractors: 2, oracle: true)
        #expect(try env.reset(seed: 1, options: [:]).observation == [1, 0, 0, 0, 0, 0, 0, 0])
        #expect(try env.step(0).observation == [1, 0, 0, 0, 0, 0, 0, 0])  // the wall at cell 0
        var last: Step<[Float]>?
        for _ in 0..<5 { last = try env.step(1) }
        #expect(last?.reward == 1 && last?.terminated == true && env.cell == 5)
        #expect(last?.observation == [0, 0, 0, 0, 0, 1, 0, 0])
    }

    @Test("the noisy observation is one one-hot cell plus distractor bits; start is a reset option")
    func noisyObservation() throws {
        var env = try NoisyCorridor()
        let first = try env.reset(seed: 3, options: ["start": 5]).observation
        #expect(env.cell == 5 && first.count == 14)
        #expect(first[0..<10].reduce(0, +) == 1 && first[10...].allSatisfy { $0 == 0 || $0 == 1 })
        #expect(throws: EnvironmentError.self) { try env.reset(seed: 3, options: ["start": 9]) }
        #expect(throws: EnvironmentError.self) { try NoisyCorridor(noise: 1.5) }
        #expect(throws: EnvironmentError.self) { try env.step(2) }
    }

    @Test("the history wrapper's windows: padding rows, previous action one-hot, mask")
    func historyWindow() throws {
        var env = try HistoryWindowObservation(
            AnyEnvironment(try NoisyCorridor(length: 3, distractors: 0, oracle: true)), length: 2)
        #expect(try env.reset(seed: 0, options: [:]).observation == [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
        #expect(try env.step(1).observation == [1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1])
        #expect(throws: EnvironmentError.self) { try EnvironmentRegistry.shared.make("history0/NoisyCorridor-v0") }
    }
}
