import Testing

@testable import swiftrl

/// `swiftrl offline tabular`: LCB, greedy and BC on a user's own tabular problem.
@Suite struct OfflineTabularCommandTests {
    @Test func expertBanditDataMakesLCBAndBCExact() throws {
        let command = try OfflineTabularCommand.parse([
            "--env", "bandit:0.5,0.5,0.6", "--expert-fraction", "1", "--samples", "50", "--seed", "3",
        ])
        let report = try command.evaluate()
        #expect(report.gamma == 0)
        #expect(abs(report.concentrability - 1) < 1e-12)
        #expect(report.suboptimality["lcb"] == 0)
        #expect(report.suboptimality["bc"] == 0)
        #expect(report.suboptimality.keys.sorted() == ["bc", "greedy", "lcb"])
    }

    @Test func garnetRunIsDeterministicPerSeed() throws {
        let arguments = ["--env", "garnet:6,3,2", "--expert-fraction", "0.3", "--samples", "300", "--no-split"]
        let first = try OfflineTabularCommand.parse(arguments).evaluate()
        let second = try OfflineTabularCommand.parse(arguments).evaluate()
        #expect(first == second)
        #expect(first.gamma == 0.9)
    }

    @Test func rejectsBadInput() throws {
        #expect(throws: (any Error).self) { _ = try OfflineTabularCommand.parse(["--expert-fraction", "1.5"]) }
        #expect(throws: (any Error).self) { _ = try OfflineTabularCommand.parse(["--env", "CartPole-v1"]).evaluate() }
        #expect(throws: (any Error).self) { _ = try OfflineTabularCommand.parse(["--env", "bandit:0.5"]).evaluate() }
    }
}
