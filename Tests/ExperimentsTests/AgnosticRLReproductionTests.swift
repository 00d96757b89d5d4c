import Foundation
import Testing

@testable import Experiments

/// The agnostic-rl reproduction end to end on a tiny budget (two ε, two sizes, eight trials).
@Suite struct AgnosticRLReproductionTests {
    @Test func tinyRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ag-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 1, baseSeed: 3, directory: directory)
        let report = try AgnosticRLReproduction(tiny: true).run(context)
        #expect(report.id == "agnostic-rl")
        #expect(report.tables.count == 4)
        // Exact capacities: Π_sing has H + 1 = 4; all policies min(A^H, S·A) = 4.
        #expect(report.tables[0].rows[0][6] == "4" && report.tables[0].rows[1][6] == "4")
        #expect(report.tables[1].rows.count == 6 && report.tables[2].rows.count == 2)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        // On the tree the singleton class reaches 2, 3, …, 7 pairs per layer.
        #expect(report.tables[1].rows[0][1] == "2 3 4 5 6 7")
        // Query accounting and Π_sing's bound hold by construction, on any budget.
        #expect(report.tables[3].rows[0][1].hasPrefix("accounting exact"))
        #expect(report.tables[3].rows[1][2] == "yes")
        #expect(try Reproductions.named("agnostic-rl").id == "agnostic-rl")
    }

    @Test func unitsReproduceTheInProcessRun() throws {
        try ReproductionUnitTests.expectUnitsReproduceRun(AgnosticRLReproduction(tiny: true), seeds: 1)
    }
}
