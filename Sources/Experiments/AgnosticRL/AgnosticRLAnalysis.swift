import Foundation

/// Tables, checks and the verdict of the agnostic-rl reproduction.
struct AgnosticRLAnalysis {
    let tree: [AgnosticCell]
    let scaling: [AgnosticCell]
    let epsilons: [Double]
    let states: [Int]
    let horizon: Int
    let delta: Double

    static let capacityRatio = 2.0, flatness = 1.5, slopeRange = -0.6 ... -0.4

    func cells(_ label: String, _ epsilon: Double) -> [AgnosticCell] {
        tree.filter { $0.label == label && $0.epsilon == epsilon }
    }

    func sumLayers(_ cells: [AgnosticCell]) -> SeedSummary {
        SeedSummary(cells.map { Double($0.layers.reduce(0, +)) })
    }

    func successRate(_ cells: [AgnosticCell]) -> Double {
        let trials = cells.map(\.trials).reduce(0, +)
        return trials > 0 ? Double(cells.map(\.successes).reduce(0, +)) / Double(trials) : .nan
    }

    func treeTable() -> ResultTable {
        var table = ResultTable(
            title: "Tree (A 2, H 6), |Π| = 64 per class, δ \(delta): generative queries and ε-optimality",
            columns: ["class", "C_h(Π; M) per layer (seed 0)", "Σ_h C_h (mean ± std)", "ε", "n per pair",
                      "queries (mean)", "success rate", "mean gap", "90% q. sup|V̂ − V|", "tabular S·A·H·n"])
        for label in AgnosticRLReproduction.treeClasses {
            for epsilon in epsilons {
                let group = cells(label, epsilon)
                guard let first = group.first else { continue }
                let trials = group.map(\.trials).reduce(0, +)
                table.rows.append([
                    label, first.layers.map(String.init).joined(separator: " "), sumLayers(group).formatted(digits: 1),
                    "\(epsilon)", "\(first.samplesPerPair)",
                    String(format: "%.0f", SeedSummary(group.map { Double($0.queries) }).mean),
                    String(format: "%.3f", successRate(group)),
                    String(format: "%.4f", group.map(\.gapTotal).reduce(0, +) / Double(max(trials, 1))),
                    SeedSummary(group.map(\.deviationQuantile)).formatted(digits: 3),
                    "\(first.states * 2 * horizon * first.samplesPerPair)",
                ])
            }
        }
        return table
    }

    func scalingTable() -> ResultTable {
        var table = ResultTable(
            title: "Π_sing on deterministic MDPs (A 2, H 6), ε 0.5: queries against S and |Π|",
            columns: ["S per layer", "|Π|", "n per pair", "Σ_h C_h (mean ± std)", "max_h C_h", "queries (mean)",
                      "tabular S·A·H·n", "success rate"])
        for s in states {
            let group = scaling.filter { $0.states == s }
            guard let first = group.first else { continue }
            table.rows.append([
                "\(s)", "\(first.classSize)", "\(first.samplesPerPair)", sumLayers(group).formatted(digits: 1),
                "\(group.map { $0.layers.max() ?? 0 }.max() ?? 0)",
                String(format: "%.0f", SeedSummary(group.map { Double($0.queries) }).mean),
                "\(s * 2 * horizon * first.samplesPerPair)", String(format: "%.3f", successRate(group)),
            ])
        }
        return table
    }

    struct Check {
        var name: String
        var value: String
        var holds: Bool
    }

    func slope(_ label: String) -> Double? {
        let points = epsilons.compactMap { epsilon -> (Double, Double)? in
            let group = cells(label, epsilon)
            guard let n = group.first?.samplesPerPair else { return nil }
            return (Double(n), SeedSummary(group.map(\.deviationQuantile)).mean)
        }
        return LogLogSlope.fit(x: points.map(\.0), y: points.map(\.1))
    }

