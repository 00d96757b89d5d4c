import Foundation

/// Tables and the verdict of the LCB reproduction, from the per-setting grids.
struct LCBAnalysis {
    /// Criterion (1)'s absolute tolerance on the normalised suboptimality (which lies in [0, 1]).
    static let tolerance = 0.02
    /// Index of p = 0.9 (near-expert, C* < 2) and of p = 0 (uniform coverage) in ``LCBSetting/expertFractions``.
    static let nearExpert = 3, uniform = 0

    /// One pre-written check and its outcome.
    typealias Check = ClaimCheck

    let grids: [LCBGrid]
    let resamples: Int

    /// Worst-case suboptimality against N, one table per setting.
    func riskTables() -> [ResultTable] {
        grids.map { grid in
            var table = ResultTable(
                title: "\(grid.setting.name): worst-case mean suboptimality over the family "
                    + "(\(grid.setting.instances.count) instances, \(grid.seeds) seeds)",
                columns: ["p", "C*", "method"] + grid.sampleSizes.map { "N \($0)" })
            for (pi, p) in LCBSetting.expertFractions.enumerated() {
                for (mi, method) in grid.setting.methods.enumerated() {
                    table.rows.append(
                        [String(format: "%.1f", p), String(format: "%.2f", grid.concentrability[pi]), method.label]
                            + grid.risk(p: pi, method: mi).map { String(format: "%.4f", $0) })
                }
            }
            return table
        }
    }

    /// Log-log slopes of every method at every p.
    func slopeTable() -> ResultTable {
        var table = ResultTable(
            title: "Log-log slope of worst-case suboptimality against N [95% bootstrap-over-seeds interval, "
                + "\(resamples) resamples]",
            columns: ["setting", "p", "C*"] + (grids.first?.setting.methods.map(\.label) ?? []))
        for grid in grids {
            for (pi, p) in LCBSetting.expertFractions.enumerated() {
                table.rows.append(
                    [grid.setting.name, String(format: "%.1f", p), String(format: "%.2f", grid.concentrability[pi])]
                        + grid.setting.methods.indices.map {
                            grid.slope(p: pi, method: $0, resamples: resamples).formatted
                        })
            }
        }
        return table
    }

    /// The six pre-written checks: per setting (1) tracking and (2) both rates.
    func checks() -> [Check] {
        grids.flatMap { grid -> [Check] in
            var worst = -Double.infinity, at = ""
            for pi in LCBSetting.expertFractions.indices {
                let lcb = grid.risk(p: pi, method: 0), greedy = grid.risk(p: pi, method: 1)
                let bc = grid.risk(p: pi, method: 2)
                for n in grid.sampleSizes.indices where lcb[n] - min(greedy[n], bc[n]) > worst {
                    worst = lcb[n] - min(greedy[n], bc[n])
                    at = String(format: "p %.1f, N %d", LCBSetting.expertFractions[pi], grid.sampleSizes[n])
                }
            }
            let expert = grid.slope(p: Self.nearExpert, method: 0, resamples: resamples)
            let uniform = grid.slope(p: Self.uniform, method: 0, resamples: resamples)
            return [
                Check(
                    name: "\(grid.setting.name): (1) LCB ≤ min(greedy, BC) + \(Self.tolerance) at every p and N",
                    value: String(format: "largest excess %+.4f (%@)", worst, at), holds: worst <= Self.tolerance),
                Check(
                    name: "\(grid.setting.name): (2a) slope at p 0.9 (C* "
                        + String(format: "%.2f", grid.concentrability[Self.nearExpert]) + ") < −0.75",
                    value: expert.formatted, holds: expert.slope < -0.75),
                Check(
                    name: "\(grid.setting.name): (2b) slope at p 0 in [−0.75, −0.25]",
                    value: uniform.formatted, holds: (-0.75 ... -0.25).contains(uniform.slope)),
            ]
        }
    }

    /// Shown if all checks hold, partly shown if at least half do, otherwise not shown.
    static func verdict(_ checks: [Check]) -> ClaimVerdict {
        let held = checks.filter(\.holds).count
        return held == checks.count ? .shown : (2 * held >= checks.count ? .partlyShown : .notShown)
    }

    /// Log-log curves of LCB, greedy and BC at p = 0 and p = 0.9, one plot per setting.
    func plots() -> [CurvePlot] {
        grids.enumerated().map { number, grid in
            var plot = CurvePlot(
                name: "lcb-rates-\(number)", title: "\(grid.setting.name): log10 worst-case suboptimality",
                xLabel: "log10 N", yLabel: "log10 suboptimality (floor 1e-5)")
            for pi in [Self.uniform, Self.nearExpert] {
                for (mi, method) in grid.setting.methods.enumerated() {
                    plot.series.append(
                        CurvePlot.Series(
                            label: String(format: "%@ p %.1f", method.label, LCBSetting.expertFractions[pi]),
                            run: "all",
                            steps: grid.sampleSizes.map { log10(Double($0)) },
                            values: grid.risk(p: pi, method: mi).map { log10(max($0, 1e-5)) }))
                }
            }
            return plot
        }
    }
}
