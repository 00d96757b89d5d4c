import Environments
import Foundation
import Offline
import RLCore
import Tensor

/// A grid of offline runs — datasets × algorithm variants × seeds — trained with ``OfflineTrainer`` on datasets
/// made by the collection code, scored with D4RL's normalised score. Shared by the PRDC and A2PR reproductions.
public struct OfflineSuite {
    /// The datasets (table rows).
    public var datasets: [OfflineDatasetSpec]
    /// The variants trained on every dataset (table columns).
    public var variants: [OfflineVariant]
    /// Gradient steps per run.
    public var steps: Int
    /// Batch size, state normalisation, evaluation schedule (reference returns are filled in per dataset).
    public var settings: OfflineTrainerSettings
    /// A run's score is the mean normalised score of its last this-many evaluations. Default 3.
    public var lastEvaluations = defaultLastEvaluations
    /// The default of ``lastEvaluations``.
    public static let defaultLastEvaluations = 3

    /// A suite.
    public init(datasets: [OfflineDatasetSpec], variants: [OfflineVariant], steps: Int, settings: OfflineTrainerSettings) {
        self.datasets = datasets
        self.variants = variants
        self.steps = steps
        self.settings = settings
    }

    /// What the grid produced.
    public struct Result {
        /// Per dataset name, per variant label: one score per seed.
        public var scores: [String: [String: [Double]]] = [:]
        /// Per dataset name: the normalised curves of every run (label = variant, run = seed).
        public var curves: [String: [CurvePlot.Series]] = [:]
        /// Per dataset name: the collection metadata and the dataset's own normalised score (its behaviour's).
        public var datasets: [String: (metadata: DatasetMetadata, episodes: Int, steps: Int, behaviourScore: Double?)] = [:]

        /// The seed summary of a cell.
        public func summary(_ dataset: String, _ label: String) -> SeedSummary {
            SeedSummary(scores[dataset]?[label] ?? [])
        }
    }

    /// Trains every (dataset, variant, seed) and collects the scores.
    /// - Throws: dataset, training or I/O errors; ``ReproductionError/invalidSettings(_:)`` when a dataset has no
    ///   reference returns.
    public func run(context: ReproductionContext, cache: OfflineDatasetCache, into result: inout Result) throws {
        let total = datasets.count * variants.count * context.seedList.count
        var done = 0
        let log = context.directory.appendingPathComponent("runs.jsonl")
        for spec in datasets {
            let (dataset, metadata) = try cache.dataset(spec)
            guard let references = metadata.references else {
                throw ReproductionError.invalidSettings("dataset \(spec.name) has no reference returns")
            }
            let behaviour = try? references.normalized(dataset.rewardStatistics.returnMean)
            result.datasets[spec.name] = (metadata, dataset.episodes.count, dataset.count, behaviour)
            var settings = self.settings
            settings.referenceReturns = references
            for variant in variants {
                for seed in context.seedList {
                    let start = Date()
                    let evaluations = try variant.run(
                        dataset: dataset, environment: EnvironmentConfig(id: spec.environmentID), settings: settings,
                        seed: seed, steps: steps)
                    let curve = evaluations.map { $0.normalizedScore ?? .nan }
                    let tail = curve.suffix(lastEvaluations)
                    let score = tail.reduce(0, +) / Double(max(tail.count, 1))
                    result.scores[spec.name, default: [:]][variant.label, default: []].append(score)
                    result.curves[spec.name, default: []].append(
                        CurvePlot.Series(
                            label: variant.label, run: "seed \(seed)", steps: evaluations.map { Double($0.step) },
                            values: curve))
                    done += 1
                    let seconds = Date().timeIntervalSince(start)
                    context.log(
                        String(format: "[%d/%d] %@ %@ seed %llu: %.1f (%.1f s)", done, total, spec.name, variant.label, seed, score, seconds))
                    try Self.append(
                        RunRecord(dataset: spec.name, variant: variant.label, seed: seed, score: score,
                                  steps: evaluations.map(\.step), normalizedScores: curve, seconds: seconds), to: log)
                }
            }
        }
    }

    /// One line of `runs.jsonl`.
    struct RunRecord: Codable {
        var dataset, variant: String
        var seed: UInt64
        var score: Double
        var steps: [Int]
        var normalizedScores: [Double]
        var seconds: Double
    }

    static func append(_ record: RunRecord, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        text += String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
        try AtomicFile.write(text, to: url)
    }
}

/// How one configuration compares with another, given the spread over seeds.
public enum ScoreComparison: String, Sendable {
    /// Higher by more than the tolerance.
    case better
    /// Within the tolerance.
    case tie
    /// Lower by more than the tolerance.
    case worse

    /// `a` against `b`: the tolerance is `max(minimum, √(σ_a² + σ_b²))` normalised-score points, so a difference
    /// smaller than the seeds' combined spread (or than `minimum`) counts as a tie.
    public static func compare(_ a: SeedSummary, _ b: SeedSummary, minimum: Double = 5) -> ScoreComparison {
        let tolerance = max(minimum, (a.standardDeviation * a.standardDeviation + b.standardDeviation * b.standardDeviation).squareRoot())
        let difference = a.mean - b.mean
        if difference > tolerance { return .better }
        if difference < -tolerance { return .worse }
        return .tie
    }
}

extension OfflineSuite.Result {
    /// The main table: one row per dataset, the behaviour's own score, then `mean ± std` per variant.
    public func table(title: String, datasets: [OfflineDatasetSpec], labels: [String]) -> ResultTable {
        var table = ResultTable(title: title, columns: ["dataset", "behaviour"] + labels)
        for spec in datasets {
            let behaviour = self.datasets[spec.name]?.behaviourScore.map { String(format: "%.1f", $0) } ?? "–"
            table.rows.append([spec.name, behaviour] + labels.map { summary(spec.name, $0).formatted() })
        }
        return table
    }

    /// The datasets' composition and references.
    public func datasetTable(_ datasets: [OfflineDatasetSpec]) -> ResultTable {
        var table = ResultTable(
            title: "Datasets (collected in this run; scores are 100·(R − R_random)/(R_expert − R_random))",
            columns: ["dataset", "episodes", "steps", "parts", "R_random", "R_expert"])
        for spec in datasets {
            guard let info = self.datasets[spec.name] else { continue }
            let parts = info.metadata.parts.map { "\($0.episodes)× \($0.behaviour)" }.joined(separator: " + ")
            table.rows.append([
                spec.name, "\(info.episodes)", "\(info.steps)", parts,
                info.metadata.references.map { String(format: "%.1f", $0.random) } ?? "–",
                info.metadata.references.map { String(format: "%.1f", $0.expert) } ?? "–",
            ])
        }
        return table
    }

    /// One plot per dataset of the normalised score against gradient steps.
    public func plots(_ datasets: [OfflineDatasetSpec], prefix: String) -> [CurvePlot] {
        datasets.compactMap { spec in
            guard let series = curves[spec.name] else { return nil }
            let name = spec.name.replacingOccurrences(of: "+", with: "_")
            return CurvePlot(
                name: "\(prefix)-\(name)", title: "\(spec.name): normalised score", yLabel: "normalised score",
                series: series)
        }
    }
}
