import Foundation

/// One configuration's aggregate over seeds: a row of the `benchmark` / `sweep` table.
public struct BenchmarkRow: Codable, Sendable, Equatable {
    /// Configuration label (environment, or environment + swept values).
    public var configuration: String
    /// Environment id.
    public var environment: String
    /// Algorithm name.
    public var algorithm: String
    /// Swept values of this configuration (empty for plain benchmarks).
    public var parameters: [String: String]
    /// Runs aggregated.
    public var seeds: Int
    /// Final evaluation mean of each run.
    public var finalMeans: [Double]
    /// Mean of `finalMeans`.
    public var meanReturn: Double
    /// Population standard deviation of `finalMeans`.
    public var stdReturn: Double
    /// Mean wall seconds per run.
    public var meanWallSeconds: Double
    /// The threshold whose time-to-reach is reported.
    public var threshold: Double?
    /// Runs that reached it.
    public var reached: Int
    /// Seconds to the threshold of the runs that reached it.
    public var secondsToThreshold: [Double]
    /// Steps to the threshold of the runs that reached it.
    public var stepsToThreshold: [Int]
    /// Median of `secondsToThreshold`.
    public var medianSecondsToThreshold: Double?

    /// The row for `reports` (one per seed).
    public init(
        configuration: String? = nil, environment: String, algorithm: String, parameters: [String: String] = [:],
        reports: [RunReport], threshold: Double?
    ) {
        self.configuration = configuration ?? environment
        self.environment = environment
        self.algorithm = algorithm
        self.parameters = parameters
        seeds = reports.count
        finalMeans = reports.compactMap(\.finalMean)
        meanReturn = finalMeans.isEmpty ? .nan : finalMeans.reduce(0, +) / Double(finalMeans.count)
        let m = meanReturn
        stdReturn = finalMeans.isEmpty
            ? .nan : (finalMeans.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(finalMeans.count)).squareRoot()
        meanWallSeconds = reports.isEmpty ? .nan : reports.map(\.wallSeconds).reduce(0, +) / Double(reports.count)
        self.threshold = threshold
        secondsToThreshold = reports.compactMap(\.reachedSeconds)
        stepsToThreshold = reports.compactMap(\.reachedStep)
        reached = secondsToThreshold.count
        let sorted = secondsToThreshold.sorted()
        medianSecondsToThreshold = sorted.isEmpty ? nil : sorted[sorted.count / 2]
    }

    /// The rows as a fixed-width text table.
    public static func table(_ rows: [BenchmarkRow]) -> String {
        func pad(_ text: String, _ width: Int) -> String {
            text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0)
        }
        let width = max(26, (rows.map(\.configuration.count).max() ?? 0) + 2)
        var text = pad("configuration", width) + pad("algo", 8) + pad("seeds", 7)
            + pad("final return (mean ± std)", 28) + pad("wall s", 9) + pad("reached", 9) + "median s to threshold\n"
        for row in rows {
            let reached = row.threshold == nil ? "-" : "\(row.reached)/\(row.seeds)"
            let median = row.medianSecondsToThreshold.map { String(format: "%.1f", $0) } ?? "-"
            text += pad(row.configuration, width) + pad(row.algorithm, 8) + pad("\(row.seeds)", 7)
                + pad(String(format: "%.1f ± %.1f", row.meanReturn, row.stdReturn), 28)
                + pad(String(format: "%.1f", row.meanWallSeconds), 9) + pad(reached, 9) + median + "\n"
        }
        return text
    }

    /// The rows as CSV (one column per swept key after the fixed ones).
    public static func csv(_ rows: [BenchmarkRow]) -> String {
        let keys = Array(Set(rows.flatMap(\.parameters.keys))).sorted()
        func cell(_ text: String) -> String {
            guard text.contains(where: { ",\"\n".contains($0) }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var text = (["configuration", "environment", "algorithm"] + keys + [
            "seeds", "mean_return", "std_return", "mean_wall_seconds", "threshold", "reached",
            "median_seconds_to_threshold",
        ]).map(cell).joined(separator: ",") + "\n"
        for row in rows {
            let fields = [row.configuration, row.environment, row.algorithm] + keys.map { row.parameters[$0] ?? "" } + [
                "\(row.seeds)", "\(row.meanReturn)", "\(row.stdReturn)", "\(row.meanWallSeconds)",
                row.threshold.map { "\($0)" } ?? "", "\(row.reached)",
                row.medianSecondsToThreshold.map { "\($0)" } ?? "",
            ]
            text += fields.map(cell).joined(separator: ",") + "\n"
        }
        return text
    }
}
