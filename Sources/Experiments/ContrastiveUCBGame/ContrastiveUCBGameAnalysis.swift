import Foundation

/// Tables, checks and the verdict of the contrastive-ucb-game reproduction.
struct ContrastiveUCBGameAnalysis {
    let seeds: [GameSeedResult]
    let episodes: Int

    func traces(_ method: String) -> [GameTrace] { seeds.compactMap { $0.traces[method] } }
    func first(_ method: String) -> SeedSummary { SeedSummary(traces(method).compactMap(\.gaps.first)) }
    func final(_ method: String) -> SeedSummary { SeedSummary(traces(method).map(\.final)) }

    func summaryTable() -> ResultTable {
        var table = ResultTable(
            title: "Nash gap V^{†,y}(ρ) − V^{x,†}(ρ) of the planned policies (mean ± std over \(seeds.count) seeds; "
                + "low-rank game S 20, A = B = 3, H 5, d 4; K = \(episodes), replanned every 10 episodes)",
            columns: ["learner", "first plan", "final (last 10 plans)", "final / first"])
        for method in ContrastiveUCBGameReproduction.methods {
            table.rows.append([
                ContrastiveUCBGameReproduction.labels[method] ?? method, first(method).formatted(digits: 3),
                final(method).formatted(digits: 3), String(format: "%.2f", final(method).mean / first(method).mean),
            ])
        }
        table.rows.append([
            "Nash value V*(ρ) (exact, per-state LPs)", SeedSummary(seeds.map(\.nashValue)).formatted(digits: 3), "", "",
        ])
        return table
    }

    typealias Check = ClaimCheck

    func checks() -> [Check] {
        var out: [Check] = []
        for (tag, method) in [("1", "contrastive"), ("2", "true")] {
            let ratio = final(method).mean / max(first(method).mean, 1e-12)
            out.append(Check(
                name: "(\(tag)) \(ContrastiveUCBGameReproduction.labels[method] ?? method): final gap ≤ 0.5 × first",
                value: String(format: "%.3f vs %.3f (ratio %.2f)", final(method).mean, first(method).mean, ratio),
                holds: ratio <= 0.5))
        }
        let ratio = final("contrastive").mean / max(final("true").mean, 1e-12)
        out.append(Check(
            name: "(3) contrastive final gap ≤ 2 × true-φ* final gap",
            value: String(format: "%.3f vs %.3f (ratio %.2f)", final("contrastive").mean, final("true").mean, ratio),
            holds: ratio <= 2))
        return out
    }

    static func verdict(_ checks: [Check]) -> ClaimVerdict {
        if checks.allSatisfy(\.holds) { return .shown }
        return checks[0].holds && (checks[1].holds || checks[2].holds) ? .partlyShown : .notShown
    }

    func plot() -> CurvePlot {
        var plot = CurvePlot(
            name: "nash-gap", title: "Nash gap of the planned policies (zero-sum low-rank Markov game)",
            xLabel: "episodes", yLabel: "Nash gap V^{†,y}(ρ) − V^{x,†}(ρ)")
        for method in ContrastiveUCBGameReproduction.methods {
            for (index, trace) in traces(method).enumerated() {
                plot.series.append(CurvePlot.Series(
                    label: ContrastiveUCBGameReproduction.labels[method] ?? method, run: "seed \(index)",
                    steps: trace.episodes.map(Double.init), values: trace.gaps))
            }
        }
        return plot
    }

    func report(id: String, paper: String, claim: String, context: ReproductionContext) -> ReproductionReport {
        let checks = checks()
        let checkTable = ClaimCheck.table(checks)
        let explanation =
            ClaimCheck.summary(checks)
            + ". Scale: one small low-rank game per seed, K = \(episodes), \(seeds.count) seeds, bonus scale 0.1. "
            + "Reconstruction: the upper/lower bounds with a Nash LP per state follow the digest (§7 ⚠️), not the "
            + "paper's algorithm pages (not reachable)."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [summaryTable(), checkTable], plots: [plot()], verdict: Self.verdict(checks),
            verdictExplanation: explanation, seconds: 0)
    }
}
