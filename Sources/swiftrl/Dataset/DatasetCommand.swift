import ArgumentParser
import Foundation
import Environments
import Offline

/// `swiftrl dataset`: record and inspect offline RL datasets.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Record and inspect offline RL datasets (.npz, D4RL .hdf5, Minari directories).",
        discussion: """
            Examples:
              swiftrl dataset collect --env PointMaze_UMaze-v3 --recipe medium --episodes 100 --out umaze-medium.npz
              swiftrl dataset info hopper-medium.npz
              swiftrl dataset info data.npz --json
              swiftrl dataset info minari-dataset/
              swiftrl dataset info expert.npz --measures --reference replay.npz --ref-random 22 --ref-best 500
              swiftrl dataset info expert.npz --measures --reference replay.npz --counting exact --json
            """,
        subcommands: [DatasetCollectCommand.self, DatasetInfoCommand.self]
    )
}

/// `swiftrl dataset info <path>`: episodes, steps, dimensions and return statistics.
struct DatasetInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Print episodes, steps, dimensions and reward/return statistics.")

    @Argument(
        help: """
            Dataset: .npz (D4RL flat arrays), a D4RL .hdf5 file or a Minari directory \
            (or its main_data.hdf5).
            """)
    var path: String

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(
        help: ArgumentHelp(
            "Also compute the dataset-perspective measures (Schweighofer et al. 2022).",
            discussion: """
                TQ = (mean return − random)/(best − random) (needs --ref-random/--ref-best or the file's references), \
                SACo = unique discretised (s, a) / the reference dataset's (needs --reference), BC-policy entropy \
                (Discrete actions), reward sparsity, episode length.
                """))
    var measures = false
    @Option(help: "Reference dataset for SACo (the study: the replay dataset of the same online run).")
    var reference: String?
    @Option(help: "Unique counting: exact, hll (HyperLogLog, error 0.01, the study's) or hll:<error>.")
    var counting = "hll"
    @Option(help: "Discretisation edges per (s, a) column (the study: 100).") var bins = 100
    @Option(parsing: .unconditional, help: "Random policy's mean return for TQ (default: the file's reference).")
    var refRandom: Double?
    @Option(parsing: .unconditional, help: "Best (online/expert) return for TQ (default: the file's expert reference).")
    var refBest: Double?
    @Option(help: "Environment id giving the action space for the BC entropy (default: the file's metadata).")
    var env: String?
    @Option(help: "BC-policy epochs for the entropy (the study: 10; 0 skips it).") var bcEpochs = 10

    func validate() throws {
        guard measures || (reference == nil && refRandom == nil && refBest == nil) else {
            throw ValidationError("--reference, --ref-random and --ref-best need --measures")
        }
        guard (refRandom == nil) == (refBest == nil) else {
            throw ValidationError("give both --ref-random and --ref-best, or neither")
        }
        guard bins >= 2 else { throw ValidationError("--bins must be at least 2 (the study: 100), got \(bins)") }
        guard bcEpochs >= 0 else { throw ValidationError("--bc-epochs must be ≥ 0, got \(bcEpochs)") }
        _ = try UniqueCounting(parsing: counting)
    }

    /// The dataset-perspective measures of `dataset`.
    private func computeMeasures(
        _ dataset: OfflineDataset, metadata: DatasetMetadata?, references: ReferenceReturns?
    ) throws -> DatasetMeasures {
        var settings = DatasetMeasureSettings()
        settings.counting = try UniqueCounting(parsing: counting)
        settings.bins = bins
        settings.bcEpochs = bcEpochs
        if let id = env ?? metadata?.environmentID, dataset.actionDimension == 1 {
            let environment = try EnvironmentRegistry.shared.make(id)
            if case let .discrete(space) = environment.actionSpace { settings.actionCount = space.n }
        }
        let referenceData = try reference.map { try DatasetFile.read(from: $0).dataset }
        let returns = refRandom.flatMap { r in refBest.map { ReferenceReturns(random: r, expert: $0) } } ?? references
        return try DatasetMetrics.measure(dataset, reference: referenceData, references: returns, settings: settings)
    }

    mutating func run() throws {
        let (dataset, metadata, references) = try DatasetFile.read(from: path)
        let stats = dataset.rewardStatistics
        let lengths = dataset.episodes.map(\.length)
        let terminated = dataset.episodes.filter { $0.terminations.last == true }.count
        let summary = DatasetSummary(
            path: path, episodes: dataset.episodes.count, steps: dataset.count,
            observationDimension: dataset.observationDimension, actionDimension: dataset.actionDimension,
            terminatedEpisodes: terminated, truncatedEpisodes: dataset.episodes.count - terminated,
            episodeLengthMin: lengths.min() ?? 0, episodeLengthMax: lengths.max() ?? 0,
            returnMean: stats.returnMean, returnStandardDeviation: stats.returnStandardDeviation,
            returnMin: stats.returnMin, returnMax: stats.returnMax, rewardMean: stats.mean,
            rewardStandardDeviation: stats.standardDeviation, environmentID: metadata?.environmentID,
            recipe: metadata?.recipe, referenceRandom: references?.random, referenceExpert: references?.expert,
            normalizedScore: references.flatMap { try? $0.normalized(stats.returnMean) },
            measures: measures ? try computeMeasures(dataset, metadata: metadata, references: references) : nil)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(summary.table)
        }
    }
}

