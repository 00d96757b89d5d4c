import Foundation
import Testing

@testable import Experiments

/// The revealing-pomdp reproduction end to end on a tiny budget (two sizes per construction, 40 trials).
@Suite struct RevealingPOMDPReproductionTests {
    @Test func tinyRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 1, baseSeed: 3, directory: directory)
        let report = try RevealingPOMDPReproduction(tiny: true).run(context)
        #expect(report.id == "revealing-pomdp")
        #expect(report.tables.count == 3)
        #expect(report.tables[0].rows.count == 2 && report.tables[1].rows.count == 2)
        #expect(report.tables[2].rows.count == 4)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        // The instances are 2-step 1-revealing and not 1-step revealing.
        #expect(report.tables[2].rows[3][2] == "yes")
        #expect(report.verdictExplanation.contains("(1) one test"))
        #expect(try Reproductions.named("revealing-pomdp").id == "revealing-pomdp")
    }

    @Test func unitsReproduceTheInProcessRun() throws {
        try ReproductionUnitTests.expectUnitsReproduceRun(RevealingPOMDPReproduction(tiny: true), seeds: 1)
    }
}
