import Algorithms
import Foundation

/// Tables, checks and the verdict of the MRA reproduction.
struct MRAAnalysis {
    /// Fraction of seeds in which MRA adapted must beat the unimodal policy zero-shot (check 1).
    static let seedFraction = 0.7

    let seeds: [MRASeedResult]
    let config: MRAConfig

    var steps: Int { config.adaptationSteps }

    func evaluations(_ n: Int) -> [MRASeedResult.Evaluation] {
        seeds.compactMap { $0.evaluations.first { $0.players == n } }
    }

    func gaps(_ n: Int, _ pick: (MRASeedResult.Evaluation) -> Double) -> SeedSummary {
        SeedSummary(evaluations(n).map(pick))
    }

    static func at(_ trace: [Double], _ step: Int) -> Double {
        trace.isEmpty ? .nan : trace[min(step, trace.count - 1)]
    }

    func unseenTable() -> ResultTable {
        var table = ResultTable(
            title: "Nash gap (NashConv of the symmetric profile) on unseen population sizes, mean ± std over "
                + "\(seeds.count) seeds; adapted = after \(steps) gradient steps (η \(config.adaptationRate))",
            columns: [
                "n", "MRA zero-shot", "MRA adapted", "unimodal zero-shot", "unimodal adapted",
                "per-game reference", "seeds MRA adapted < unimodal zero-shot",
            ])
        for n in MRAReproduction.evalSizes {
            let runs = evaluations(n)
            let wins = runs.filter { Self.at($0.mra.gaps, steps) < Self.at($0.unimodal.gaps, 0) }.count
            table.rows.append([
                "\(n)", gaps(n) { Self.at($0.mra.gaps, 0) }.formatted(digits: 4),
                gaps(n) { Self.at($0.mra.gaps, steps) }.formatted(digits: 4),
                gaps(n) { Self.at($0.unimodal.gaps, 0) }.formatted(digits: 4),
                gaps(n) { Self.at($0.unimodal.gaps, steps) }.formatted(digits: 4),
                gaps(n) { $0.referenceGap }.formatted(digits: 4), "\(wins)/\(runs.count)",
            ])
        }
        return table
    }

    func adaptationTable() -> ResultTable {
        let n = MRAReproduction.evalSizes[0]
        let marks = [0, 1, 2, 5, 10, MRAReproduction.recordedSteps]
        var table = ResultTable(
            title: "Nash gap on the unseen n = \(n) against adaptation steps (mean ± std over seeds)",
            columns: ["policy"] + marks.map { "step \($0)" })
        table.rows.append(
            ["MRA (z only)"] + marks.map { step in gaps(n) { Self.at($0.mra.gaps, step) }.formatted(digits: 4) })
        table.rows.append(
            ["unimodal (logits)"]
                + marks.map { step in gaps(n) { Self.at($0.unimodal.gaps, step) }.formatted(digits: 4) })
        return table
    }

    func trainingTable() -> ResultTable {
        var table = ResultTable(
            title: "Nash gap on the training games at the end of training (mean ± std over seeds)",
            columns: ["n", "MRA (assigned mode)", "unimodal", "MRA modes used (seed 0 …)"])
        for (index, n) in MRAReproduction.trainSizes.enumerated() {
            table.rows.append([
                "\(n)", SeedSummary(seeds.map { $0.mraTrainingGaps[index] }).formatted(digits: 4),
                SeedSummary(seeds.map { $0.unimodalTrainingGaps[index] }).formatted(digits: 4),
                seeds.prefix(5).map { "\($0.mraAssignment[index])" }.joined(separator: " "),
            ])
        }
        return table
    }

    struct Check {
        var name: String
        var value: String
        var holds: Bool
    }

