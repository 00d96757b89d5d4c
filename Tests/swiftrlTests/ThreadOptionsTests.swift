import ArgumentParser
import Testing

@testable import swiftrl

/// `--threads` is accepted by the training, benchmark, reproduce and bench commands and must be positive.
@Suite struct ThreadOptionsTests {
    @Test func commandsAcceptThreads() throws {
        #expect(try TrainCommand.parse(["ppo", "--threads", "2"]).threading.threads == 2)
        let benchmark = try BenchmarkCommand.parse(["--algo", "ppo", "--env-ids", "CartPole-v1", "--threads", "1"])
        #expect(benchmark.threading.threads == 1)
        #expect(try BenchCommand.parse(["tensor", "--threads", "2"]).threading.threads == 2)
        #expect(try QuickstartCommand.parse([]).threading.threads == nil)
    }

    @Test func nonPositiveCountsAreRejected() {
        #expect(throws: (any Error).self) { try TrainCommand.parse(["ppo", "--threads", "0"]) }
        #expect(throws: (any Error).self) { try TrainCommand.parse(["ppo", "--threads", "-2"]) }
    }
}
