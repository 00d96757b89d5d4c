import Foundation
import Testing

@testable import Experiments
@testable import Language

/// The CTRLS reproduction end to end on a tiny budget: report structure, finite numbers, a computed verdict.
@Suite struct CTRLSReproductionTests {
    static func tinyBudget() throws -> CTRLSBudget {
        let sft = SFTConfig(
            layers: 1, hiddenSize: 16, heads: 2, contextLength: 80, steps: 3, batchSize: 4, learningRate: 3e-3,
            finalLearningRate: 3e-4, warmupSteps: 1, styleMix: try StyleMix(parsing: "coded=1"), noise: 0, seed: 1)
        return CTRLSBudget(
            task: try SyntheticTask(kind: .countdown, difficulty: 2), sft: sft, steps: 2, promptsPerStep: 2,
            groupSize: 2, learningRate: 2e-3, controllerWidth: 8, maxCompletionLength: 12, evaluationProblems: 2,
            evaluationSamples: 2)
    }

    @Test func tinyRunProducesCompleteFiniteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ctrls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 3, directory: directory)
        let report = try CTRLSReproduction().run(context, budget: try Self.tinyBudget())
        #expect(report.id == "ctrls")
        #expect(report.tables.count == 1)
        let table = try #require(report.tables.first)
        #expect(table.rows.count == CTRLSArm.allCases.count)
        for row in table.rows { #expect(row.count == table.columns.count) }
        #expect(report.plots.first?.series.count == 2 * 2)  // two trained arms × two seeds
        #expect(report.plots.allSatisfy { $0.series.allSatisfy { $0.values.allSatisfy(\.isFinite) } })
        #expect(report.verdictExplanation.contains("(1) accuracy"))
        #expect(try Reproductions.named("ctrls").id == "ctrls")
    }
}
