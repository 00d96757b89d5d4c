import ArgumentParser
import Foundation
import Offline

/// `swiftrl dataset`: inspect offline RL datasets.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Inspect offline RL datasets (.npz in the D4RL flat layout).",
        discussion: """
            Examples:
              swiftrl dataset info hopper-medium.npz
              swiftrl dataset info data.npz --json
            """,
        subcommands: [DatasetInfoCommand.self]
    )
}

/// `swiftrl dataset info <path>`: episodes, steps, dimensions and return statistics.
struct DatasetInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Print episodes, steps, dimensions and reward/return statistics.")

    @Argument(
        help: "Dataset file (.npz with observations, actions, rewards, terminals[, timeouts, next_observations]).")
    var path: String

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    mutating func run() throws {
        let url = URL(fileURLWithPath: path)
        guard url.pathExtension.lowercased() == "npz" else {
            throw ValidationError("\(path): only .npz datasets are supported in this build (HDF5 needs the HDF5 trait)")
        }
        let dataset = try NPZ.readDataset(from: url)
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
            rewardStandardDeviation: stats.standardDeviation)
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

    var table: String {
        func f(_ x: Double) -> String { String(format: "%.4g", x) }
        return """
            \(path)
              episodes          \(episodes) (\(terminatedEpisodes) terminated, \(truncatedEpisodes) truncated)
              steps             \(steps) (episode length \(episodeLengthMin)…\(episodeLengthMax))
              observation dim   \(observationDimension)
              action dim        \(actionDimension)
              return            mean \(f(returnMean)) ± \(f(returnStandardDeviation)), \
            min \(f(returnMin)), max \(f(returnMax))
              reward per step   mean \(f(rewardMean)) ± \(f(rewardStandardDeviation))
            """
    }
}
