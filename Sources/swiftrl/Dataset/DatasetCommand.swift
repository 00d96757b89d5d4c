import ArgumentParser
import Foundation
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
            normalizedScore: references.flatMap { try? $0.normalized(stats.returnMean) })
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

    var table: String {
        func f(_ x: Double) -> String { String(format: "%.4g", x) }
        var extra = ""
        if let environmentID { extra += "\n  environment       \(environmentID)" }
        if let recipe { extra += "\n  recipe            \(recipe)" }
        if let referenceRandom, let referenceExpert {
            extra += "\n  references        random \(f(referenceRandom)), expert \(f(referenceExpert))"
            if let normalizedScore { extra += " (dataset normalised score \(f(normalizedScore)))" }
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
