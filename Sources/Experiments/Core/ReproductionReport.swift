import Foundation
import Tracking

/// Whether the paper's claim showed in this run.
public enum ClaimVerdict: String, Codable, Sendable {
    /// The comparison came out as the paper says.
    case shown
    /// Part of the claim showed (some datasets/settings), part did not.
    case partlyShown = "partly-shown"
    /// The comparison did not come out as the paper says.
    case notShown = "not-shown"
}

/// One results table: rows of formatted cells under named columns.
public struct ResultTable: Codable, Equatable, Sendable {
    /// Heading above the table.
    public var title: String
    /// Column names.
    public var columns: [String]
    /// Rows; each has `columns.count` cells.
    public var rows: [[String]]

    /// A table; rows are checked when rendered, not here.
    public init(title: String, columns: [String], rows: [[String]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// The table as GitHub-flavoured markdown (short rows are padded with empty cells).
    public var markdown: String {
        func line(_ cells: [String]) -> String {
            let padded = cells + Array(repeating: "", count: max(0, columns.count - cells.count))
            return "| " + padded.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        var text = "### \(title)\n\n" + line(columns) + "\n"
        text += "|" + columns.map { _ in " --- |" }.joined() + "\n"
        for row in rows { text += line(row) + "\n" }
        return text
    }
}

/// Learning curves for one plot (one SVG file in the run directory).
public struct CurvePlot: Codable, Equatable, Sendable {
    /// File name without extension (`curves-umaze`).
    public var name: String
    /// Plot title.
    public var title: String
    /// X-axis label.
    public var xLabel: String
    /// Y-axis label.
    public var yLabel: String
    /// One series per run; runs with the same `experiment` are drawn as one mean curve with a min–max band.
    public var series: [Series]
    /// Draw every point of each label as a dot (a scatter plot; `steps` are the x values) instead of curves.
    public var scatter: Bool? = nil

    /// A run's curve: `label` groups seeds of one configuration.
    public struct Series: Codable, Equatable, Sendable {
        /// Configuration label (legend entry); seeds share it.
        public var label: String
        /// Seed or run name.
        public var run: String
        /// X values (steps).
        public var steps: [Double]
        /// Y values.
        public var values: [Double]

        /// A series.
        public init(label: String, run: String, steps: [Double], values: [Double]) {
            self.label = label
            self.run = run
            self.steps = steps
            self.values = values
        }
    }

    /// A plot.
    public init(name: String, title: String, xLabel: String = "gradient steps", yLabel: String, series: [Series] = []) {
        self.name = name
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// The SVG document (mean curves with min–max bands per label, or a scatter of every point per label).
    public var svg: String {
        var chart = SVGLineChart(title: title, yLabel: yLabel)
        chart.xLabel = xLabel
        guard scatter == true else {
            let groups = CurveGroup.aggregate(
                series.map { MetricSeries(run: $0.run, experiment: $0.label, steps: $0.steps, values: $0.values) })
            return chart.render(groups)
        }
        var order: [String] = []
        var points: [String: (x: [Double], y: [Double])] = [:]
        for item in series {
            if points[item.label] == nil { order.append(item.label) }
            points[item.label, default: ([], [])].x += item.steps
            points[item.label, default: ([], [])].y += item.values
        }
        chart.markersOnly = true
        return chart.render(
            CurveGroup.aggregate(
                order.map {
                    MetricSeries(run: "all", experiment: $0, steps: points[$0]?.x ?? [], values: points[$0]?.y ?? [])
                }))
    }
}

/// Everything a reproduction produced: printed as markdown, saved as JSON + SVG plots.
public struct ReproductionReport: Codable, Equatable, Sendable {
    /// The reproduction's id.
    public var id: String
    /// The paper.
    public var paper: String
    /// The claim checked.
    public var claim: String
    /// Quick or full budget.
    public var quick: Bool
    /// Seeds used.
    public var seeds: [UInt64]
    /// Result tables, in order.
    public var tables: [ResultTable]
    /// Curves, one SVG each.
    public var plots: [CurvePlot]
    /// Whether the claim showed.
    public var verdict: ClaimVerdict
    /// Why: which rows support or contradict the claim, caveats of the small scale.
    public var verdictExplanation: String
    /// Wall-clock seconds of the whole experiment.
    public var seconds: Double

    /// A report.
    public init(
        id: String, paper: String, claim: String, quick: Bool, seeds: [UInt64], tables: [ResultTable],
        plots: [CurvePlot] = [], verdict: ClaimVerdict, verdictExplanation: String, seconds: Double
    ) {
        self.id = id
        self.paper = paper
        self.claim = claim
        self.quick = quick
        self.seeds = seeds
        self.tables = tables
        self.plots = plots
        self.verdict = verdict
        self.verdictExplanation = verdictExplanation
        self.seconds = seconds
    }

    /// The whole report as markdown: header, tables, verdict.
    public var markdown: String {
        var text = "## Reproduction: \(id)\n\n**Paper:** \(paper)\n\n**Claim:** \(claim)\n\n"
        text += "Budget: \(quick ? "quick" : "full"), seeds: \(seeds.map(String.init).joined(separator: ", ")), "
        text += String(format: "%.0f s.\n\n", seconds)
        for table in tables { text += table.markdown + "\n" }
        text += "**Verdict:** \(verdict.rawValue). \(verdictExplanation)\n"
        return text
    }
}
