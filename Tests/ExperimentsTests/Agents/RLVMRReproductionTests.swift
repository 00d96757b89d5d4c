import Agents
import Foundation
import Testing

@testable import Experiments

/// The RLVMR reproduction end to end on a tiny MiniALFWorld budget with two seeds.
@Suite struct RLVMRReproductionTests {
    static let tiny = MiniALFWorldRecipe(
        world: MiniALFWorldConfig(tasks: 3, distractors: 2),
        trainer: AgentTrainerConfig(groupSize: 2, tasksPerStep: 1, maxTurns: 8), coldStartSteps: 1, updates: 2,
        evaluationEpisodes: 1)

    @Test func tinyRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rlvmr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 1, directory: directory)
        let reproduction = RLVMRReproduction(recipe: Self.tiny)
        let report = try reproduction.run(context)
        #expect(report.id == "rlvmr" && report.tables.count == 2)
        #expect(report.tables[0].rows.count == 5 && report.tables[1].rows.count == 3)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        #expect(report.plots.first?.series.count == 3 * 2)
        #expect(report.verdictExplanation.contains("(3) RLVMR − GRPO L2 success"))
        #expect(try reproduction.run(context).tables == report.tables)
        #expect(try Reproductions.named("rlvmr").id == "rlvmr")
        #expect(throws: ReproductionError.self) {
            try RLVMRReproduction().units(ReproductionContext(quick: true, seeds: 1, directory: directory))
        }
    }
}
