import Algorithms
import Foundation

/// Tables, checks and the verdict of the conservative-exploration reproduction.
struct ConservativeExplorationAnalysis {
    /// Largest violation rate counted as "near zero" (checks 1a, 1b).
    static let violationRate = 0.001
    /// Largest ratio of a conservative method's mean regret to UCBVI's (checks 2a, 2b).
    static let regretRatio = 2.0

    let seeds: [ConservativeSeedResult]
    let episodes: Int

    func traces(_ algorithm: ExplorationAlgorithm) -> [ExplorationTrace] {
        seeds.compactMap { $0.traces[algorithm.rawValue] }
    }

    var baselineRegret: [Double] { seeds.map { Double(episodes) * ($0.optimalValue - $0.baselineValue) } }

    func regret(_ algorithm: ExplorationAlgorithm) -> SeedSummary { SeedSummary(traces(algorithm).map(\.regret)) }

    func violations(_ algorithm: ExplorationAlgorithm) -> Int { traces(algorithm).reduce(0) { $0 + $1.violations } }

    func summaryTable() -> ResultTable {
        var table = ResultTable(
            title: "Regret and episode-wise violations after K = \(episodes) episodes (mean ± std over "
                + "\(seeds.count) seeds; Garnet S 6, A 3, H 6; κ 0.1)",
            columns: ["method", "regret at K", "regret min … max", "violations (total)", "violation rate",
                      "seeds with a violation", "worst V^{π_k} − (1 − κ)V^b", "mean exploration weight"])
        for algorithm in ExplorationAlgorithm.allCases {
            let runs = traces(algorithm)
            let regrets = runs.map(\.regret)
            let margins = zip(runs, seeds).map { $0.minimumConstrainedValue - $1.threshold }
            table.rows.append([
                algorithm.label, SeedSummary(regrets).formatted(digits: 1),
                String(format: "%.1f … %.1f", regrets.min() ?? .nan, regrets.max() ?? .nan),
                "\(violations(algorithm))",
                String(format: "%.3f%%", 100 * Double(violations(algorithm)) / Double(max(1, runs.count * episodes))),
                "\(runs.filter { $0.violations > 0 }.count)/\(runs.count)",
                String(format: "%+.3f", margins.min() ?? .nan),
                SeedSummary(runs.map(\.meanExploration)).formatted(digits: 3),
            ])
        }
        let base = baselineRegret
        table.rows.append([
            "baseline π^b only", SeedSummary(base).formatted(digits: 1),
            String(format: "%.1f … %.1f", base.min() ?? .nan, base.max() ?? .nan), "0", "0.000%", "0/\(seeds.count)",
            SeedSummary(seeds.map { $0.baselineValue - $0.threshold }).formatted(digits: 3) + " (mean)", "0",
        ])
        return table
    }

    func curveTable() -> ResultTable {
        let fractions = [0.1, 0.25, 0.5, 1.0]
        var table = ResultTable(
            title: "Cumulative regret against episodes (mean ± std over seeds)",
            columns: ["method"] + fractions.map { "k = \(Int((Double(episodes) * $0).rounded()))" })
        for algorithm in ExplorationAlgorithm.allCases {
            let runs = traces(algorithm)
            table.rows.append([algorithm.label] + fractions.map { fraction in
                let target = Int((Double(episodes) * fraction).rounded())
                return SeedSummary(runs.compactMap { run in
                    run.checkpoints.firstIndex { $0 >= target }.map { run.cumulativeRegret[$0] }
                }).formatted(digits: 1)
            })
        }
        return table
    }

    typealias Check = ClaimCheck

    func checks() -> [Check] {
        let total = Double(max(1, seeds.count * episodes))
        let ucbvi = regret(.ucbvi).mean
        var out: [Check] = []
        for (tag, algorithm) in [("1a", ExplorationAlgorithm.epsmix), ("1b", .stepmix)] {
            let rate = Double(violations(algorithm)) / total
            out.append(Check(
                name: "(\(tag)) \(algorithm.label) violates in ≤ 0.1% of episodes",
                value: String(format: "%d of %.0f (%.3f%%)", violations(algorithm), total, 100 * rate),
                holds: rate <= Self.violationRate))
        }
        for (tag, algorithm) in [("2a", ExplorationAlgorithm.epsmix), ("2b", .stepmix)] {
            let ratio = regret(algorithm).mean / max(ucbvi, 1e-12)
            out.append(Check(
                name: "(\(tag)) \(algorithm.label) mean regret ≤ 2 × UCBVI's",
                value: String(format: "%.1f vs %.1f (ratio %.2f)", regret(algorithm).mean, ucbvi, ratio),
                holds: ratio <= Self.regretRatio))
        }
        out.append(Check(
            name: "(3) UCBVI violates at least once", value: "\(violations(.ucbvi)) violations",
            holds: violations(.ucbvi) > 0))
        return out
    }

    static func verdict(_ checks: [Check]) -> ClaimVerdict {
        let held = checks.filter(\.holds).count
        if held == checks.count { return .shown }
        return checks[0].holds && checks[1].holds && held >= 3 ? .partlyShown : .notShown
    }

    func plot() -> CurvePlot {
        var plot = CurvePlot(
            name: "regret-curves", title: "Cumulative regret (Garnet S 6, A 3, H 6, κ 0.1)", xLabel: "episodes",
            yLabel: "cumulative regret Σ V* − V^{π_k}")
        for algorithm in ExplorationAlgorithm.allCases {
            for (index, run) in traces(algorithm).enumerated() {
                plot.series.append(CurvePlot.Series(
                    label: algorithm.label, run: "seed \(index)", steps: run.checkpoints.map(Double.init),
                    values: run.cumulativeRegret))
            }
        }
        for (index, seed) in seeds.enumerated() {
            let steps = traces(.ucbvi).first?.checkpoints.map(Double.init) ?? []
            plot.series.append(CurvePlot.Series(
                label: "baseline π^b", run: "seed \(index)", steps: steps,
                values: steps.map { $0 * (seed.optimalValue - seed.baselineValue) }))
        }
        return plot
    }

    func report(id: String, paper: String, claim: String, context: ReproductionContext) -> ReproductionReport {
        let checks = checks()
        let checkTable = ClaimCheck.table(checks)
        let explanation =
            ClaimCheck.summary(checks)
            + ". Scale: one small Garnet per seed, K = \(episodes), \(seeds.count) seeds, bonus scale 0.1 (below the "
            + "theory constant). Reconstruction: the certificate, EpsMix's ε rule and StepMix's π̄-then-π^b family "
            + "follow the abstract and the digest, not the paper's Algorithms 1–2 (not reachable)."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [summaryTable(), curveTable(), checkTable], plots: [plot()],
            verdict: Self.verdict(checks), verdictExplanation: explanation, seconds: 0)
    }
}
