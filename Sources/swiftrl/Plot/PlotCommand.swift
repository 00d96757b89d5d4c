import ArgumentParser
import Foundation
import Tensor
import Tracking

/// `swiftrl plot`: learning curves of several runs as an SVG.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Plot learning curves of runs (mean and min–max band over seeds) to an SVG file.",
        discussion: """
            Runs are grouped by <env>__<algo> from their directory names; each group is drawn as the mean over \
            its seeds with a min–max band. A directory without metrics.csv (such as runs/) is expanded to the \
            run directories inside it.

            Examples:
              swiftrl plot runs/CartPole-v1__ppo__1__1764230000 -o curve.svg
              swiftrl plot runs/ -o returns.svg --smooth 10
              swiftrl plot runs/*__ppo__* -o loss.svg --metric losses/value_loss
            """
    )

    @Argument(help: "Run directories (runs/<env>__<algo>__<seed>__<time>) or folders holding them.")
    var runDirectories: [String] = []

    @Option(name: [.short, .customLong("output")], help: "SVG file to write.")
    var output: String

    @Option(help: "Metric column of metrics.csv to plot.")
    var metric: String = MetricTag.episodicReturn

    @Option(help: "Trailing moving-average window in log points (1 = no smoothing).")
    var smooth: Int = 1

    func validate() throws {
        guard !runDirectories.isEmpty else {
            throw ValidationError("give at least one run directory, e.g. `swiftrl plot runs/ -o curve.svg`")
        }
        guard smooth >= 1 else { throw ValidationError("--smooth must be at least 1 (1 = no smoothing)") }
    }

    func run() throws {
        let runs = try runDirectories.flatMap(expand)
        let svg = try LearningCurvePlot.svg(runDirectories: runs, metric: metric, smooth: smooth)
        let destination = URL(fileURLWithPath: output)
        try AtomicFile.write(svg, to: destination)
        print("wrote \(destination.path) (\(runs.count) run\(runs.count == 1 ? "" : "s"), metric \(metric))")
    }

    /// A run directory as-is, or the run directories inside a folder that has no `metrics.csv` itself.
    private func expand(_ path: String) throws -> [URL] {
        let url = URL(fileURLWithPath: path)
        let manager = FileManager.default
        if manager.fileExists(atPath: url.appendingPathComponent("metrics.csv").path) { return [url] }
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FileIOError(path: path, reason: "no such run directory")
        }
        let children = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
        let runs = children.sorted().map { url.appendingPathComponent($0) }
            .filter { manager.fileExists(atPath: $0.appendingPathComponent("metrics.csv").path) }
        guard !runs.isEmpty else { throw PlotError.missingMetrics(path: url.path) }
        return runs
    }
}
