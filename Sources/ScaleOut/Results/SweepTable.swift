import Foundation
import Tensor
import Tracking

/// Aggregates the run summaries of a training plan (benchmark or sweep) into rows, and writes the table, CSV,
/// JSON and the learning-curve SVG into the sweep folder.
public enum SweepTable {
    /// One row per configuration group, in plan order; runs without a result are left out of their row.
    /// - Throws: a decoding error naming the run whose result is not a run summary.
    public static func rows(plan: RunPlan, results: [String: Data]) throws -> [BenchmarkRow] {
        var order: [String] = []
        var members: [String: [PlannedRun]] = [:]
        for run in plan.runs {
            if members[run.group] == nil { order.append(run.group) }
            members[run.group, default: []].append(run)
        }
        return try order.map { group in
            let runs = members[group] ?? []
            let reports = try runs.compactMap { run -> RunReport? in
                guard let data = results[run.id] else { return nil }
                do { return try JSONDecoder().decode(RunReport.self, from: data) } catch {
                    throw ScaleOutError.missingResult(run: run.id, reason: "its result is not a run summary: \(error)")
                }
            }
            let first = runs.first
            return BenchmarkRow(
                configuration: group, environment: first?.environment ?? "", algorithm: first?.algorithm ?? "",
                parameters: first?.parameters ?? [:], reports: reports, threshold: plan.threshold)
        }
    }

    /// The learning curves (evaluation mean return per run, grouped by configuration) as an SVG.
    public static func curves(plan: RunPlan, results: [String: Data]) -> String? {
        var series: [MetricSeries] = []
        for run in plan.runs {
            guard let data = results[run.id], let report = try? JSONDecoder().decode(RunReport.self, from: data),
                  !report.evaluations.isEmpty
            else { continue }
            series.append(MetricSeries(
                run: run.id, experiment: run.group, steps: report.evaluations.map { Double($0.step) },
                values: report.evaluations.map(\.result.mean)))
        }
        let groups = CurveGroup.aggregate(series)
        guard !groups.isEmpty else { return nil }
        return SVGLineChart(title: plan.title, yLabel: "evaluation return").render(groups)
    }

    /// Writes `<name>.json`, `<name>.csv` and `curves.svg` (when there are curves); returns the files.
    @discardableResult
    public static func write(rows: [BenchmarkRow], curves: String?, to directory: URL, name: String) throws -> [URL] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json = directory.appendingPathComponent(name + ".json")
        let csv = directory.appendingPathComponent(name + ".csv")
        try AtomicFile.write(try encoder.encode(rows), to: json)
        try AtomicFile.write(BenchmarkRow.csv(rows), to: csv)
        var files = [json, csv]
        if let curves {
            let svg = directory.appendingPathComponent("curves.svg")
            try AtomicFile.write(curves, to: svg)
            files.append(svg)
        }
        return files
    }
}
