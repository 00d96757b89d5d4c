import Foundation
import Offline
import Testing

@testable import Experiments

@Test("Spearman's ρ with tied ranks, by hand")
func spearmanHandComputed() {
    #expect(DatasetPerspectiveAnalysis.ranks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2])
    #expect(abs(DatasetPerspectiveAnalysis.spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1) < 1e-12)
    #expect(abs(DatasetPerspectiveAnalysis.spearman([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-12)
    #expect(DatasetPerspectiveAnalysis.spearman([1, 2], [1, 2]).isNaN)
}

@Test("A tiny dataset-perspective reproduction: five datasets per seed, measures, returns, checks, scatter plots")
func tinyDatasetPerspectiveReproduction() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-dsp-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var shared = DiscreteQSettings()
    shared.hiddenSizes = [16]
    shared.learningRate = 1e-3
    let budget = DatasetPerspectiveBudget(
        onlineSteps: 3_000, transitions: 300, offlineSteps: 30, evaluationEpisodes: 2, entropyEpochs: 1,
        shared: shared, algorithms: ["bc-discrete", "dqn", "cql-discrete"])
    let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 5, directory: directory)
    let reproduction = DatasetPerspectiveReproduction(budget: budget)
    #expect(try reproduction.units(context).map(\.key) == [
        "data-s5", "data-s6", "bc-discrete-s5", "bc-discrete-s6", "dqn-s5", "dqn-s6", "cql-discrete-s5",
        "cql-discrete-s6",
    ])
    let report = try reproduction.run(context)
    #expect(report.id == "dataset-perspective")
    let datasets = try #require(report.tables.first)
    #expect(datasets.rows.map { $0[0] } == ["random", "mixed", "replay", "noisy", "expert"])
    let replay = try #require(datasets.rows.first { $0[0] == "replay" })
    #expect(replay[3] == "1.00 ± 0.00")  // SACo of the reference itself, exact counting
    let returns = report.tables[1]
    #expect(returns.rows.map { $0[0] } == ["bc-discrete", "dqn", "cql-discrete"])
    #expect(report.tables[2].rows.count == 4)
    #expect(report.plots.map(\.name) == ["return-vs-tq", "return-vs-saco"])
    #expect(report.plots.allSatisfy { $0.scatter == true && $0.series.count == 3 })
    #expect(report.plots[0].svg.contains("<circle"))
    // the datasets were written with their references and open with the dataset reader
    let file = directory.appendingPathComponent("datasets/s5/expert.npz").path
    let read = try DatasetFile.read(from: file)
    #expect(read.references != nil && read.metadata?.recipe == "expert")
}
