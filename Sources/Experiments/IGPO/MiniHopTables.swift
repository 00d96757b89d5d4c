import Foundation

/// The result table and learning curves shared by the MiniHop reproductions.
enum MiniHopTables {
    /// Final success, grounded success, rubric, zero-advantage groups, turns and fictional-split success per arm,
    /// then the scripted searcher's success.
    static func summary(arms: [(label: String, runs: [MiniHopArmResult])]) -> ResultTable {
        var table = ResultTable(
            title: "MiniHop final success (mean ± std over seeds)",
            columns: ["method", "success", "grounded success", "rubric", "zero-advantage groups", "turns",
                "fictional split success"])
        for (label, runs) in arms {
            table.rows.append([
                label, SeedSummary(runs.map(\.evaluation.success)).formatted(digits: 3),
                SeedSummary(runs.map(\.evaluation.groundedSuccess)).formatted(digits: 3),
                SeedSummary(runs.map(\.evaluation.rubric)).formatted(digits: 3),
                String(format: "%.1f%%", 100 * SeedSummary(runs.map(\.zeroAdvantageGroups)).mean),
                SeedSummary(runs.map(\.evaluation.turns)).formatted(digits: 2),
                SeedSummary(runs.map(\.fictional.success)).formatted(digits: 3),
            ])
        }
        let scripted = SeedSummary(arms.first?.runs.map(\.scripted) ?? [])
        table.rows.append(["scripted searcher (reference)", scripted.formatted(digits: 3), "", "", "", "", ""])
        return table
    }

    /// Training-success curves, one series per arm × seed.
    static func curves(name: String, arms: [(label: String, runs: [MiniHopArmResult])], seeds: [UInt64]) -> CurvePlot {
        CurvePlot(
            name: name, title: "MiniHop training success", xLabel: "updates", yLabel: "success",
            series: arms.flatMap { label, runs in
                zip(seeds, runs).map { seed, run in
                    CurvePlot.Series(label: label, run: "s\(seed)", steps: run.curveSteps, values: run.curveSuccess)
                }
            })
    }
}
