import Foundation
import Offline

/// "'Explaining RL Decisions with Trajectories': A Reproducibility Study" (Abdel Sadek, Nulli, Velja, Vincenti;
/// TMLR 2024, arXiv:2411.07200) of Deshmukh et al. (ICLR 2023, arXiv:2305.04073), digest §9: the grid-world
/// pipeline (``AttributionStudy``) per seed, and which of the study's claims hold here.
///
/// Sources. Read in the study's code (`Grid-World/env.py`, `utils.py`, `table1_and_DTDAclaim.ipynb`): the 7 × 7
/// grid, the Dyna-Q data generator (5 agents × 2 training episodes, 50 + 10 trajectories of ≤ 10 steps), the
/// tokenizer, the seq2seq LSTM (embedding 16, hidden 32, SGD 1.0, 25 epochs, clip 10), X-means (2 initial
/// k-means++ centres, ≤ 10 clusters), the data embedding softmax(Σ t / 10), value iteration (γ 0.95, 1e-4),
/// SciPy's sample-based W₁ and the attribution rule. SwiftRL choices: value iteration starts from 0 (the study
/// from random values; only the stopping point moves); the X-means split test follows pyclustering's BIC.
///
/// Units: one per seed (`seed-<s>`).
public struct TrajectoryAttributionReproduction: UnitReproduction {
    /// Autoencoder epochs override (tests run a tiny pipeline); nil uses 25.
    public var epochs: Int?

    /// The reproduction.
    public init(epochs: Int? = nil) { self.epochs = epochs }
    public var id: String { "trajectory-attribution" }
    public var paper: String {
        "\"'Explaining RL Decisions with Trajectories': A Reproducibility Study\" (Abdel Sadek et al., TMLR 2024, "
            + "arXiv:2411.07200) of Deshmukh et al. (ICLR 2023)"
    }
    public var claim: String {
        "On the 7 × 7 grid world with 60 Dyna-Q trajectories: (i) removing a cluster of trajectories lowers the "
            + "initial-state value — holds if, pooled over seeds, at least 80 % of clusters lower it; (ii) "
            + "trajectories in a cluster share high-level behaviour — holds if in at least 80 % of seeds the clusters' "
            + "purity with respect to the terminal each trajectory reaches exceeds the 95th percentile of random "
            + "partitions of the same sizes; (iii) trajectories that never visit a state can decide its action — holds "
            + "if, pooled, at least 10 % of attributions go to a cluster with no trajectory through the state. "
            + "(iv) The human study is not reproducible here and is not counted. Verdict: shown if (i)–(iii) hold, "
            + "partly shown if one or two do, otherwise not shown."
    }
    public var defaultSeeds: Int { 10 }

    var study: AttributionStudy {
        var study = AttributionStudy()
        if let epochs { study.epochs = epochs }
        return study
    }

    /// One unit per seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds > 0 else { throw ReproductionError.invalidSettings("need at least one seed") }
        return context.seedList.map { ReproductionUnit(key: "seed-\($0)", arm: "pipeline", seed: $0) }
    }

    /// The pipeline for one seed.
    /// - Throws: an unknown unit, data or tokenizer errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> AttributionStudy.Result {
        guard let seed = unit.seed, unit.key == "seed-\(seed)" else { throw unknown(unit, context) }
        let result = try study.run(seed: seed, log: context.log)
        context.log(
            "trajectory-attribution: seed \(seed): \(result.clusters.count) clusters, "
                + "\(result.explanations.count) attributions")
        return result
    }

    /// Tables and the verdict from every seed.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: AttributionStudy.Result], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let runs = try ordered(results, units(context))
        let checks = Self.checks(runs)
        var perSeed = ResultTable(
            title: "Per seed", columns: [
                "seed", "clusters", "AE loss first → last", "V(start) orig", "clusters lowering V(start)",
                "purity (random 95th pct)", "attributions / states", "distant fraction", "other clusters also change",
            ])
        for (seed, run) in zip(context.seedList, runs) {
            perSeed.rows.append([
                "\(seed)", "\(run.clusters.count)", String(format: "%.3f → %.3f", run.lossFirst, run.lossLast),
                String(format: "%.4f", run.originalStartValue), String(format: "%.2f", run.startValueDropFraction),
                String(format: "%.3f (%.3f)", run.purity, run.randomPurity95),
                "\(run.explanations.count) / \(run.statesExamined)", String(format: "%.2f", run.distantFraction),
                String(format: "%.2f", run.otherClusterChangeFraction),
            ])
        }
        var table1 = ResultTable(
            title: "Table 1 analogue, first seed (removing each cluster)",
            columns: ["cluster", "size", "V(start)", "mean max Q", "ΔQ", "action contrast", "data distance"])
        if let first = runs.first {
            table1.rows.append([
                "none (original)", "\(first.trajectories)", String(format: "%.4f", first.originalStartValue),
                String(format: "%.4f", first.originalMeanValue), "0", "1", "0",
            ])
            for e in first.effects {
                table1.rows.append([
                    "\(e.cluster)", "\(e.size)", String(format: "%.4f", e.startValue),
                    String(format: "%.4f", e.meanValue),
                    String(format: "%.4f", e.deltaQ), String(format: "%.3f", e.actionContrast),
                    String(format: "%.2e", e.dataDistance),
                ])
            }
        }
        var checkTable = ResultTable(title: "Pre-written checks", columns: ["claim", "measured", "holds"])
        checkTable.rows = checks.map { [$0.name, $0.value, $0.holds ? "yes" : "no"] }
        checkTable.rows.append(["(iv) human study", "not reproducible without participants", "not counted"])
        let held = checks.filter(\.holds).count
        let verdict: ClaimVerdict = held == checks.count ? .shown : (held > 0 ? .partlyShown : .notShown)
        let explanation =
            "\(held) of \(checks.count) claims hold over \(runs.count) seeds. "
            + checks.map { "\($0.name): \($0.value) (\($0.holds ? "holds" : "fails"))" }.joined(separator: "; ")
            + ". The study reported (i)–(iii) as partially holding and (iv) as not supported."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [checkTable, perSeed, table1], plots: [], verdict: verdict, verdictExplanation: explanation,
            seconds: 0)
    }

    /// The three pre-written checks.
    static func checks(_ runs: [AttributionStudy.Result]) -> [(name: String, value: String, holds: Bool)] {
        let clusters = runs.reduce(0) { $0 + $1.effects.count }
        let lowering = runs.reduce(0.0) { $0 + $1.startValueDropFraction * Double($1.effects.count) }
        let dropShare = lowering / Double(max(clusters, 1))
        let pure = runs.filter { $0.purity > $0.randomPurity95 }.count
        let pureShare = Double(pure) / Double(max(runs.count, 1))
        let attributions = runs.reduce(0) { $0 + $1.explanations.count }
        let distant = runs.reduce(0.0) { $0 + $1.distantFraction * Double($1.explanations.count) }
        let distantShare = distant / Double(max(attributions, 1))
        return [
            ("(i) removing a cluster lowers V(start)",
             String(format: "%.0f of %d clusters (%.2f)", lowering, clusters, dropShare), dropShare >= 0.8),
            ("(ii) clusters share behaviour",
             String(format: "purity above random 95th pct in %d of %d seeds", pure, runs.count), pureShare >= 0.8),
            ("(iii) distant trajectories decide actions",
             String(format: "%.0f of %d attributions (%.2f)", distant, attributions, distantShare),
             distantShare >= 0.1),
        ]
    }
}
