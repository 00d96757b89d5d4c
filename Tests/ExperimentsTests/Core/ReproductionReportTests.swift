import Foundation
import Testing

@testable import Experiments

@Suite struct ReproductionReportTests {
    @Test func markdownTablePadsRowsAndEscapesPipes() {
        let table = ResultTable(title: "Scores", columns: ["dataset", "BC", "TD3+BC"], rows: [["a|b", "1.0"]])
        #expect(table.markdown == "### Scores\n\n| dataset | BC | TD3+BC |\n| --- | --- | --- |\n| a\\|b | 1.0 |  |\n")
    }

    @Test func seedSummaryUsesPopulationStandardDeviation() {
        let summary = SeedSummary([1, 2, 3, 4])
        #expect(summary.mean == 2.5)
        #expect(abs(summary.standardDeviation - 1.25.squareRoot()) < 1e-12)
        #expect(summary.formatted(digits: 2) == "2.50 ± 1.12")
        #expect(SeedSummary([7]).standardDeviation == 0)
        #expect(SeedSummary([]).mean.isNaN)
    }

    @Test func writesMarkdownJSONAndPlotsThatRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("repro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plot = CurvePlot(
            name: "curves", title: "t", yLabel: "score",
            series: [
                .init(label: "A", run: "0", steps: [0, 1, 2], values: [0, 1, 2]),
                .init(label: "A", run: "1", steps: [0, 1, 2], values: [1, 2, 3]),
            ])
        let report = ReproductionReport(
            id: "x", paper: "P", claim: "C", quick: true, seeds: [0, 1],
            tables: [ResultTable(title: "T", columns: ["a"], rows: [["1"]])], plots: [plot], verdict: .partlyShown,
            verdictExplanation: "because", seconds: 1)
        let files = try ReproductionOutput.write(report, to: directory)
        #expect(files.map(\.lastPathComponent) == ["results.md", "results.json", "curves.svg"])
        let decoded = try JSONDecoder().decode(
            ReproductionReport.self, from: Data(contentsOf: directory.appendingPathComponent("results.json")))
        #expect(decoded == report)
        let svg = try String(contentsOf: directory.appendingPathComponent("curves.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(report.markdown.contains("**Verdict:** partly-shown. because"))
    }

    @Test func unknownIdSuggestsTheClosest() {
        #expect(throws: ReproductionError.self) { try Reproductions.named("prdd") }
        do {
            _ = try Reproductions.named("prdd")
        } catch {
            #expect(error.description.contains("Did you mean 'prdc'?"))
        }
        #expect(Set(Reproductions.all.map(\.id)).count == Reproductions.all.count)
    }
}
