import Foundation
import Testing

@testable import Experiments

/// The conservative-exploration reproduction end to end on its quick budget with two seeds.
@Suite struct ConservativeExplorationReproductionTests {
    @Test func quickRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ce-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 3, directory: directory)
        let report = try ConservativeExplorationReproduction().run(context)
        #expect(report.id == "conservative-exploration")
        #expect(report.tables.count == 3)
        let summary = try #require(report.tables.first)
        #expect(summary.rows.count == 4)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        #expect(report.tables[2].rows.count == 5)
        #expect(report.plots.first?.series.count == 4 * 2)
        #expect(report.plots.allSatisfy { $0.series.allSatisfy { $0.values.allSatisfy(\.isFinite) } })
        #expect(report.verdictExplanation.contains("(1a) EpsMix"))
        #expect(try Reproductions.named("conservative-exploration").id == "conservative-exploration")
    }

    @Test func unitsReproduceTheInProcessRun() throws {
        try ReproductionUnitTests.expectUnitsReproduceRun(ConservativeExplorationReproduction(), seeds: 2)
    }

    @Test func oneSeedIsRejected() {
        let context = ReproductionContext(quick: true, seeds: 1, directory: FileManager.default.temporaryDirectory)
        #expect(throws: ReproductionError.self) { try ConservativeExplorationReproduction().units(context) }
    }
}
