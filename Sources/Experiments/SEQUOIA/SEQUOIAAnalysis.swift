import Algorithms
import Foundation

/// Tables, checks and the verdict of the SEQUOIA reproduction.
struct SEQUOIAAnalysis {
    let seeds: [SEQUOIASeedResult]
    let trainingEpisodes: Int
    let evaluationEpisodes: Int

    static let policies: [(key: String, label: String)] = [
        ("optimal", "optimal (backward induction)"), ("sequoia", "SEQUOIA (MILP argmax, GLPK)"),
        ("myopic", "myopic"), ("random", "random feasible"), ("null", "null (no action)"),
    ]

    func returns(_ key: String) -> SeedSummary { SeedSummary(seeds.compactMap { $0.returns[key] }) }

    var totals: SEQUOIA.Stats {
        var total = SEQUOIA.Stats()
        for seed in seeds {
            total.milpSolves += seed.stats.milpSolves
            total.milpSeconds += seed.stats.milpSeconds
            total.mismatches += seed.stats.mismatches
            total.verified += seed.stats.verified
            total.memoHits += seed.stats.memoHits
            total.binariesTotal += seed.stats.binariesTotal
            total.largestObjectiveError = max(total.largestObjectiveError, seed.stats.largestObjectiveError)
        }
        return total
    }

    func summaryTable() -> ResultTable {
        var table = ResultTable(
            title: "Discounted return over \(evaluationEpisodes) common evaluation episodes (mean ± std over "
                + "\(seeds.count) seeds; J 8, capacity [3, 3], γ 0.9, H 20; SEQUOIA after \(trainingEpisodes) "
                + "training episodes)",
            columns: ["policy", "return", "per seed"])
        for (key, label) in Self.policies {
            table.rows.append([
                label, returns(key).formatted(digits: 2),
                seeds.map { String(format: "%.2f", $0.returns[key] ?? Double.nan) }.joined(separator: ", "),
            ])
        }
        table.rows.append([
            "optimal (exact expectation)", SeedSummary(seeds.map(\.optimalExact)).formatted(digits: 2), "",
        ])
        return table
    }

    func solverTable() -> ResultTable {
        let total = totals
        var table = ResultTable(
            title: "MILP argmax (GLPK; one hidden layer of 32 ReLUs, interval big-M)",
            columns: ["MILP solves", "solves/s (solver time)", "ms per solve", "checked against enumeration",
                      "mismatches", "largest |objective − Q|", "memoised targets", "unstable-ReLU binaries per MILP",
                      "training seconds per seed"])
        table.rows.append([
            "\(total.milpSolves)", String(format: "%.0f", total.solvesPerSecond),
            String(format: "%.2f", 1000 * total.milpSeconds / Double(max(1, total.milpSolves))), "\(total.verified)",
            "\(total.mismatches)", String(format: "%.1e", total.largestObjectiveError), "\(total.memoHits)",
            String(format: "%.1f", Double(total.binariesTotal) / Double(max(1, total.milpSolves))),
            SeedSummary(seeds.map(\.trainingSeconds)).formatted(digits: 1),
        ])
        return table
    }

    typealias Check = ClaimCheck

    func checks() -> [Check] {
        let sequoia = returns("sequoia").mean
        var out: [Check] = []
        for (tag, key) in [("1", "myopic"), ("2", "random")] {
            let other = returns(key).mean
            let wins = seeds.filter { ($0.returns["sequoia"] ?? -.infinity) > ($0.returns[key] ?? .infinity) }.count
            out.append(Check(
                name: "(\(tag)) SEQUOIA's mean return > \(key)'s",
                value: String(format: "%.2f vs %.2f (SEQUOIA ahead in %d of %d seeds)", sequoia, other, wins,
                              seeds.count),
                holds: sequoia > other))
        }
        let total = totals
        out.append(Check(
            name: "(3) every MILP answer attains the enumerated maximum",
            value: "\(total.mismatches) mismatches in \(total.verified) checked solves", holds: total.mismatches == 0
                && total.verified > 0))
        return out
    }

    static func verdict(_ checks: [Check]) -> ClaimVerdict {
        if checks.allSatisfy(\.holds) { return .shown }
        return checks[2].holds && (checks[0].holds || checks[1].holds) ? .partlyShown : .notShown
    }

    func plot() -> CurvePlot {
        var plot = CurvePlot(
            name: "training-returns", title: "SEQUOIA training returns (ε-greedy) against the baselines' evaluation",
            xLabel: "training episode", yLabel: "discounted return")
        for (index, seed) in seeds.enumerated() {
            let steps = seed.trainingReturns.indices.map { Double($0 + 1) }
            plot.series.append(CurvePlot.Series(
                label: "SEQUOIA (training)", run: "seed \(index)", steps: steps, values: seed.trainingReturns))
            for key in ["optimal", "myopic", "random"] {
                plot.series.append(CurvePlot.Series(
                    label: "\(key) (evaluation)", run: "seed \(index)", steps: steps,
                    values: steps.map { _ in seed.returns[key] ?? .nan }))
            }
        }
        return plot
    }

    func report(id: String, paper: String, claim: String, context: ReproductionContext) -> ReproductionReport {
        let checks = checks()
        let checkTable = ClaimCheck.table(checks)
        let total = totals
        let explanation =
            ClaimCheck.summary(checks)
            + String(format: ". Optimal %.2f, null %.2f. %d MILP solves at %.0f solves/s. ", returns("optimal").mean,
                     returns("null").mean, total.milpSolves, total.solvesPerSecond)
            + "Scale: the digest's reconstructed prototype instance (J 8), \(trainingEpisodes) training episodes, "
            + "\(seeds.count) seeds; uniform replay and hard target updates instead of the paper's prioritised replay "
            + "and soft updates; one hidden layer instead of [16, 32]."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [summaryTable(), solverTable(), checkTable], plots: [plot()],
            verdict: Self.verdict(checks), verdictExplanation: explanation, seconds: 0)
    }
}
