import Foundation

/// Tables, plots and the pre-written checks of the observation-histories reproduction.
struct ObservationHistoriesAnalysis {
    var runs: [ObservationHistoriesRun]
    var sizes: [String]

    /// One pre-written check.
    typealias Check = ClaimCheck

    /// The thresholds, fixed before any run.
    enum Threshold {
        /// (1) small data: mean success(history+bisim) − mean success(history) ≥ this.
        static let bisimulationGain = 0.10
        /// (2) small data: mean success(history+bisim) ≥ mean success(oracle) − this.
        static let oracleGap = 0.15
        /// (3) Pearson r(final J, final return) over every history run ≤ this.
        static let correlation = -0.3
    }

    func returns(_ arm: ObservationHistoriesArm, _ size: String) -> [Double] {
        runs.filter { $0.arm == arm.rawValue && $0.size == size }.map(\.finalReturn)
    }

    static func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }

    static func std(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        let m = mean(x)
        return (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1)).squareRoot()
    }

    /// Pearson's r (NaN with fewer than 3 points or no spread).
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count, x.count >= 3 else { return .nan }
        let mx = mean(x), my = mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return sxy / (sxx * syy).squareRoot()
    }

    /// The correlation's points: every history run with a reported J.
    var correlationPoints: (j: [Double], r: [Double]) {
        let points = runs.compactMap { run in run.finalBisimulation.map { ($0, run.finalReturn) } }
        return (points.map(\.0), points.map(\.1))
    }

    func checks() -> [Check] {
        let small = sizes.first ?? "small"
        let bisim = Self.mean(returns(.bisimulation, small)), plain = Self.mean(returns(.history, small))
        let oracle = Self.mean(returns(.oracle, small))
        let (j, r) = correlationPoints
        let rho = Self.pearson(j, r)
        return [
            Check(
                name: "(1) \(small) data: history+bisim − history ≥ \(Threshold.bisimulationGain)",
                value: String(format: "%.2f − %.2f = %+.2f", bisim, plain, bisim - plain),
                holds: bisim - plain >= Threshold.bisimulationGain),
            Check(
                name: "(2) \(small) data: history+bisim ≥ oracle − \(Threshold.oracleGap)",
                value: String(format: "%.2f vs oracle %.2f", bisim, oracle),
                holds: bisim >= oracle - Threshold.oracleGap),
            Check(
                name: "(3) Pearson r(J(φ), return) over \(j.count) history runs ≤ \(Threshold.correlation)",
                value: rho.isNaN ? "undefined (no spread)" : String(format: "r = %.2f", rho),
                holds: !rho.isNaN && rho <= Threshold.correlation),
        ]
    }

    static func verdict(_ checks: [Check]) -> ClaimVerdict {
        let held = checks.filter(\.holds).count
        return held == checks.count ? .shown : held == 0 ? .notShown : .partlyShown
    }

    func returnTable() -> ResultTable {
        var table = ResultTable(
            title: "Final success rate (mean ± std over seeds) and J(φ)",
            columns: ["dataset", "arm", "success", "J(φ) (mean)", "seeds"])
        for size in sizes {
            for arm in ObservationHistoriesArm.allCases {
                let chosen = runs.filter { $0.arm == arm.rawValue && $0.size == size }
                let values = chosen.map(\.finalReturn)
                let js = chosen.compactMap(\.finalBisimulation)
                table.rows.append([
                    size, arm.rawValue, String(format: "%.2f ± %.2f", Self.mean(values), Self.std(values)),
                    js.isEmpty ? "—" : String(format: "%.3f", Self.mean(js)), "\(values.count)",
                ])
            }
        }
        return table
    }

    func plots() -> [CurvePlot] {
        var curves: [CurvePlot] = sizes.map { size in
            CurvePlot(
                name: "success-\(size)", title: "Success rate, \(size) dataset", yLabel: "success rate",
                series: runs.filter { $0.size == size }.map {
                    .init(label: $0.arm, run: "s\($0.seed)", steps: $0.steps, values: $0.returns)
                })
        }
        var scatter = CurvePlot(
            name: "bisimulation-vs-return", title: "J(φ) at the end of training vs success rate", xLabel: "J(φ)",
            yLabel: "success rate",
            series: runs.compactMap { run in
                run.finalBisimulation.map {
                    .init(label: run.arm, run: "\(run.size)-s\(run.seed)", steps: [$0], values: [run.finalReturn])
                }
            })
        scatter.scatter = true
        curves.append(scatter)
        return curves
    }
}
