import Foundation
import Testing

@testable import Experiments

/// The adversarial-surprise reproduction end to end on a tiny budget (the quick one is minutes in a debug build)
/// with two seeds.
@Suite struct AdversarialSurpriseReproductionTests {
    let tiny = AdversarialSurpriseReproduction(trainingEpisodes: 40, evaluationEpisodes: 5)

    @Test func quickRunProducesCompleteReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("as-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 3, directory: directory)
        let report = try tiny.run(context)
        #expect(report.id == "adversarial-surprise")
        #expect(report.tables.count == 3)
        #expect(report.tables[0].rows.count == 4)
        #expect(report.tables[1].rows.count == 2)
        #expect(report.tables[2].rows.count == 2)
        for table in report.tables { for row in table.rows { #expect(row.count == table.columns.count) } }
        #expect(report.plots.first?.series.count == 4 * 2)
        #expect(report.plots.allSatisfy { $0.series.allSatisfy { $0.values.allSatisfy(\.isFinite) } })
        #expect(report.verdictExplanation.contains("(1a) Adversarial Surprise"))
        #expect(try Reproductions.named("adversarial-surprise").id == "adversarial-surprise")
    }

    @Test func unitsReproduceTheInProcessRun() throws {
        try ReproductionUnitTests.expectUnitsReproduceRun(tiny, seeds: 2)
    }

    @Test func oneSeedIsRejected() {
        let context = ReproductionContext(quick: true, seeds: 1, directory: FileManager.default.temporaryDirectory)
        #expect(throws: ReproductionError.self) { try AdversarialSurpriseReproduction().units(context) }
    }
}
