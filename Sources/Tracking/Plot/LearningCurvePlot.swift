import Foundation
import Tensor

/// Learning curves of several runs as an SVG: what `swiftrl plot` and a run's `curve.svg` use.
public enum LearningCurvePlot {
    /// Reads `metric` from each run's `metrics.csv`, smooths each run with a trailing mean over `smooth` points,
    /// groups runs by `(env, algo)` from the directory names, and renders mean curves with min–max bands.
    /// - Throws: `PlotError` if no runs are given, a run has no `metrics.csv` or no such column, the metric has
    ///   no data, or `smooth < 1`.
    public static func svg(
        runDirectories: [URL], metric: String = MetricTag.episodicReturn, smooth: Int = 1, title: String? = nil
    ) throws(PlotError) -> String {
        guard !runDirectories.isEmpty else { throw .noRuns }
        guard smooth >= 1 else { throw .invalidSmoothing(smooth) }
        var series: [MetricSeries] = []
        for directory in runDirectories {
            series.append(try MetricSeries(directory: directory, metric: metric).smoothed(window: smooth))
        }
        let groups = CurveGroup.aggregate(series)
        guard !groups.isEmpty else { throw .noData(metric: metric) }
        let suffix = smooth > 1 ? " (smoothed over \(smooth) points)" : ""
        return SVGLineChart(title: title ?? metric + suffix, yLabel: metric).render(groups)
    }

    /// Writes the run's own learning curve to `curve.svg`, atomically.
    /// - Throws: `PlotError` (no data yet) or `FileIOError` (write failed).
    public static func writeCurve(
        for run: RunDirectory, metric: String = MetricTag.episodicReturn, smooth: Int = 1
    ) throws {
        try AtomicFile.write(try svg(runDirectories: [run.url], metric: metric, smooth: smooth), to: run.curveSVG)
    }
}
