import Foundation
import Offline
import RLCore

/// "A Dataset Perspective on Offline Reinforcement Learning" (Schweighofer, Radler, Dinu, Hofmarcher, Patil,
/// Bitto-Nemling, Eghbal-zadeh & Hochreiter, CoLLAs 2022, arXiv:2111.04714), digest §4.
///
/// Per seed, one online DQN run on CartPole-v1 gives five datasets (``PerspectiveRecipe``: random, replay, expert,
/// noisy ε 0.2, mixed 80/20); each is measured (TQ, SACo with the study's discretisation and HyperLogLog(0.01), and
/// exact counting beside it, BC entropy, sparsity, episode length: ``DatasetMetrics``) and the nine discrete
/// learners (``OfflineAlgorithmRegistry/discrete``) are trained on it; the final policy's return is normalised like
/// TQ. Claims (paper abstract and blog): BC's return grows with TQ; the DQN family needs high SACo; the constraint
/// methods need both.
///
/// Sources: the measures and algorithms were read in the authors' code (`evaluator.py`, `agents/*.py`): TQ uses the
/// random dataset's mean return and the online run's best evaluation return; SACo counts digitised (s, a) rows
/// (100 edges between the replay dataset's per-column limits) relative to the replay dataset. Deviations for the
/// 2-core budget: 64-64 networks and Adam 1e-3 instead of 3 × 256 SELU and 1e-4 (≈ 100× fewer gradient steps),
/// final-policy returns instead of the study's evaluation curves; REM shares one α per update, QR-DQN uses the
/// QR-DQN paper's τ̂ (see their docs).
///
/// Units: `data-s<seed>` (stage 0: online DQN, five datasets written to `datasets/s<seed>/`, their measures), then
/// `<algorithm>-s<seed>` (stage 1: one learner on the five datasets of the seed).
public struct DatasetPerspectiveReproduction: UnitReproduction {
    /// The budget; nil: ``DatasetPerspectiveBudget/standard(quick:)``.
    public var budget: DatasetPerspectiveBudget?

    /// The reproduction with the standard budgets, or a custom one (tests).
    public init(budget: DatasetPerspectiveBudget? = nil) { self.budget = budget }

    public var id: String { "dataset-perspective" }
    public var paper: String {
        "\"A Dataset Perspective on Offline Reinforcement Learning\" (Schweighofer et al., CoLLAs 2022, "
            + "arXiv:2111.04714)"
    }
    public var claim: String {
        "Dataset characteristics decide which offline algorithm works: BC's return grows with trajectory quality "
            + "(TQ); the unconstrained DQN family (DQN, QR-DQN, REM) needs high state-action coverage (SACo); the "
            + "constraint methods (BCQ, CQL, CRR) do well when both are high. Measured on CartPole-v1 datasets from "
            + "one "
            + "online DQN run per seed (random, mixed 80/20, replay, noisy ε 0.2, expert), final-policy return "
            + "normalised like TQ. Checks over all (dataset, seed) points: (1) BC's Spearman ρ(return, TQ) ≥ 0.5; "
            + "(2a) the DQN family's pooled ρ(return, SACo) ≥ 0.3; (2b) on Expert data the DQN family's mean "
            + "normalised return trails BC's by ≥ 0.2; (3) BCQ/CQL/CRR pooled ρ(return, min(TQ, SACo)) ≥ 0.5. BVE "
            + "and MCE are reported, not judged. Verdict: shown if all 4 hold, partly shown if 2–3 do, else not shown."
    }
    public var defaultSeeds: Int { 3 }

    func resolvedBudget(_ context: ReproductionContext) -> DatasetPerspectiveBudget {
        budget ?? .standard(quick: context.quick)
    }

