import Foundation
import Testing

@testable import Experiments
@testable import Language

/// R³L and SCMA end to end on tiny budgets: report structure, finite numbers, computed verdicts.
@Suite struct StructuredReasoningReproductionTests {
    static func tinySFT(_ styles: String, context: Int) throws -> SFTConfig {
        SFTConfig(
            layers: 1, hiddenSize: 16, heads: 2, contextLength: context, steps: 3, batchSize: 4, learningRate: 3e-3,
            finalLearningRate: 3e-4, warmupSteps: 1, styleMix: try StyleMix(parsing: styles), noise: 0, seed: 1)
    }

    static func context(_ name: String) throws -> ReproductionContext {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return ReproductionContext(quick: true, seeds: 1, baseSeed: 3, directory: directory)
    }

    @Test func r3lTinyRun() throws {
        let budget = R3LBudget(
            task: try SyntheticTask(kind: .countdown, difficulty: 2), sft: try Self.tinySFT("steps=1,hinted=1", context: 80),
            trainCandidates: 6, heldOutCandidates: 3, screenSamples: 2, maxScreenSuccesses: 2, steps: 2,
            promptsPerStep: 2, groupSize: 4, learningRate: 1e-3, miniBatches: 1, maxCompletionLength: 12,
            klCoefficient: 0.001, evaluateEvery: 1, evaluationSamples: 2)
        let context = try Self.context("r3l")
        defer { try? FileManager.default.removeItem(at: context.directory) }
        let report = try R3LReproduction().run(context, budget: budget)
        let table = try #require(report.tables.first)
        #expect(table.rows.count == 5)
        for row in table.rows { #expect(row.count == table.columns.count) }
        #expect(report.plots.allSatisfy { $0.series.allSatisfy { $0.values.allSatisfy(\.isFinite) } })
        #expect(report.verdictExplanation.contains("(1) final held-out accuracy"))
        #expect(try Reproductions.named("r3l").id == "r3l")
    }

    @Test func scmaTinyRun() throws {
        let budget = SCMABudget(
            task: try SyntheticTask(kind: .addition, difficulty: 2), sft: try Self.tinySFT("verbose=1", context: 96),
            steps: 2, promptsPerStep: 2, groupSize: 2, learningRate: 1e-3, miniBatches: 1, maxCompletionLength: 16,
            lambdas: [1], policyScorerLambda: 1, heldOutProblems: 2, samples: 2)
        let context = try Self.context("scma")
        defer { try? FileManager.default.removeItem(at: context.directory) }
        let report = try SCMAReproduction().run(context, budget: budget)
        let table = try #require(report.tables.first)
        #expect(table.rows.count == 1 + 4, "base, GRPO, uniform, SCMA, SCMA with the policy as scorer")
        for row in table.rows { #expect(row.count == table.columns.count) }
        #expect(report.plots.first?.series.count == 2)
        #expect(report.verdictExplanation.contains("(1) SCMA accuracy"))
        #expect(try Reproductions.named("scma").id == "scma")
    }
}
