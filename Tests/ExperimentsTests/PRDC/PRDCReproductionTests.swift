import Foundation
import Offline
import RLCore
import Testing

@testable import Experiments

@Test("A tiny PRDC reproduction: report structure, finite scores, cached dataset, verdict from the numbers")
func tinyPRDCReproduction() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-prdc-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = OfflineDatasetSpec(environmentID: "PointMaze_UMaze-v3", recipe: "mix:random=0.9,expert=0.1", episodes: 10)
    let budget = OfflinePaperBudget(
        datasets: [spec], sweepDatasets: [spec], betas: [0.1, 2], steps: 200, hidden: [16, 16],
        settings: OfflineTrainerSettings(
            batchSize: 64, logEvery: 100, evaluation: EvaluationSettings(every: 100, episodes: 2)),
        behaviourSteps: 0, summary: "test")
    let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 3, directory: directory)
    let report = try PRDCReproduction(budget: budget).run(context)

    #expect(report.id == "prdc")
    #expect(report.seeds == [3, 4])
    let main = try #require(report.tables.first)
    #expect(main.columns == ["dataset", "behaviour", "BC", "TD3+BC", "IQL", "PRDC β=2"])
    #expect(main.rows.count == 1)
    #expect(main.rows[0][0] == "umaze-random90+expert10")
    let sweep = try #require(report.tables.first { $0.title.hasPrefix("PRDC β sweep") })
    #expect(sweep.columns == ["dataset", "behaviour", "TD3+BC", "PRDC β=0.1", "PRDC β=2"])
    for row in main.rows + sweep.rows {
        for cell in row.dropFirst(2) {
            let parts = cell.components(separatedBy: " ± ").compactMap(Double.init)
            #expect(parts.count == 2 && parts.allSatisfy(\.isFinite), "cell `\(cell)` is not a finite mean ± std")
        }
        #expect(Double(row[1])?.isFinite == true)
    }
    // The curves: one series per (variant, seed) of the main grid and the sweep's extra β.
    let plot = try #require(report.plots.first)
    #expect(plot.series.count == 5 * 2)
    #expect(plot.series.allSatisfy { $0.steps == [100, 200] && $0.values.allSatisfy(\.isFinite) })
    // The verdict is one of the three, with its explanation naming the comparison.
    #expect(report.verdictExplanation.contains("PRDC (β = 2) vs TD3+BC"))
    // The dataset was collected into the run directory with its references, and runs.jsonl has every run.
    let cached = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("datasets").path)
    #expect(cached.contains { $0.hasSuffix(".npz") })
    let lines = try String(contentsOf: directory.appendingPathComponent("runs.jsonl"), encoding: .utf8)
        .split(separator: "\n")
    #expect(lines.count == 5 * 2)
    let files = try ReproductionOutput.write(report, to: directory)
    #expect(files.contains { $0.lastPathComponent == "results.md" })
}

@Test("Score comparison: differences within max(5, combined std) are ties")
func scoreComparison() {
    let a = SeedSummary([50, 60])  // 55 ± 5
    let b = SeedSummary([40, 40])  // 40 ± 0
    #expect(ScoreComparison.compare(a, b) == .better)  // 15 > max(5, 5)
    #expect(ScoreComparison.compare(b, a) == .worse)
    #expect(ScoreComparison.compare(SeedSummary([44]), b) == .tie)  // 4 < 5
    #expect(ScoreComparison.compare(SeedSummary([10, 90]), b) == .tie)  // 10 < √(40² + 0²)
}
