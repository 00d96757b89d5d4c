import Foundation
import Testing

@testable import Experiments
@testable import Language

/// The Lite PPO reproduction end to end on a tiny budget: report structure, finite numbers, cached base model.
@Suite struct LitePPOReproductionTests {
    static func tinyBudget() throws -> LitePPOBudget {
        let sft = SFTConfig(
            layers: 1, hiddenSize: 16, heads: 2, contextLength: 48, steps: 5, batchSize: 8, learningRate: 3e-3,
            finalLearningRate: 3e-4, warmupSteps: 1, styleMix: try StyleMix(parsing: "direct=1,steps=1"), noise: 0.2,
            seed: 1)
        return LitePPOBudget(
            task: try SyntheticTask(kind: .addition, difficulty: 1), sft: sft, steps: 2, promptsPerStep: 2,
            groupSize: 2, miniBatches: 2, learningRate: 1e-3, maxCompletionLength: 8, evaluateEvery: 1, curveProblems: 2,
            curveSamples: 2, finalProblems: 2, finalSamples: 2)
    }

    @Test func tinyRunProducesCompleteFiniteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liteppo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 1, baseSeed: 3, directory: directory)
        let report = try LitePPOReproduction().run(context, budget: try Self.tinyBudget(), start: 0)
        #expect(report.id == "lite-ppo")
        #expect(report.tables.count == 4)
        #expect(report.tables[0].rows.map { $0[0] } == ["base model (SFT)", "GRPO", "DAPO", "Dr. GRPO", "Lite PPO"])
        for table in report.tables {
            for row in table.rows {
                #expect(row.count == table.columns.count, "\(table.title)")
                #expect(!row.joined().contains("nan"), "\(table.title): \(row)")
            }
        }
        #expect(report.plots.map(\.name) == ["heldout-accuracy", "response-length", "entropy-clip-higher"])
        for plot in report.plots {
            #expect(!plot.series.isEmpty)
            #expect(plot.series.allSatisfy { $0.values.allSatisfy(\.isFinite) && $0.values.count == $0.steps.count })
        }
        #expect(!report.verdictExplanation.isEmpty)
        // one run record per arm and the cached base model
        let runs = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("runs").path)
        #expect(runs.count == 9)
        let base = directory.appendingPathComponent("base-model")
        #expect(ModelDirectoryWriter.metadata(in: base)["reproduction_key"] != nil)
        #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent("model.safetensors").path))
    }

    /// Stage-1 units load the base model that stage 0 cached; the loaded weights must equal the freshly trained ones
    /// so a unit-by-unit run reports what a single run of the old in-memory path reported.
    @Test func cachedBaseModelEqualsTheFreshOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liteppo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let budget = try Self.tinyBudget()
        let fresh = try LitePPOBaseModel.obtain(budget, directory: directory, log: { _ in })
        let cached = try LitePPOBaseModel.obtain(budget, directory: directory, log: { _ in })
        let freshParameters = fresh.namedParameters(), cachedParameters = cached.namedParameters()
        #expect(freshParameters.map(\.path) == cachedParameters.map(\.path))
        for (a, b) in zip(freshParameters, cachedParameters) {
            #expect(a.tensor.floats == b.tensor.floats, "\(a.path)")
        }
    }
}
