import Algorithms
import Foundation

/// Tables, checks and the verdict of the demo-regularized reproduction.
struct DemoRegularizedAnalysis {
    let sizes: [Int]
    let budget: Int
    let problem: DemoRegularizedRun.Problem
    let ucbvi: [EpisodesToEpsilon]
    let regularised: [[EpisodesToEpsilon]]
    let rlhf: [[EpisodesToEpsilon]]
    let bcValues: [[Double]]

    static func episodes(_ outcomes: [EpisodesToEpsilon]) -> SeedSummary {
        SeedSummary(outcomes.map { Double($0.episodes) })
    }

    func report(id: String, paper: String, claim: String, context: ReproductionContext, seconds: Double)
        -> ReproductionReport
    {
        let ucbviEpisodes = Self.episodes(ucbvi)
        var table = ResultTable(
            title: String(
                format: "Episodes until V^rec ≥ V* − ε (V* %.3f, ε %.2f; mean ± std over seeds, budget %d, "
                    + "reached/seeds)",
                problem.optimum, problem.epsilon, budget),
            columns: ["N^E", "BC value", "regularised episodes", "UCBVI episodes", "RLHF episodes",
                      "regularised final value", "UCBVI final value", "RLHF final value"])
        for (index, count) in sizes.enumerated() {
            let reg = regularised[index], pref = rlhf[index]
            table.rows.append([
                "\(count)", SeedSummary(bcValues[index]).formatted(digits: 3),
                Self.episodes(reg).formatted(digits: 0) + " (\(reg.filter(\.reached).count)/\(reg.count))",
                ucbviEpisodes.formatted(digits: 0) + " (\(ucbvi.filter(\.reached).count)/\(ucbvi.count))",
                Self.episodes(pref).formatted(digits: 0) + " (\(pref.filter(\.reached).count)/\(pref.count))",
                SeedSummary(reg.map(\.finalValue)).formatted(digits: 3),
                SeedSummary(ucbvi.map(\.finalValue)).formatted(digits: 3),
                SeedSummary(pref.map(\.finalValue)).formatted(digits: 3),
            ])
        }
        let slope = LogLogSlope(
            x: sizes.map(Double.init), seeds: ucbvi.count, resamples: context.quick ? 200 : 1000, seed: 17303
        ) { picks in
            regularised.map { runs in picks.map { Double(runs[$0].episodes) }.reduce(0, +) / Double(picks.count) }
        }
        let c1 = slope.slope < 0 && slope.high < 0
        let beats = sizes.indices.filter { sizes[$0] >= 4 }.map {
            Self.episodes(regularised[$0]).mean < ucbviEpisodes.mean
        }
        let c2 = !beats.isEmpty && beats.allSatisfy { $0 }
        let margins = sizes.indices.map {
            SeedSummary(regularised[$0].map(\.finalValue)).mean - SeedSummary(bcValues[$0]).mean
        }
        let c3 = margins.allSatisfy { $0 >= -0.01 }
        let held = [c1, c2, c3].filter { $0 }.count
        let verdict: ClaimVerdict = held == 3 ? .shown : (held > 0 ? .partlyShown : .notShown)
        let explanation =
            "(1) slope of regularised episodes-to-ε vs N^E \(slope.formatted) \(c1 ? "(holds)" : "(fails)"); "
            + "(2) regularised < UCBVI (\(String(format: "%.0f", ucbviEpisodes.mean)) episodes) at "
            + "\(beats.filter { $0 }.count)/\(beats.count) N^E ≥ 4 \(c2 ? "(holds)" : "(fails)"); "
            + "(3) smallest regularised − BC final value "
            + String(format: "%+.3f", margins.min() ?? .nan) + " \(c3 ? "(holds)" : "(fails)"). "
            + "Scale: one Garnet MDP (S 20, A 4, H 10), \(budget) online episodes, \(ucbvi.count) seeds; "
            + "episodes are censored at the budget; the RLHF column is reported, not judged."
        var plot = CurvePlot(
            name: "episodes-vs-demonstrations", title: "Episodes to ε-optimality against N^E", xLabel: "log10 N^E",
            yLabel: "mean episodes")
        let x = sizes.map { log10(Double($0)) }
        plot.series = [
            CurvePlot.Series(
                label: "regularised", run: "mean", steps: x, values: regularised.map { Self.episodes($0).mean }),
            CurvePlot.Series(label: "UCBVI", run: "mean", steps: x, values: sizes.map { _ in ucbviEpisodes.mean }),
            CurvePlot.Series(
                label: "RLHF (BT reward)", run: "mean", steps: x, values: rlhf.map { Self.episodes($0).mean }),
        ]
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList, tables: [table],
            plots: [plot], verdict: verdict, verdictExplanation: explanation, seconds: seconds)
    }
}
