import Agents
import Foundation
import Testing

@testable import Experiments

/// The IGPO reproduction end to end on a tiny MiniHop budget with two seeds.
@Suite struct IGPOReproductionTests {
    static let tiny = MiniHopSetting(
        world: MiniHopConfig(people: 12, countries: 4, questions: 6),
        trainer: AgentTrainerConfig(groupSize: 4, tasksPerStep: 2, maxTurns: 4), updates: 6, curvePoints: 3,
        evaluationEpisodes: 2)

    @Test func tinyRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("igpo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 1, directory: directory)
        let reproduction = IGPOReproduction(setting: Self.tiny)
        let report = try reproduction.run(context)
        #expect(report.id == "igpo" && report.tables.count == 2)
        #expect(report.tables[0].rows.count == 5 && report.tables[1].rows.count == 3)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        #expect(report.plots.first?.series.count == 4 * 2)
        #expect(report.plots.allSatisfy { $0.series.allSatisfy { $0.values.allSatisfy(\.isFinite) } })
        #expect(report.verdictExplanation.contains("(2) zero-advantage groups"))
        #expect(try reproduction.run(context).tables == report.tables)
        #expect(try Reproductions.named("igpo").id == "igpo")
        #expect(throws: ReproductionError.self) {
            try IGPOReproduction().units(ReproductionContext(quick: true, seeds: 1, directory: directory))
        }
    }

    @Test func pairedDifferenceRule() {
        let shown = PairedDifference([0.6, 0.7, 0.65], [0.5, 0.55, 0.5])
        #expect(shown.shows && abs(shown.mean - 0.4 / 3) < 1e-12)
        #expect(!PairedDifference([0.51, 0.52], [0.5, 0.5]).shows)
        #expect(!PairedDifference([0.9, 0.1], [0.5, 0.4]).shows)
    }
}
