/// The runs of one experiment (same environment and algorithm, different seeds) aggregated on a common step grid:
/// the mean curve and the min–max band.
public struct CurveGroup: Equatable, Sendable {
    /// Legend label: the experiment (`<env>__<algo>`).
    public var label: String
    /// Number of runs aggregated.
    public var runCount: Int
    /// Grid of steps.
    public var steps: [Double]
    /// Mean over runs at each step.
    public var mean: [Double]
    /// Minimum over runs at each step.
    public var minimum: [Double]
    /// Maximum over runs at each step.
    public var maximum: [Double]

    /// Groups series by experiment (in order of first appearance) and aggregates each group.
    ///
    /// A single run keeps its own steps. Several runs are interpolated onto `gridSize` evenly spaced steps over
    /// the range every run covers (from the latest first step to the earliest last step), so the band never mixes
    /// in extrapolated values; if the runs do not overlap, the union range is used with clamping.
    public static func aggregate(_ series: [MetricSeries], gridSize: Int = 200) -> [CurveGroup] {
        var order: [String] = []
        var byExperiment: [String: [MetricSeries]] = [:]
        for item in series where !item.steps.isEmpty {
            if byExperiment[item.experiment] == nil { order.append(item.experiment) }
            byExperiment[item.experiment, default: []].append(item)
        }
        return order.compactMap { label in
            byExperiment[label].flatMap { aggregate(label: label, runs: $0, gridSize: gridSize) }
        }
    }

    private static func aggregate(label: String, runs: [MetricSeries], gridSize: Int) -> CurveGroup? {
        guard let only = runs.first else { return nil }
        if runs.count == 1 {
            return CurveGroup(
                label: label, runCount: 1, steps: only.steps, mean: only.values, minimum: only.values,
                maximum: only.values)
        }
        let firsts = runs.compactMap(\.steps.first), lasts = runs.compactMap(\.steps.last)
        var start = firsts.max() ?? 0, end = lasts.min() ?? 0
        if start >= end {
            start = firsts.min() ?? 0
            end = lasts.max() ?? 0
        }
        let count = start == end ? 1 : max(gridSize, 2)
        var group = CurveGroup(label: label, runCount: runs.count, steps: [], mean: [], minimum: [], maximum: [])
        for index in 0..<count {
            let step = count == 1 ? start : start + (end - start) * Double(index) / Double(count - 1)
            let values = runs.compactMap { $0.value(at: step) }
            guard let low = values.min(), let high = values.max() else { continue }
            group.steps.append(step)
            group.mean.append(values.reduce(0, +) / Double(values.count))
            group.minimum.append(low)
            group.maximum.append(high)
        }
        return group
    }
}
