import Foundation
import Testing

@testable import swiftrl

/// `swiftrl theory run` / `swiftrl theory mdp` on a user's own MDP.
@Suite struct TheoryCommandTests {
    @Test func runComparesAlgorithmsAndWritesFiles() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("theory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let command = try TheoryRunCommand.parse([
            "--algo", "ucbvi", "--algo", "epsmix", "--algo", "stepmix", "--mdp", "garnet:S=4,A=2,H=3",
            "--episodes", "40", "--bonus-scale", "0.1", "--out", out.path,
        ])
        let report = try command.evaluate()
        #expect(report.traces.keys.sorted() == ["epsmix", "stepmix", "ucbvi"])
        #expect(report.traces.values.allSatisfy { $0.checkpoints.last == 40 && $0.regret.isFinite })
        try command.run()
        for file in ["results.json", "regret.svg", "violations.svg"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path))
        }
        let again = try TheoryRunCommand.parse([
            "--algo", "ucbvi", "--algo", "epsmix", "--algo", "stepmix", "--mdp", "garnet:S=4,A=2,H=3",
            "--episodes", "40", "--bonus-scale", "0.1", "--out", out.path,
        ]).evaluate()
        #expect(again.traces == report.traces)
    }

    @Test func mdpFileRoundTripsThroughTheCommands() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mdp-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try TheoryMDPCommand.parse(["--generate", "tree:A=2,H=3", "--out", file.path]).run()
        try TheoryMDPCommand.parse(["--check", file.path]).run()
        let report = try TheoryRunCommand.parse(["--mdp", file.path, "--episodes", "10", "--out", "/tmp/x"]).evaluate()
        #expect(report.states == 15 && report.horizon == 3)
    }

    @Test func runsTheLinearLearnersWithFeatureFiles() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("phi-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        // S 3, A 2, d 2.
        try Data(#"{"dimension": 2, "values": [1, 0, 0, 1, 0.5, 0.5, 1, 0, 0, 1, 0.3, 0.7]}"#.utf8).write(to: file)
        let report = try TheoryRunCommand.parse([
            "--algo", "lsvi-ucb", "--algo", "contrastive-ucb", "--mdp", "lowrank:S=3,A=2,H=3,d=2", "--features",
            file.path, "--rank", "2", "--episodes", "30", "--out", "/tmp/x",
        ]).evaluate()
        #expect(report.traces.keys.sorted() == ["contrastive-ucb", "lsvi-ucb"])
        #expect(report.traces.values.allSatisfy { $0.checkpoints.last == 30 && $0.regret.isFinite })
        try Data(#"{"dimension": 2, "values": [1, 0]}"#.utf8).write(to: file)
        #expect(throws: (any Error).self) {
            _ = try TheoryRunCommand.parse([
                "--algo", "lsvi-ucb", "--mdp", "lowrank:S=3,A=2,H=3,d=2", "--features", file.path, "--episodes", "3",
            ]).evaluate()
        }
        #expect(throws: (any Error).self) { _ = try TheoryRunCommand.parse(["--lambda", "0"]) }
    }

    @Test func rejectsBadInput() throws {
        #expect(throws: (any Error).self) { _ = try TheoryRunCommand.parse(["--algo", "dqn"]) }
        #expect(throws: (any Error).self) { _ = try TheoryRunCommand.parse(["--kappa", "0"]) }
        #expect(throws: (any Error).self) { _ = try TheoryMDPCommand.parse(["--generate", "garnet:S=3"]) }
        #expect(throws: (any Error).self) {
            _ = try TheoryRunCommand.parse(["--mdp", "garnet:S=3,H=0", "--episodes", "3"]).evaluate()
        }
        #expect(throws: (any Error).self) {
            _ = try TheoryRunCommand.parse(["--mdp", "/nonexistent/m.json", "--episodes", "3"]).evaluate()
        }
    }
}
