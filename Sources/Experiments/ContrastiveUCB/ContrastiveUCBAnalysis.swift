import Algorithms
import Foundation

/// Tables, checks and the verdict of the contrastive-ucb reproduction.
struct ContrastiveUCBAnalysis {
    /// Largest ratio of Contrastive UCB's mean regret to LSVI-UCB-true's for "tracks" (check 1).
    static let trackingRatio = 2.0
    /// Largest ratio of the final mean subspace distance to the first one (check 3).
    static let distanceRatio = 0.5

    let seeds: [ContrastiveSeedResult]
    let episodes: Int

    func regrets(_ method: String) -> [Double] { seeds.map { $0.traces[method]?.regret ?? .nan } }

    func regretTable() -> ResultTable {
        let fractions = [0.25, 0.5, 1.0]
        var table = ResultTable(
            title: "Cumulative regret Σ V* − V^{π_k} (mean ± std over \(seeds.count) seeds; low-rank MDP S 50, A 4, "
                + "H 10, d 5)",
            columns: ["method"] + fractions.map { "k = \(Int((Double(episodes) * $0).rounded()))" }
                + ["regret at K per episode / V*"])
        let optimal = SeedSummary(seeds.map(\.optimalValue)).mean
        for method in ContrastiveUCBReproduction.methods {
            let runs = seeds.compactMap { $0.traces[method] }
            table.rows.append(
                [ContrastiveUCBReproduction.labels[method] ?? method]
                    + fractions.map { fraction in
                        let target = Int((Double(episodes) * fraction).rounded())
                        return SeedSummary(runs.compactMap { run in
                            run.checkpoints.firstIndex { $0 >= target }.map { run.cumulativeRegret[$0] }
                        }).formatted(digits: 1)
                    }
                    + [String(format: "%.4f", SeedSummary(regrets(method)).mean / Double(episodes) / optimal)])
        }
        return table
    }

    func distanceTable() -> ResultTable {
        var table = ResultTable(
            title: "Subspace distance sin θ_max(span φ̂, span φ*) and contrastive loss after refits (mean ± std)",
            columns: ["episode", "subspace distance", "contrastive loss"])
        let points = seeds.first?.distanceEpisodes ?? []
        for (index, episode) in points.enumerated() {
            table.rows.append([
                "\(episode)", SeedSummary(seeds.compactMap { $0.distances[safe: index] }).formatted(digits: 3),
                SeedSummary(seeds.compactMap { $0.losses[safe: index] }).formatted(digits: 4),
            ])
        }
        return table
    }

    typealias Check = ClaimCheck

    func checks() -> [Check] {
        let contrastive = regrets("contrastive"), truth = regrets("lsvi-true"), tabular = regrets("ucbvi")
        let (c, t, u) = (SeedSummary(contrastive).mean, SeedSummary(truth).mean, SeedSummary(tabular).mean)
        let wins = zip(contrastive, tabular).filter { $0 < $1 }.count
        let needed = Int((2.0 * Double(seeds.count) / 3).rounded(.up))
        let first = SeedSummary(seeds.compactMap(\.distances.first)).mean
        let last = SeedSummary(seeds.compactMap(\.distances.last)).mean
        return [
            Check(
                name: "(1) Contrastive UCB regret ≤ 2 × LSVI-UCB-true's",
                value: String(format: "%.1f vs %.1f (ratio %.2f)", c, t, c / max(t, 1e-12)),
                holds: c <= Self.trackingRatio * t),
            Check(
                name: "(2) Contrastive UCB regret < UCBVI's, in ≥ 2/3 of seeds",
                value: String(format: "%.1f vs %.1f; lower in %d/%d seeds (need %d)", c, u, wins, seeds.count, needed),
                holds: c < u && wins >= needed),
            Check(
                name: "(3) subspace distance at K ≤ 0.5 × after the first refit",
                value: String(format: "%.3f → %.3f (ratio %.2f)", first, last, last / max(first, 1e-12)),
                holds: last <= Self.distanceRatio * first),
            Check(
                name: "(4) LSVI-UCB-true regret < UCBVI's",
                value: String(format: "%.1f vs %.1f", t, u), holds: t < u),
        ]
    }

    static func verdict(_ checks: [Check]) -> ClaimVerdict {
        if checks.allSatisfy(\.holds) { return .shown }
        return checks[2].holds && (checks[0].holds || checks[1].holds) ? .partlyShown : .notShown
    }

    func plots() -> [CurvePlot] {
        var regret = CurvePlot(
            name: "regret-curves", title: "Cumulative regret (low-rank MDP S 50, A 4, H 10, d 5)", xLabel: "episodes",
            yLabel: "cumulative regret Σ V* − V^{π_k}")
        for method in ContrastiveUCBReproduction.methods {
            for (index, seed) in seeds.enumerated() {
                guard let run = seed.traces[method] else { continue }
                regret.series.append(CurvePlot.Series(
                    label: ContrastiveUCBReproduction.labels[method] ?? method, run: "seed \(index)",
                    steps: run.checkpoints.map(Double.init), values: run.cumulativeRegret))
            }
        }
        var distance = CurvePlot(
            name: "subspace-distance", title: "Subspace distance between span φ̂ and span φ*", xLabel: "episodes",
            yLabel: "sin of the largest principal angle")
        for (index, seed) in seeds.enumerated() {
            distance.series.append(CurvePlot.Series(
                label: "Contrastive UCB", run: "seed \(index)", steps: seed.distanceEpisodes.map(Double.init),
                values: seed.distances))
        }
        return [regret, distance]
    }

    func report(id: String, paper: String, claim: String, context: ReproductionContext) -> ReproductionReport {
        let checks = checks()
        let checkTable = ClaimCheck.table(checks)
        let explanation =
            ClaimCheck.summary(checks)
            + ". Scale: one low-rank MDP per seed, K = \(episodes), \(seeds.count) seeds, bonus scale 0.1 for all "
            + "three learners. Reconstruction: the contrastive loss form follows the digest (§7, not verified against "
            + "the paper body); LSVI-UCB's backup on φ̂ replaces the paper's planning with P̂ = φ̂ᵀψ̂·P⁻; the "
            + "Markov-game version is the separate contrastive-ucb-game reproduction."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [regretTable(), distanceTable(), checkTable], plots: plots(),
            verdict: Self.verdict(checks), verdictExplanation: explanation, seconds: 0)
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
