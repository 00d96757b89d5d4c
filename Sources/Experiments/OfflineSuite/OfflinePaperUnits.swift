import Environments
import Foundation
import Offline
import RLCore

/// The unit plan of an offline paper reproduction (PRDC, A2PR): stage 0 collects the datasets of one environment
/// into the run directory's cache (`data-<env>`), stage 1 trains one variant on one dataset for one seed
/// (`<dataset>.<variant>.s<seed>`), in the order of the in-process grid (main grid, then the β sweep).
struct OfflinePaperPlan {
    let budget: OfflinePaperBudget
    /// The main table's variants.
    let main: [OfflineVariant]
    /// Whether PRDC's β sweep runs.
    let sweep: Bool
    /// (dataset, variant) in run order; seeds are innermost.
    let runs: [(spec: OfflineDatasetSpec, variant: OfflineVariant)]
    /// Every dataset (main grid, then sweep-only ones).
    let datasets: [OfflineDatasetSpec]

    init(budget: OfflinePaperBudget, main: [OfflineVariant], sweep: Bool) {
        self.budget = budget
        self.main = main
        self.sweep = sweep
        var runs = budget.datasets.flatMap { spec in main.map { (spec: spec, variant: $0) } }
        var datasets = budget.datasets
        if sweep {
            let done = Set(main.map(\.label))
            let all = budget.betas.map { OfflineVariants.prdc(beta: $0, hidden: budget.hidden) }
            let extra = budget.sweepDatasets.filter { !budget.datasets.contains($0) }
            let remaining = all.filter { !done.contains($0.label) }
            runs += budget.sweepDatasets.filter { budget.datasets.contains($0) }.flatMap { spec in
                remaining.map { (spec: spec, variant: $0) }
            }
            runs += extra.flatMap { spec in
                ([OfflineVariants.td3bc(hidden: budget.hidden)] + all).map { (spec: spec, variant: $0) }
            }
            datasets += extra
        }
        self.runs = runs
        self.datasets = datasets
    }

    static func dataKey(_ environmentID: String) -> String { "data-" + ReproductionUnit.keyFragment(environmentID) }

    static func runKey(_ spec: OfflineDatasetSpec, _ variant: OfflineVariant, _ seed: UInt64) -> String {
        "\(ReproductionUnit.keyFragment(spec.name)).\(ReproductionUnit.keyFragment(variant.label)).s\(seed)"
    }

    /// One stage-0 unit per environment, then every (dataset, variant, seed).
    func units(_ context: ReproductionContext) -> [ReproductionUnit] {
        var environments: [String] = []
        for spec in datasets where !environments.contains(spec.environmentID) {
            environments.append(spec.environmentID)
        }
        return environments.map { ReproductionUnit(key: Self.dataKey($0), arm: $0, seed: nil, stage: 0) }
            + runs.flatMap { run in
                context.seedList.map {
                    ReproductionUnit(
                        key: Self.runKey(run.spec, run.variant, $0), arm: "\(run.spec.name) \(run.variant.label)",
                        seed: $0)
                }
            }
    }

    func cache(_ context: ReproductionContext) -> OfflineDatasetCache {
        OfflineDatasetCache(
            directory: context.directory.appendingPathComponent("datasets"), seed: context.baseSeed,
            behaviourSteps: budget.behaviourSteps, log: context.log)
    }

