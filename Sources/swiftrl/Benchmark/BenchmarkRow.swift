import Foundation

/// One environment's aggregate over seeds.
struct BenchmarkRow: Codable {
    var environment: String
    var algorithm: String
    var seeds: Int
    var finalMeans: [Double]
    var meanReturn: Double
    var stdReturn: Double
    var meanWallSeconds: Double
    var threshold: Double?
    var reached: Int
    var secondsToThreshold: [Double]
    var stepsToThreshold: [Int]
    var medianSecondsToThreshold: Double?

    init(environment: String, algorithm: String, reports: [RunReport], threshold: Double?) {
        self.environment = environment
        self.algorithm = algorithm
        seeds = reports.count
        finalMeans = reports.compactMap(\.finalMean)
        meanReturn = finalMeans.isEmpty ? .nan : finalMeans.reduce(0, +) / Double(finalMeans.count)
        let m = meanReturn
        stdReturn =
            finalMeans.isEmpty ? .nan : (finalMeans.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(finalMeans.count)).squareRoot()
        meanWallSeconds = reports.isEmpty ? .nan : reports.map(\.wallSeconds).reduce(0, +) / Double(reports.count)
        self.threshold = threshold
        secondsToThreshold = reports.compactMap(\.reachedSeconds)
        stepsToThreshold = reports.compactMap(\.reachedStep)
        reached = secondsToThreshold.count
        let sorted = secondsToThreshold.sorted()
        medianSecondsToThreshold = sorted.isEmpty ? nil : sorted[sorted.count / 2]
    }

    static func table(_ rows: [BenchmarkRow]) -> String {
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        var text = pad("environment", 26) + pad("algo", 8) + pad("seeds", 7) + pad("final return (mean ± std)", 28)
            + pad("wall s", 9) + pad("reached", 9) + "median s to threshold\n"
        for row in rows {
            let reached = row.threshold == nil ? "-" : "\(row.reached)/\(row.seeds)"
            let median = row.medianSecondsToThreshold.map { String(format: "%.1f", $0) } ?? "-"
            text += pad(row.environment, 26) + pad(row.algorithm, 8) + pad("\(row.seeds)", 7)
                + pad(String(format: "%.1f ± %.1f", row.meanReturn, row.stdReturn), 28)
                + pad(String(format: "%.1f", row.meanWallSeconds), 9) + pad(reached, 9) + median + "\n"
        }
        return text
    }

    static func csv(_ rows: [BenchmarkRow]) -> String {
        var text = "environment,algorithm,seeds,mean_return,std_return,mean_wall_seconds,threshold,reached,median_seconds_to_threshold\n"
        for row in rows {
            text += "\(row.environment),\(row.algorithm),\(row.seeds),\(row.meanReturn),\(row.stdReturn),"
                + "\(row.meanWallSeconds),\(row.threshold.map { "\($0)" } ?? ""),\(row.reached),"
                + "\(row.medianSecondsToThreshold.map { "\($0)" } ?? "")\n"
        }
        return text
    }
}
