import Foundation
import Testing

@testable import swiftrl

/// `swiftrl theory surprise`: Adversarial Surprise and its baselines on a user's SurpriseRooms layout.
@Suite struct TheorySurpriseCommandTests {
    @Test func comparesMethodsAndWritesFiles() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("surprise-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let arguments = [
            "--method", "adversarial-surprise", "--method", "smirl", "--layout", "#######/#S.NNB#/#DD...#/#######",
            "--episodes", "30", "--eval-episodes", "5", "--round-length", "8", "--time-buckets", "4",
            "--out", out.path,
        ]
        let command = try TheorySurpriseCommand.parse(arguments)
        let reports = try command.evaluate()
        #expect(reports.keys.sorted() == ["adversarial-surprise", "smirl"])
        #expect(reports.values.allSatisfy { $0.coverage >= 1 && $0.coverage <= 10 && $0.trainingCoverage.count == 30 })
        try command.run()
        for file in ["results.json", "coverage.svg"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path))
        }
        let again = try TheorySurpriseCommand.parse(arguments).evaluate()
        #expect(again.mapValues(\.coverage) == reports.mapValues(\.coverage))
    }

    @Test func rejectsBadInput() throws {
        #expect(throws: (any Error).self) { _ = try TheorySurpriseCommand.parse(["--method", "rnd"]) }
        #expect(throws: (any Error).self) { _ = try TheorySurpriseCommand.parse(["--episodes", "0"]) }
        #expect(throws: (any Error).self) {
            _ = try TheorySurpriseCommand.parse(["--layout", "#X#/#S#", "--episodes", "1"]).evaluate()
        }
        #expect(throws: (any Error).self) {
            _ = try TheorySurpriseCommand.parse(["--rounds", "1", "--episodes", "1"]).evaluate()
        }
    }
}
