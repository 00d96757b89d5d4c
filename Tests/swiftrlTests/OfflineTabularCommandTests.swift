import Testing

@testable import swiftrl

/// `swiftrl offline tabular lcb`: LCB, greedy and BC on a user's own tabular problem.
@Suite struct OfflineTabularCommandTests {
    @Test func expertBanditDataMakesLCBAndBCExact() throws {
        let command = try TabularLCBCommand.parse([
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
        let first = try TabularLCBCommand.parse(arguments).evaluate()
        let second = try TabularLCBCommand.parse(arguments).evaluate()
        #expect(first == second)
        #expect(first.gamma == 0.9)
    }

    @Test func rejectsBadInput() throws {
        #expect(throws: (any Error).self) { _ = try TabularLCBCommand.parse(["--expert-fraction", "1.5"]) }
        #expect(throws: (any Error).self) { _ = try TabularLCBCommand.parse(["--env", "CartPole-v1"]).evaluate() }
        #expect(throws: (any Error).self) { _ = try TabularLCBCommand.parse(["--env", "bandit:0.5"]).evaluate() }
    }
}

/// `swiftrl offline tabular demo-regularized`: the regularised agent on a user's own problem.
@Suite struct TabularDemoRegularizedCommandTests {
    @Test func smallGarnetRunReportsBothAgents() throws {
        let report = try TabularDemoRegularizedCommand.parse([
            "--env", "garnet:5,2,2", "--horizon", "3", "--demonstrations", "4", "--episodes", "30", "--seed", "2",
        ]).evaluate()
        #expect(report.episodesToEpsilon.keys.sorted() == ["regularized", "ucbvi"])
        #expect(report.bcValue <= report.optimalValue + 1e-12)
        #expect(abs(report.lambda - 0.5 * 4 / 30) < 1e-12)
    }

    @Test func rejectsNonPositiveEpsilon() {
        #expect(throws: (any Error).self) { _ = try TabularDemoRegularizedCommand.parse(["--epsilon", "0"]) }
    }
}
