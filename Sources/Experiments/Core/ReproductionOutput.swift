import Foundation
import Tensor

/// Writes a report into its run directory: `results.md`, `results.json` and one SVG per plot, each atomically.
public enum ReproductionOutput {
    /// Writes `report` into `directory` and returns the written files.
    /// - Throws: `EncodingError` or the atomic-write error if a file cannot be written.
    @discardableResult
    public static func write(_ report: ReproductionReport, to directory: URL) throws -> [URL] {
        var written: [URL] = []
        let markdown = directory.appendingPathComponent("results.md")
        try AtomicFile.write(report.markdown, to: markdown)
        written.append(markdown)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = directory.appendingPathComponent("results.json")
        try AtomicFile.write(String(decoding: try encoder.encode(report), as: UTF8.self), to: json)
        written.append(json)
        for plot in report.plots where !plot.series.isEmpty {
            let url = directory.appendingPathComponent(plot.name + ".svg")
            try AtomicFile.write(plot.svg, to: url)
            written.append(url)
        }
        return written
    }
}

/// Mean ± standard deviation formatting for result cells (population std, like the papers' tables).
public struct SeedSummary: Codable, Equatable, Sendable {
    /// Mean over seeds.
    public var mean: Double
    /// Population standard deviation over seeds (0 for one seed).
    public var standardDeviation: Double
    /// Number of seeds.
    public var count: Int

    /// Summarises `values` (empty gives NaN mean).
    public init(_ values: [Double]) {
        count = values.count
        mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        let m = mean
        standardDeviation =
            values.count > 1 ? (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count)).squareRoot() : 0
    }

    /// `"mean ± std"` with `digits` decimals.
    public func formatted(digits: Int = 1) -> String {
        String(format: "%.\(digits)f ± %.\(digits)f", mean, standardDeviation)
    }
}
