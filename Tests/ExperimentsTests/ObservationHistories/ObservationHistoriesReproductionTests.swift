import Foundation
import Offline
import Testing

@testable import Experiments

@Test("Pearson's r and the verdict rule, by hand")
func observationHistoriesAnalysisHandComputed() {
    #expect(abs(ObservationHistoriesAnalysis.pearson([1, 2, 3], [2, 4, 6]) - 1) < 1e-12)
    #expect(abs(ObservationHistoriesAnalysis.pearson([1, 2, 3], [3, 2, 1]) + 1) < 1e-12)
    #expect(ObservationHistoriesAnalysis.pearson([1, 1, 1], [1, 2, 3]).isNaN)
    let check = { (holds: Bool) in ObservationHistoriesAnalysis.Check(name: "", value: "", holds: holds) }
    #expect(ObservationHistoriesAnalysis.verdict([check(true), check(true), check(true)]) == .shown)
    #expect(ObservationHistoriesAnalysis.verdict([check(true), check(false), check(false)]) == .partlyShown)
    #expect(ObservationHistoriesAnalysis.verdict([check(false), check(false), check(false)]) == .notShown)
}

@Test("A tiny observation-histories reproduction: three arms, J(φ) for the history arms, checks and plots")
func tinyObservationHistoriesReproduction() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-obs-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var shared = DiscreteQSettings()
    shared.hiddenSizes = [16]
    shared.learningRate = 1e-3
    var budget = ObservationHistoriesBudget(
        sizes: [.init(label: "small", perFamily: 2, random: 1)], steps: 20, evaluateEvery: 10, evaluationEpisodes: 2,
        shared: shared)
    budget.encoderWidth = 8
    budget.historyLength = 2
    budget.batchSize = 16
    let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 3, directory: directory)
    let reproduction = ObservationHistoriesReproduction(budget: budget)
    #expect(try reproduction.units(context).map(\.key) == [
        "oracle-state-small-s3", "oracle-state-small-s4", "history-small-s3", "history-small-s4",
        "history-bisim-small-s3", "history-bisim-small-s4",
    ])
    let report = try reproduction.run(context)
    #expect(report.id == "observation-histories")
    #expect(report.tables[0].rows.map { $0[1] } == ["oracle-state", "history", "history+bisim"])
    #expect(report.tables[0].rows[0][3] == "—" && report.tables[0].rows[2][3] != "—")
    #expect(report.tables[1].rows.count == 3)
    #expect(report.plots.map(\.name) == ["success-small", "bisimulation-vs-return"])
    #expect(report.plots[1].series.count == 4)
    let again = try reproduction.run(context)
    #expect(again.tables == report.tables)  // same seed ⇒ same table
}
