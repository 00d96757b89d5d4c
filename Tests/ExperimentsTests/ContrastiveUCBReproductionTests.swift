import Foundation
import Testing

@testable import Experiments

/// The contrastive-ucb reproduction end to end on a tiny budget (K = 40) with two seeds.
@Suite struct ContrastiveUCBReproductionTests {
    @Test func tinyRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cucb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 3, directory: directory)
        let report = try ContrastiveUCBReproduction(tiny: true).run(context)
        #expect(report.id == "contrastive-ucb")
        #expect(report.tables.count == 3)
        #expect(report.tables[0].rows.count == 3)
        #expect(report.tables[1].rows.count >= 2)
        #expect(report.tables[2].rows.count == 4)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        #expect(report.plots.count == 2 && report.plots[0].series.count == 3 * 2)
        #expect(report.plots.allSatisfy { $0.series.allSatisfy { $0.values.allSatisfy(\.isFinite) } })
        #expect(report.verdictExplanation.contains("(1) Contrastive UCB"))
        #expect(try Reproductions.named("contrastive-ucb").id == "contrastive-ucb")
    }

    @Test func unitsReproduceTheInProcessRun() throws {
        try ReproductionUnitTests.expectUnitsReproduceRun(ContrastiveUCBReproduction(tiny: true), seeds: 2)
    }

    @Test func oneSeedIsRejected() {
        let context = ReproductionContext(quick: true, seeds: 1, directory: FileManager.default.temporaryDirectory)
        #expect(throws: ReproductionError.self) { try ContrastiveUCBReproduction().units(context) }
    }
}
