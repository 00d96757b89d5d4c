import Agents
import Foundation
import Testing

@testable import Experiments

/// The CaRR reproduction end to end on a tiny MiniHop budget with two seeds.
@Suite struct CaRRReproductionTests {
    @Test func tinyRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 1, directory: directory)
        let report = try CaRRReproduction(setting: IGPOReproductionTests.tiny).run(context)
        #expect(report.id == "carr" && report.tables.count == 2)
        #expect(report.tables[0].rows.count == 4 && report.tables[1].rows.count == 3)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        #expect(report.plots.first?.series.count == 3 * 2)
        #expect(report.verdictExplanation.contains("(1) C-GRPO − GRPO grounded success"))
        #expect(try Reproductions.named("carr").id == "carr")
    }
}