    /// Collects (stage 0) or trains (stage 1) one unit.
    /// - Throws: ``ReproductionUnitError/unknownUnit(reproduction:key:known:)``, dataset, training or I/O errors.
    func run(_ unit: ReproductionUnit, reproduction: String, context: ReproductionContext) throws -> OfflineUnitResult {
        let cache = cache(context)
        if unit.stage == 0 {
            let specs = datasets.filter { Self.dataKey($0.environmentID) == unit.key }
            guard !specs.isEmpty else {
                throw ReproductionUnitError.unknownUnit(
                    reproduction: reproduction, key: unit.key, known: units(context).map(\.key))
            }
            return OfflineUnitResult(datasets: try specs.map { try OfflineDatasetInfo.load($0, cache: cache).info })
        }
        let stageOne = units(context).filter { $0.stage == 1 }
        guard let seed = unit.seed, let position = stageOne.firstIndex(where: { $0.key == unit.key }),
            let run = runs.first(where: { Self.runKey($0.spec, $0.variant, seed) == unit.key })
        else {
            throw ReproductionUnitError.unknownUnit(
                reproduction: reproduction, key: unit.key, known: units(context).map(\.key))
        }
        let (_, dataset, references) = try OfflineDatasetInfo.load(run.spec, cache: cache)
        var settings = budget.settings
        settings.referenceReturns = references
        let start = Date()
        let evaluations = try run.variant.run(
            dataset: dataset, environment: EnvironmentConfig(id: run.spec.environmentID), settings: settings,
            seed: seed, steps: budget.steps)
        let curve = evaluations.map { $0.normalizedScore ?? .nan }
        let tail = curve.suffix(OfflineSuite.defaultLastEvaluations)
        let score = tail.reduce(0, +) / Double(max(tail.count, 1))
        let seconds = Date().timeIntervalSince(start)
        context.log(
            String(
                format: "[%d/%d] %@ %@ seed %llu: %.1f (%.1f s)", position + 1, stageOne.count, run.spec.name,
                run.variant.label, seed, score, seconds))
        try OfflineSuite.append(
            OfflineSuite.RunRecord(
                dataset: run.spec.name, variant: run.variant.label, seed: seed, score: score,
                steps: evaluations.map(\.step), normalizedScores: curve, seconds: seconds),
            to: context.directory.appendingPathComponent("runs.jsonl"))
        return OfflineUnitResult(
            run: OfflineRunResult(
                dataset: run.spec.name, variant: run.variant.label, seed: seed, score: score,
                steps: evaluations.map { Double($0.step) }, values: curve))
    }

    /// The grid's scores, curves and dataset information from every unit, in plan order.
    func outcome(_ ordered: [OfflineUnitResult]) -> OfflinePaperRun.Outcome {
        var result = OfflineSuite.Result()
        for info in ordered.flatMap({ $0.datasets ?? [] }) {
            result.datasets[info.name] = (info.metadata, info.episodes, info.steps, info.behaviourScore)
        }
        for run in ordered.compactMap(\.run) {
            result.scores[run.dataset, default: [:]][run.variant, default: []].append(run.score)
            result.curves[run.dataset, default: []].append(
                CurvePlot.Series(label: run.variant, run: "seed \(run.seed)", steps: run.steps, values: run.values))
        }
        return OfflinePaperRun.Outcome(
            result: result, labels: main.map(\.label), betas: sweep ? budget.betas : [], steps: budget.steps)
    }
}

/// One unit of an offline paper reproduction: the datasets of one environment (stage 0) or one training run.
public struct OfflineUnitResult: Codable, Sendable {
    var datasets: [OfflineDatasetInfo]?
    var run: OfflineRunResult?

    init(datasets: [OfflineDatasetInfo]? = nil, run: OfflineRunResult? = nil) {
        self.datasets = datasets
        self.run = run
    }
}

/// A collected dataset's composition and its behaviour's normalised score.
struct OfflineDatasetInfo: Codable, Sendable {
    var name: String
    var metadata: DatasetMetadata
    var episodes: Int
    var steps: Int
    var behaviourScore: Double?

    /// Reads (or collects) `spec` and summarises it; also returns the dataset and its references.
    /// - Throws: collection errors; ``ReproductionError/invalidSettings(_:)`` without reference returns.
    static func load(
        _ spec: OfflineDatasetSpec, cache: OfflineDatasetCache
    ) throws -> (info: OfflineDatasetInfo, dataset: OfflineDataset, references: ReferenceReturns) {
        let (dataset, metadata) = try cache.dataset(spec)
        guard let references = metadata.references else {
            throw ReproductionError.invalidSettings("dataset \(spec.name) has no reference returns")
        }
        let behaviour = try? references.normalized(dataset.rewardStatistics.returnMean)
        let info = OfflineDatasetInfo(
            name: spec.name, metadata: metadata, episodes: dataset.episodes.count, steps: dataset.count,
            behaviourScore: behaviour)
        return (info, dataset, references)
    }
}

/// One (dataset, variant, seed) run: the normalised-score curve and its final score.
struct OfflineRunResult: Codable, Sendable {
    var dataset: String
    var variant: String
    var seed: UInt64
    var score: Double
    var steps: [Double]
    var values: [Double]
}
