import Foundation
import Testing

@testable import Experiments

/// The MRA reproduction end to end on its quick budget with two seeds.
@Suite struct MRAReproductionTests {
    @Test func quickRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mra-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 3, directory: directory)
        let report = try MRAReproduction().run(context)
        #expect(report.id == "mra")
        #expect(report.tables.count == 4)
        #expect(report.tables[0].rows.count == 2)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        #expect(report.tables[3].rows.count == 3)
        #expect(report.plots.count == 2)
        #expect(report.plots.allSatisfy { $0.series.allSatisfy { $0.values.allSatisfy(\.isFinite) } })
        #expect(report.verdictExplanation.contains("(1) n = 5"))
        #expect(try Reproductions.named("mra").id == "mra")
    }

    @Test func unitsReproduceTheInProcessRun() throws {
        try ReproductionUnitTests.expectUnitsReproduceRun(MRAReproduction(), seeds: 2)
    }

    @Test func oneSeedIsRejected() {
        let context = ReproductionContext(quick: true, seeds: 1, directory: FileManager.default.temporaryDirectory)
        #expect(throws: ReproductionError.self) { try MRAReproduction().units(context) }
    }
}
