import Foundation
import Optimization
import Testing

@testable import Experiments

/// The SEQUOIA reproduction end to end on a tiny budget with two seeds (GLPK trait), or its unavailability.
@Suite struct SEQUOIAReproductionTests {
    @Test(.enabled(if: GLPKSolver.isAvailable)) func tinyRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sequoia-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 3, directory: directory)
        let report = try SEQUOIAReproduction(tiny: true).run(context)
        #expect(report.id == "sequoia")
        #expect(report.tables.count == 3)
        #expect(report.tables[0].rows.count == 6)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        #expect(report.tables[2].rows.count == 3)
        #expect(report.tables[1].rows[0][4] == "0")  // no MILP / enumeration mismatches
        #expect(report.verdictExplanation.contains("(1) SEQUOIA"))
        #expect(SEQUOIAReproduction().unavailableReason == nil)
    }

    @Test(.enabled(if: !GLPKSolver.isAvailable)) func withoutTheTraitItIsListedAsUnavailable() throws {
        let reproduction = try Reproductions.named("sequoia")
        let reason = try #require(reproduction.unavailableReason)
        #expect(reason.contains("libglpk-dev") && reason.contains("--traits GLPK"))
        let context = ReproductionContext(quick: true, seeds: 2, directory: FileManager.default.temporaryDirectory)
        #expect(try SEQUOIAReproduction().units(context).count == 2)  // the plan needs no solver; running does
        #expect(throws: ReproductionError.self) { try SEQUOIAReproduction(tiny: true).run(context) }
    }
}
