import Algorithms
import Foundation

/// Tables, checks and the verdict of the adversarial-surprise reproduction.
struct AdversarialSurpriseAnalysis {
    /// Smallest fraction of seeds in which Adversarial Surprise must cover more than a baseline (checks 1a, 1b).
    static let seedFraction = 0.7

    let seeds: [SurpriseSeedResult]
    let trainingEpisodes: Int
    let evaluationEpisodes: Int

    func results(_ method: SurpriseMethod) -> [SurpriseMethodResult] {
        seeds.compactMap { $0.methods[method.rawValue] }
    }

    func summaryTable() -> ResultTable {
        var table = ResultTable(
            title: "Coverage on SurpriseRooms (mean ± std over \(seeds.count) seeds; \(trainingEpisodes) training "
                + "episodes, \(evaluationEpisodes) evaluation episodes of 64 steps, ε 0.05)",
            columns: ["method", "distinct cells / episode", "min … max over seeds", "last 10% of training",
                      "noisy-cell steps", "dark-cell steps", "switch used", "−log p per scored step"])
        for method in SurpriseMethod.allCases {
            let runs = results(method)
            let coverage = runs.map(\.coverage)
            let surprise = runs.compactMap(\.surprisePerStep)
            table.rows.append([
                method.label, SeedSummary(coverage).formatted(digits: 2),
                String(format: "%.2f … %.2f", coverage.min() ?? .nan, coverage.max() ?? .nan),
                SeedSummary(runs.map(\.lateTrainingCoverage)).formatted(digits: 2),
                SeedSummary(runs.map(\.noisyFraction)).formatted(digits: 3),
                SeedSummary(runs.map(\.darkFraction)).formatted(digits: 3),
                SeedSummary(runs.map(\.switchRate)).formatted(digits: 2),
                surprise.isEmpty ? "—" : SeedSummary(surprise).formatted(digits: 2),
            ])
        }
        return table
    }

    func seedTable() -> ResultTable {
        var table = ResultTable(
            title: "Distinct cells per evaluation episode, per seed",
            columns: ["seed"] + SurpriseMethod.allCases.map(\.label))
        for (index, seed) in seeds.enumerated() {
            table.rows.append(["\(index)"] + SurpriseMethod.allCases.map { method in
                seed.methods[method.rawValue].map { String(format: "%.2f", $0.coverage) } ?? "—"
            })
        }
        return table
    }

    typealias Check = ClaimCheck

    func checks() -> [Check] {
        let adversarial = results(.adversarialSurprise).map(\.coverage)
        var out: [Check] = []
        for (tag, baseline) in [("1a", SurpriseMethod.surpriseSeeking), ("1b", .surpriseMinimizing)] {
            let other = results(baseline).map(\.coverage)
            let wins = zip(adversarial, other).filter { $0 > $1 }.count
            let fraction = Double(wins) / Double(max(1, other.count))
            let (a, b) = (SeedSummary(adversarial).mean, SeedSummary(other).mean)
            out.append(Check(
                name: "(\(tag)) Adversarial Surprise covers more than \(baseline.label) "
                    + "(mean, and in ≥ 70% of seeds)",
                value: String(format: "%.2f vs %.2f cells; AS ahead in %d of %d seeds", a, b, wins, other.count),
                holds: a > b && fraction >= Self.seedFraction))
        }
        return out
    }

    static func verdict(_ checks: [Check]) -> ClaimVerdict {
        let held = checks.filter(\.holds).count
        if held == checks.count { return .shown }
        return held > 0 ? .partlyShown : .notShown
    }

    func plot() -> CurvePlot {
        var plot = CurvePlot(
            name: "coverage-curves", title: "Distinct cells per training episode (SurpriseRooms, block means)",
            xLabel: "training episodes", yLabel: "distinct cells per episode")
        for method in SurpriseMethod.allCases {
            for (index, run) in results(method).enumerated() {
                plot.series.append(CurvePlot.Series(
                    label: method.label, run: "seed \(index)", steps: run.curveEpisodes, values: run.curve))
            }
        }
        return plot
    }

    func report(id: String, paper: String, claim: String, context: ReproductionContext) -> ReproductionReport {
        let checks = checks()
        let checkTable = ClaimCheck.table(checks)
        let random = SeedSummary(results(.random).map(\.coverage))
        let explanation =
            ClaimCheck.summary(checks)
            + String(format: ". Random actions cover %.2f ± %.2f cells (not judged). ", random.mean,
                     random.standardDeviation)
            + "Scale: tabular Q-learning on (cell, time bucket), \(trainingEpisodes) training episodes per method and "
            + "seed, \(seeds.count) seeds, 4 rounds of 16 steps, Explore first. Equations (from the authors' released "
            + "code, github.com/ArnaudFickinger/adversarial-surprise; the paper's method pages were not reachable, "
            + "only its abstract): log p_θ(o) = Σ_f log max(n_{f,o_f}/n, 1e-3), the per-feature categorical buffer "
            + "(buffers.py), reset each episode and fitted on Control's scored observations only; Control's reward "
            + "at step k of its round is log p_θ(o_{t+1}) if k ≥ 0.5·16, else 0 (base_surprise.py); Explore's is 0 "
            + "except −R_C, minus the next Control round's return, at its round's last step (run_minigrid.py)."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [summaryTable(), seedTable(), checkTable], plots: [plot()],
            verdict: Self.verdict(checks), verdictExplanation: explanation, seconds: 0)
    }
}