    func checks() -> [Check] {
        let n = MRAReproduction.evalSizes[0]
        let runs = evaluations(n)
        let adapted = gaps(n) { Self.at($0.mra.gaps, steps) }.mean
        let uniZero = gaps(n) { Self.at($0.unimodal.gaps, 0) }.mean
        let uniAdapted = gaps(n) { Self.at($0.unimodal.gaps, steps) }.mean
        let wins = runs.filter { Self.at($0.mra.gaps, steps) < Self.at($0.unimodal.gaps, 0) }.count
        let fraction = Double(wins) / Double(max(1, runs.count))
        let mraTrain = SeedSummary(seeds.map { $0.mraTrainingGaps.reduce(0, +) / Double($0.mraTrainingGaps.count) })
        let uniTrain = SeedSummary(
            seeds.map {
                $0.unimodalTrainingGaps.reduce(0, +) / Double($0.unimodalTrainingGaps.count)
            })
        return [
            Check(
                name: "(1) n = \(n): MRA adapted < unimodal zero-shot (mean, and in ≥ 70% of seeds)",
                value: String(format: "%.4f vs %.4f; %d/%d seeds", adapted, uniZero, wins, runs.count),
                holds: adapted < uniZero && fraction >= Self.seedFraction),
            Check(
                name: "(2) n = \(n): MRA adapted < unimodal adapted (\(steps) steps each)",
                value: String(format: "%.4f vs %.4f", adapted, uniAdapted), holds: adapted < uniAdapted),
            Check(
                name: "(3) training games: MRA mean gap ≤ unimodal's",
                value: String(format: "%.4f vs %.4f", mraTrain.mean, uniTrain.mean),
                holds: mraTrain.mean <= uniTrain.mean),
        ]
    }

    static func verdict(_ checks: [Check]) -> ClaimVerdict {
        if checks.allSatisfy(\.holds) { return .shown }
        return checks[0].holds && checks.filter(\.holds).count >= 2 ? .partlyShown : .notShown
    }

    func plots() -> [CurvePlot] {
        var training = CurvePlot(
            name: "training-gap", title: "Mean Nash gap on the training games (n = 2, 3, 4)", xLabel: "iteration",
            yLabel: "mean NashConv")
        var adaptation = CurvePlot(
            name: "adaptation-gap", title: "Nash gap on the unseen n = \(MRAReproduction.evalSizes[0])",
            xLabel: "adaptation step", yLabel: "NashConv")
        for (index, seed) in seeds.enumerated() {
            for (label, curve) in [("MRA", seed.mraCurve), ("unimodal", seed.unimodalCurve)] {
                training.series.append(
                    CurvePlot.Series(
                        label: label, run: "seed \(index)", steps: curve.map { Double($0.iteration) },
                        values: curve.map(\.meanGap)))
            }
            if let evaluation = seed.evaluations.first {
                for (label, trace) in [("MRA", evaluation.mra.gaps), ("unimodal", evaluation.unimodal.gaps)] {
                    adaptation.series.append(
                        CurvePlot.Series(
                            label: label, run: "seed \(index)", steps: trace.indices.map(Double.init), values: trace))
                }
            }
        }
        return [training, adaptation]
    }

    func report(id: String, paper: String, claim: String, context: ReproductionContext) -> ReproductionReport {
        let checks = checks()
        var checkTable = ResultTable(title: "Pre-written checks", columns: ["check", "measured", "holds"])
        checkTable.rows = checks.map { [$0.name, $0.value, $0.holds ? "yes" : "no"] }
        let explanation =
            "\(checks.filter(\.holds).count) of \(checks.count) checks hold. "
            + checks.map { "\($0.name): \($0.value) (\($0.holds ? "holds" : "fails"))" }.joined(separator: "; ")
            + ". Scale: one-state capacity meeting game (5 points), \(seeds.count) seeds, \(config.iterations) "
            + "iterations, L \(config.modes) modes, d \(config.latentDimension), λ \(config.miWeight), exact payoffs. "
            + "Reconstruction: the loss, the mode assignment and the adaptation rule follow the paper's description "
            + "(see the MRAReproduction notes), not its equations, which were not reachable."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [unseenTable(), adaptationTable(), trainingTable(), checkTable], plots: plots(),
            verdict: Self.verdict(checks), verdictExplanation: explanation, seconds: 0)
    }
}
