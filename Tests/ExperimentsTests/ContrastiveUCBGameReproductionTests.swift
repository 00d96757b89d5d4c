import Foundation
import Optimization
import Testing

@testable import Experiments

/// The contrastive-ucb-game reproduction end to end on a tiny budget (GLPK trait), or its unavailability.
@Suite struct ContrastiveUCBGameReproductionTests {
    @Test(.enabled(if: GLPKSolver.isAvailable)) func tinyRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cucbg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 1, directory: directory)
        let report = try ContrastiveUCBGameReproduction(tiny: true).run(context)
        #expect(report.tables.count == 2 && report.tables[0].rows.count == 4 && report.tables[1].rows.count == 3)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        #expect(report.plots.first?.series.count == 3 * 2)
        #expect(report.plots.allSatisfy { $0.series.allSatisfy { $0.values.allSatisfy(\.isFinite) } })
        #expect(try Reproductions.named("contrastive-ucb-game").id == "contrastive-ucb-game")
    }

    @Test(.enabled(if: !GLPKSolver.isAvailable)) func withoutTheTraitItIsListedAsUnavailable() throws {
        let reason = try #require(ContrastiveUCBGameReproduction().unavailableReason)
        #expect(reason.contains("--traits GLPK"))
        let context = ReproductionContext(quick: true, seeds: 2, directory: FileManager.default.temporaryDirectory)
        #expect(throws: ReproductionError.self) { try ContrastiveUCBGameReproduction(tiny: true).run(context) }
    }
}
