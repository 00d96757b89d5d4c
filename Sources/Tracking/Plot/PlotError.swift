/// Why a learning-curve plot could not be made.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// No run directories were given.
    case noRuns
    /// A run directory has no readable `metrics.csv`.
    case missingMetrics(path: String)
    /// The metric is not a column of a run's `metrics.csv`.
    case unknownMetric(metric: String, path: String, available: [String])
    /// The metric has no finite values in any run.
    case noData(metric: String)
    /// The smoothing window is not positive.
    case invalidSmoothing(Int)

    public var description: String {
        switch self {
        case .noRuns:
            return "no run directories given; pass one or more runs/<env>__<algo>__<seed>__<time> directories"
        case let .missingMetrics(path):
            return "\(path): no metrics.csv; is this a run directory written by `swiftrl train`?"
        case let .unknownMetric(metric, path, available):
            let guess = EditDistance.suggestion(for: metric, among: available).map { " Did you mean `\($0)`?" } ?? ""
            return "\(path): no column `\(metric)`.\(guess) Available: \(available.joined(separator: ", "))"
        case let .noData(metric):
            return "`\(metric)` has no finite values in the given runs; train longer or pick another --metric"
        case let .invalidSmoothing(window):
            return "--smooth \(window): the smoothing window must be at least 1 (1 = no smoothing)"
        }
    }
}
