import Foundation

/// One metric of one run as `(step, value)` points, read from the run's `metrics.csv`.
public struct MetricSeries: Equatable, Sendable {
    /// The run's label: its directory name.
    public var run: String
    /// The experiment the run belongs to (``RunName/experiment``, or the directory name if it does not parse).
    public var experiment: String
    /// Environment steps, non-decreasing.
    public var steps: [Double]
    /// Values at `steps` (finite only; empty cells and NaN are skipped).
    public var values: [Double]

    /// A series from explicit points.
    public init(run: String, experiment: String, steps: [Double], values: [Double]) {
        self.run = run
        self.experiment = experiment
        self.steps = steps
        self.values = values
    }

    /// Reads `metric` from `<directory>/metrics.csv`.
    /// - Throws: `PlotError.missingMetrics` or `PlotError.unknownMetric`.
    public init(directory: URL, metric: String) throws(PlotError) {
        let file = directory.appendingPathComponent("metrics.csv")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw .missingMetrics(path: directory.path)
        }
        let table = CSVTable(parsing: text)
        guard let stepColumn = table.header.firstIndex(of: "step"), let column = table.header.firstIndex(of: metric)
        else {
            throw .unknownMetric(metric: metric, path: file.path, available: table.header.filter { $0 != "step" })
        }
        var points: [(Double, Double)] = []
        for row in table.rows where row.count > max(stepColumn, column) {
            guard let step = Double(row[stepColumn]), let value = Double(row[column]), value.isFinite else { continue }
            points.append((step, value))
        }
        points.sort { $0.0 < $1.0 }
        let name = directory.standardizedFileURL.lastPathComponent
        self.init(
            run: name, experiment: RunName(parsing: name)?.experiment ?? name,
            steps: points.map(\.0), values: points.map(\.1))
    }

    /// The series with each value replaced by the mean of the last `window` values (itself included).
    /// - Complexity: O(n).
    public func smoothed(window: Int) -> MetricSeries {
        guard window > 1 else { return self }
        var result = self
        var sum = 0.0
        for index in values.indices {
            sum += values[index]
            if index >= window { sum -= values[index - window] }
            result.values[index] = sum / Double(min(index + 1, window))
        }
        return result
    }

    /// The value at `step` by linear interpolation (clamped to the first/last value outside the range).
    public func value(at step: Double) -> Double? {
        guard let first = steps.first, let last = steps.last else { return nil }
        if step <= first { return values[0] }
        if step >= last { return values[values.count - 1] }
        var low = 0, high = steps.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if steps[middle] <= step { low = middle } else { high = middle }
        }
        let span = steps[high] - steps[low]
        guard span > 0 else { return values[high] }
        let t = (step - steps[low]) / span
        return values[low] + t * (values[high] - values[low])
    }
}