    /// Stage 0 per seed, then one unit per algorithm and seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` with fewer than two seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 2 else {
            throw ReproductionError.invalidSettings("dataset-perspective needs at least two seeds (default 3)")
        }
        let algorithms = resolvedBudget(context).algorithms
        return context.seedList.map { ReproductionUnit(key: "data-s\($0)", arm: "datasets", seed: $0, stage: 0) }
            + algorithms.flatMap { name in
                context.seedList.map { ReproductionUnit(key: "\(name)-s\($0)", arm: name, seed: $0) }
            }
    }

    func datasetFolder(_ context: ReproductionContext, seed: UInt64) -> URL {
        context.directory.appendingPathComponent("datasets").appendingPathComponent("s\(seed)")
    }

    /// The five datasets of `seed` (read from the run directory, or built and written there) and the references.
    func datasets(_ context: ReproductionContext, seed: UInt64) throws -> (
        [PerspectiveRecipe: OfflineDataset], ReferenceReturns
    ) {
        let budget = resolvedBudget(context)
        let folder = datasetFolder(context, seed: seed)
        let files = PerspectiveRecipe.allCases.map { folder.appendingPathComponent("\($0.rawValue).npz") }
        if files.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) {
            var out: [PerspectiveRecipe: OfflineDataset] = [:]
            var references: ReferenceReturns?
            for (recipe, file) in zip(PerspectiveRecipe.allCases, files) {
                let read = try DatasetFile.read(from: file.path)
                out[recipe] = read.dataset
                references = references ?? read.references
            }
            if let references { return (out, references) }
        }
        let builder = PerspectiveDatasetBuilder(
            environmentID: budget.environmentID, onlineSteps: budget.onlineSteps, transitions: budget.transitions)
        let result = try builder.build(seed: seed) { context.log($0) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (recipe, file) in zip(PerspectiveRecipe.allCases, files) {
            guard let data = result.datasets[recipe] else { continue }
            try DatasetFile.write(data, metadata: builder.metadata(recipe, result: result, seed: seed), to: file.path)
        }
        return (result.datasets, result.references)
    }

    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws
        -> DatasetPerspectiveUnitResult
    {
        guard let seed = unit.seed else { throw unknown(unit, context) }
        let budget = resolvedBudget(context)
        let (data, references) = try datasets(context, seed: seed)
        if unit.stage == 0 {
            guard let replay = data[.replay] else { throw unknown(unit, context) }
            var rows: [PerspectiveDatasetRow] = []
            for recipe in PerspectiveRecipe.allCases {
                guard let dataset = data[recipe] else { continue }
                var settings = DatasetMeasureSettings()
                settings.actionCount = 2
                settings.bcEpochs = budget.entropyEpochs
                settings.seed = seed
                let m = try DatasetMetrics.measure(
                    dataset, reference: replay, references: references, settings: settings)
                let exact = try DatasetMetrics.saco(dataset, reference: replay, counting: .exact)
                rows.append(
                    PerspectiveDatasetRow(
                        recipe: recipe.rawValue, seed: seed, tq: m.tq ?? .nan, saco: m.saco ?? .nan, sacoExact: exact,
                        entropy: m.bcEntropy ?? .nan, sparsity: m.sparsity, episodeLength: m.meanEpisodeLength,
                        meanReturn: m.meanReturn, transitions: m.transitions))
                context.log(
                    String(format: "dataset-perspective s%llu %@: TQ %.2f SACo %.2f", seed, recipe.rawValue,
                           m.tq ?? .nan, m.saco ?? .nan))
            }
            return DatasetPerspectiveUnitResult(datasets: rows, runs: nil)
        }
        var runs: [PerspectiveRunRow] = []
        for recipe in PerspectiveRecipe.allCases {
            guard let dataset = data[recipe] else { continue }
            let value = try DatasetPerspectiveTraining.finalReturn(unit.arm, data: dataset, budget: budget, seed: seed)
            let normalized = (value - references.random) / max(references.expert - references.random, 1e-9)
            runs.append(
                PerspectiveRunRow(
                    algorithm: unit.arm, recipe: recipe.rawValue, seed: seed, meanReturn: value,
                    normalized: normalized))
            context.log(
                String(format: "dataset-perspective %@ s%llu %@: return %.1f", unit.arm, seed, recipe.rawValue, value))
        }
        return DatasetPerspectiveUnitResult(datasets: nil, runs: runs)
    }

    public func report(_ results: [String: DatasetPerspectiveUnitResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let plan = try units(context)
        let ordered = try ordered(results, plan)
        let analysis = DatasetPerspectiveAnalysis(
            datasets: ordered.flatMap { $0.datasets ?? [] }, runs: ordered.flatMap { $0.runs ?? [] })
        let budget = resolvedBudget(context)
        let checks = analysis.checks()
        var checkTable = ResultTable(title: "Pre-written checks", columns: ["check", "measured", "holds"])
        checkTable.rows = checks.map { [$0.name, $0.value, $0.holds ? "yes" : "no"] }
        let verdict = DatasetPerspectiveAnalysis.verdict(checks)
        let explanation =
            "\(checks.filter(\.holds).count) of \(checks.count) checks hold. "
            + checks.map { "\($0.name): \($0.value) (\($0.holds ? "holds" : "fails"))" }.joined(separator: "; ")
            + ". Scale: \(budget.summary); \(context.seeds) seeds."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [analysis.datasetTable(), analysis.returnTable(algorithms: budget.algorithms), checkTable],
            plots: analysis.plots(algorithms: budget.algorithms), verdict: verdict, verdictExplanation: explanation,
            seconds: 0)
    }
}
