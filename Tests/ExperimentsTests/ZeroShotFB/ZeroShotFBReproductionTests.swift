import Foundation
import Offline
import Testing

@testable import Experiments

@Test("zero-shot-fb checks: recovered fraction, full-data tolerance, memory gain and the verdict")
func zeroShotFBChecks() {
    func run(_ arm: ZeroShotFBArm, _ setting: ZeroShotFBSetting, _ score: Double) -> ZeroShotFBRun {
        ZeroShotFBRun(
            arm: arm.rawValue, setting: setting.rawValue, seed: 0, finalScore: score, perGoal: [score],
            finalPenalty: nil, finalAlpha: nil, steps: [], scores: [])
    }
    // FB loses 0.8 − 0.2 = 0.6; MC-FB recovers 0.55 − 0.2 = 0.35 ≈ 58% → holds; full 0.76 ≥ 0.8 − 0.05 → holds;
    // FB-M 0.5 vs FB 0.45 → +0.05 < 0.10 → fails.
    let analysis = ZeroShotFBAnalysis(runs: [
        run(.fb, .full, 0.8), run(.vcfb, .full, 0.76), run(.mcfb, .full, 0.9), run(.fb, .low, 0.2),
        run(.vcfb, .low, 0.3), run(.mcfb, .low, 0.55), run(.fb, .flicker, 0.45), run(.fbm, .flicker, 0.5),
    ])
    let checks = analysis.checks()
    #expect(checks.map(\.holds) == [true, true, false])
    #expect(checks[0].value.contains("MC-FB low 0.55") && checks[0].value.contains("recovered 58%"))
    #expect(ZeroShotFBAnalysis.verdict(checks) == .partlyShown)
    // No loss to recover: (i) fails whatever the conservative arms do.
    let flat = ZeroShotFBAnalysis(runs: [run(.fb, .full, 0.5), run(.fb, .low, 0.5), run(.vcfb, .low, 0.9)])
    #expect(!flat.checks()[0].holds)
}

@Test("A tiny zero-shot-fb reproduction: 8 arms × 2 seeds, success table, checks and curves")
func tinyZeroShotFBReproduction() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-zsfb-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var config = FBConfig()
    config.zDimension = 4
    config.forwardHidden = [8]
    config.backwardHidden = [8]
    config.conservative.lagrange = true
    var budget = ZeroShotFBBudget(
        steps: 4, batchSize: 8, evaluateEvery: 2, fullTransitions: 60, lowTransitions: 30, config: config)
    budget.memoryWidth = 4
    budget.historyLength = 2
    budget.horizon = 3
    let context = ReproductionContext(quick: true, seeds: 2, baseSeed: 5, directory: directory)
    let reproduction = ZeroShotFBReproduction(budget: budget)
    #expect(try reproduction.units(context).map(\.key).prefix(3) == ["fb-full-s5", "fb-full-s6", "vcfb-full-s5"])
    #expect(try reproduction.units(context).count == 16)
    let report = try reproduction.run(context)
    #expect(report.id == "zero-shot-fb")
    #expect(report.tables[0].rows.map { "\($0[0]) \($0[1])" } == [
        "full fb", "full vcfb", "full mcfb", "low fb", "low vcfb", "low mcfb", "flicker fb", "flicker fb-m",
    ])
    #expect(report.tables[0].rows[0][3] == "—" && report.tables[0].rows[1][3] != "—")
    #expect(report.tables[1].rows.count == 3)
    #expect(report.plots.map(\.name) == ["success-full", "success-low", "success-flicker"])
    #expect(report.plots[0].series.first?.steps == [2, 4])
    let again = try reproduction.run(context)
    #expect(again.tables == report.tables)  // same seed ⇒ same table
}
