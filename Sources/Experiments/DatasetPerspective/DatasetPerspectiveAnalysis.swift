import Foundation

/// The pre-written checks of the dataset-perspective reproduction and the report's tables and scatter plots.
struct DatasetPerspectiveAnalysis {
    var datasets: [PerspectiveDatasetRow]
    var runs: [PerspectiveRunRow]

    /// The DQN family (unconstrained off-policy).
    static let dqnFamily = ["dqn", "qr-dqn", "rem"]
    /// The policy-constraint / conservative methods.
    static let constraintFamily = ["bcq-discrete", "cql-discrete", "crr"]
    /// Thresholds, fixed before the first run.
    static let bcTQCorrelation = 0.5
    static let dqnSACoCorrelation = 0.3
    static let dqnExpertGap = 0.2
    static let constraintBothCorrelation = 0.5

    typealias Check = ClaimCheck

    /// Spearman's rank correlation (average ranks for ties); nan for fewer than 3 points or a constant side.
    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count, x.count >= 3 else { return .nan }
        let rx = ranks(x), ry = ranks(y)
        let mx = rx.reduce(0, +) / Double(rx.count), my = ry.reduce(0, +) / Double(ry.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(rx, ry) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }

    /// 1-based ranks, ties sharing their average rank.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var out = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for k in start...end { out[order[k]] = rank }
            start = end + 1
        }
        return out
    }

    func measure(_ run: PerspectiveRunRow) -> PerspectiveDatasetRow? {
        datasets.first { $0.recipe == run.recipe && $0.seed == run.seed }
    }

    /// (return, TQ, SACo) of every run of `algorithms` whose dataset was measured.
    func points(_ algorithms: [String]) -> [(ret: Double, tq: Double, saco: Double)] {
        runs.filter { algorithms.contains($0.algorithm) }.compactMap { run in
            measure(run).map { (run.normalized, $0.tq, $0.saco) }
        }
    }

    func meanReturn(_ algorithms: [String], recipe: String) -> Double {
        let values = runs.filter { algorithms.contains($0.algorithm) && $0.recipe == recipe }.map(\.normalized)
        return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    func checks() -> [Check] {
        let bc = points(["bc-discrete"])
        let bcRho = Self.spearman(bc.map(\.ret), bc.map(\.tq))
        let dqn = points(Self.dqnFamily)
        let dqnRho = Self.spearman(dqn.map(\.ret), dqn.map(\.saco))
        let gap = meanReturn(["bc-discrete"], recipe: "expert") - meanReturn(Self.dqnFamily, recipe: "expert")
        let constraint = points(Self.constraintFamily)
        let both = Self.spearman(constraint.map(\.ret), constraint.map { min($0.tq, $0.saco) })
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        return [
            Check(
                name: "(1) BC: Spearman ρ(return, TQ) ≥ \(Self.bcTQCorrelation)",
                value: "ρ = \(f(bcRho)) over \(bc.count) runs", holds: bcRho >= Self.bcTQCorrelation),
            Check(
                name: "(2a) DQN family (DQN, QR-DQN, REM): Spearman ρ(return, SACo) ≥ \(Self.dqnSACoCorrelation)",
                value: "ρ = \(f(dqnRho)) over \(dqn.count) runs", holds: dqnRho >= Self.dqnSACoCorrelation),
            Check(
                name: "(2b) on Expert data (high TQ, low SACo) the DQN family trails BC by ≥ \(Self.dqnExpertGap)",
                value: "BC − DQN family = \(f(gap)) (normalised return)", holds: gap >= Self.dqnExpertGap),
            Check(
                name: "(3) BCQ, CQL, CRR: Spearman ρ(return, min(TQ, SACo)) ≥ \(Self.constraintBothCorrelation)",
                value: "ρ = \(f(both)) over \(constraint.count) runs", holds: both >= Self.constraintBothCorrelation),
        ]
    }

    /// Shown if every check holds, partly shown if at least two do, otherwise not shown.
    static func verdict(_ checks: [Check]) -> ClaimVerdict {
        let held = checks.filter(\.holds).count
        return held == checks.count ? .shown : (held >= 2 ? .partlyShown : .notShown)
    }

    static func meanStd(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "—" }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(values.count - 1, 1))
        return String(format: "%.2f ± %.2f", mean, variance.squareRoot())
    }

    func datasetTable() -> ResultTable {
        var table = ResultTable(
            title: "Datasets (mean ± std over seeds)",
            columns: ["dataset", "TQ", "SACo (HLL 0.01)", "SACo (exact)", "BC entropy", "sparsity", "episode length",
                      "return", "transitions"])
        for recipe in ["random", "mixed", "replay", "noisy", "expert"] {
            let rows = datasets.filter { $0.recipe == recipe }
            guard !rows.isEmpty else { continue }
            table.rows.append([
                recipe, Self.meanStd(rows.map(\.tq)), Self.meanStd(rows.map(\.saco)),
                Self.meanStd(rows.map(\.sacoExact)),
                Self.meanStd(rows.map(\.entropy)), Self.meanStd(rows.map(\.sparsity)),
                Self.meanStd(rows.map(\.episodeLength)), Self.meanStd(rows.map(\.meanReturn)),
                "\(rows.map(\.transitions).reduce(0, +) / rows.count)",
            ])
        }
        return table
    }

    func returnTable(algorithms: [String]) -> ResultTable {
        let recipes = ["random", "mixed", "replay", "noisy", "expert"]
        var table = ResultTable(
            title: "Normalised return (R − R_random)/(R_best − R_random) of the final policy, mean ± std over seeds",
            columns: ["algorithm"] + recipes)
        for algorithm in algorithms {
            table.rows.append(
                [algorithm] + recipes.map { recipe in
                    Self.meanStd(runs.filter { $0.algorithm == algorithm && $0.recipe == recipe }.map(\.normalized))
                })
        }
        return table
    }

    /// Return vs TQ and return vs SACo, one colour per algorithm, one dot per (dataset, seed).
    func plots(algorithms: [String]) -> [CurvePlot] {
        [("tq", "TQ"), ("saco", "SACo")].map { key, label in
            var plot = CurvePlot(
                name: "return-vs-\(key)", title: "Normalised return vs \(label) (CartPole-v1)", xLabel: label,
                yLabel: "normalised return")
            plot.scatter = true
            for algorithm in algorithms {
                let p = points([algorithm])
                plot.series.append(
                    CurvePlot.Series(
                        label: algorithm, run: "all", steps: p.map { key == "tq" ? $0.tq : $0.saco },
                        values: p.map(\.ret)))
            }
            return plot
        }
    }
}