    func checks() -> [Check] {
        let single = sumLayers(tree.filter { $0.label == "singletons" }).mean
        let random = sumLayers(tree.filter { $0.label == "random" }).mean
        let accounting = !tree.isEmpty && !tree.contains(where: \.queryMismatch)
        let bound = horizon * (horizon + 3) / 2
        let sums = states.map { s in sumLayers(scaling.filter { $0.states == s }).mean }
        let flat = (sums.max() ?? .nan) / (sums.min() ?? .nan)
        let bounded = !scaling.isEmpty && scaling.allSatisfy { $0.layers.reduce(0, +) <= bound }
        var rates: [Double] = []
        for label in AgnosticRLReproduction.treeClasses {
            for epsilon in epsilons { rates.append(successRate(cells(label, epsilon))) }
        }
        for s in states { rates.append(successRate(scaling.filter { $0.states == s })) }
        let within = !tree.isEmpty && tree.allSatisfy { $0.deviationQuantile <= $0.epsilon / 2 }
        let slopes = AgnosticRLReproduction.treeClasses.map { slope($0) }
        let slopesHold = slopes.allSatisfy { $0.map { Self.slopeRange.contains($0) } ?? false }
        let slopeText = slopes.map { $0.map { String(format: "%.3f", $0) } ?? "n/a" }.joined(separator: ", ")
        let sizes = scaling.map(\.classSize)
        return [
            Check(
                name: "(1) queries = n·Σ_h C_h in every run, and Σ C_h(random) ≥ 2 × Σ C_h(singletons) at |Π| = 64",
                value: String(format: "accounting %@; %.1f vs %.1f (%.2f×)", accounting ? "exact" : "MISMATCH",
                              random, single, random / single),
                holds: accounting && random >= Self.capacityRatio * single),
            Check(
                name: "(2) Π_sing: Σ_h C_h ≤ \(bound) at every S and seed-mean max/min ≤ 1.5 across S",
                value: String(format: "Σ C_h %@; max/min %.2f; |Π| %d … %d",
                              sums.map { String(format: "%.1f", $0) }.joined(separator: ", "), flat,
                              sizes.min() ?? 0, sizes.max() ?? 0),
                holds: bounded && flat <= Self.flatness),
            Check(
                name: "(3) success rate ≥ 1 − δ = \(1 - delta) in every cell",
                value: String(format: "min %.3f over %d cells", rates.min() ?? .nan, rates.count),
                holds: !rates.isEmpty && rates.allSatisfy { $0 >= 1 - delta }),
            Check(
                name: "(4) 90% quantile of sup|V̂ − V| ≤ ε/2 in every tree cell, log-log slope on n in [−0.6, −0.4]",
                value: "within ε/2: \(within ? "yes" : "no"); slopes \(slopeText)",
                holds: within && slopesHold),
        ]
    }

    static func verdict(_ checks: [Check]) -> ClaimVerdict {
        if checks.allSatisfy(\.holds) { return .shown }
        return checks[0].holds && checks[1].holds ? .partlyShown : .notShown
    }

    func plot() -> CurvePlot {
        var plot = CurvePlot(
            name: "capacity", title: "Reachable pairs per layer C_h(Π; M) on the tree (seed means)",
            xLabel: "layer h", yLabel: "C_h")
        for label in AgnosticRLReproduction.treeClasses {
            let group = cells(label, epsilons.first ?? 1)
            guard !group.isEmpty else { continue }
            plot.series.append(CurvePlot.Series(
                label: label, run: "mean", steps: (0..<horizon).map(Double.init),
                values: (0..<horizon).map { h in SeedSummary(group.map { Double($0.layers[h]) }).mean }))
        }
        return plot
    }

    func report(id: String, paper: String, claim: String, context: ReproductionContext) -> ReproductionReport {
        let checks = checks()
        var checkTable = ResultTable(title: "Pre-written checks", columns: ["check", "measured", "holds"])
        checkTable.rows = checks.map { [$0.name, $0.value, $0.holds ? "yes" : "no"] }
        let explanation =
            "\(checks.filter(\.holds).count) of \(checks.count) checks hold. "
            + checks.map { "\($0.name): \($0.value) (\($0.holds ? "holds" : "fails"))" }.joined(separator: "; ")
            + ". \(context.seeds) seed(s). Reconstruction: the capacity definition is the digest's recall of the "
            + "paper, the learner and its Hoeffding sample size are this module's; POPLER (online) is not built."
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [treeTable(), scalingTable(), checkTable], plots: [plot()],
            verdict: Self.verdict(checks), verdictExplanation: explanation, seconds: 0)
    }
}