/// What `dataset info` reports.
struct DatasetSummary: Codable {
    var path: String
    var episodes, steps, observationDimension, actionDimension, terminatedEpisodes, truncatedEpisodes: Int
    var episodeLengthMin, episodeLengthMax: Int
    var returnMean, returnStandardDeviation, returnMin, returnMax, rewardMean, rewardStandardDeviation: Double
    var environmentID, recipe: String?
    var referenceRandom, referenceExpert, normalizedScore: Double?
    var measures: DatasetMeasures?

    var table: String {
        func f(_ x: Double) -> String { String(format: "%.4g", x) }
        var extra = ""
        if let environmentID { extra += "\n  environment       \(environmentID)" }
        if let recipe { extra += "\n  recipe            \(recipe)" }
        if let referenceRandom, let referenceExpert {
            extra += "\n  references        random \(f(referenceRandom)), expert \(f(referenceExpert))"
            if let normalizedScore { extra += " (dataset normalised score \(f(normalizedScore)))" }
        }
        if let m = measures {
            extra += "\n  measures (Schweighofer et al. 2022; unique (s, a) counted \(m.counting))"
            extra += "\n    TQ              " + (m.tq.map { f($0) } ?? "— (give --ref-random and --ref-best)")
            extra += "\n    SACo            " + (m.saco.map {
                "\(f($0)) (\(m.uniqueStateActions) / \(m.referenceUniqueStateActions ?? 0) unique (s, a))"
            } ?? "— (give --reference; \(m.uniqueStateActions) unique (s, a))")
            extra += "\n    BC entropy      " + (m.bcEntropy.map { f($0) + " nats" } ?? "— (Discrete actions only)")
            extra += "\n    sparsity        \(f(m.sparsity))"
            extra += "\n    episode length  \(f(m.meanEpisodeLength))"
        }
        return """
            \(path)
              episodes          \(episodes) (\(terminatedEpisodes) terminated, \(truncatedEpisodes) truncated)
              steps             \(steps) (episode length \(episodeLengthMin)…\(episodeLengthMax))
              observation dim   \(observationDimension)
              action dim        \(actionDimension)
              return            mean \(f(returnMean)) ± \(f(returnStandardDeviation)), \
            min \(f(returnMin)), max \(f(returnMax))
              reward per step   mean \(f(rewardMean)) ± \(f(rewardStandardDeviation))
            """ + extra
    }
}
