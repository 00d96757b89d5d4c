import Foundation
import Offline

/// Runs the main comparison and (optionally) PRDC's β sweep of an offline paper reproduction and formats the
/// tables; shared by the PRDC and A2PR reproductions.
public struct OfflinePaperRun {
    /// The budget.
    public var budget: OfflinePaperBudget
    /// The reproduction's context.
    public var context: ReproductionContext

    /// A run.
    public init(budget: OfflinePaperBudget, context: ReproductionContext) {
        self.budget = budget
        self.context = context
    }

    /// What the runs produced.
    public struct Outcome {
        /// Scores, curves and dataset information.
        public var result: OfflineSuite.Result
        /// The main table's variant labels, in order.
        public var labels: [String]
        /// The β values swept (empty without a sweep).
        public var betas: [Double]
        /// Gradient steps per run.
        public var steps: Int

        /// The β-sweep rows: per sweep dataset, TD3+BC then PRDC at each β.
        func sweepTable(_ datasets: [OfflineDatasetSpec]) -> ResultTable {
            let labels = ["TD3+BC"] + betas.map { OfflineVariants.prdcLabel(beta: $0) }
            return result.table(
                title: "PRDC β sweep (β→0: nearest action anywhere; β→∞: same-state constraint ≈ TD3+BC)",
                datasets: datasets, labels: labels)
        }

        /// One sentence on the sweep's shape: the best β per dataset and whether large β approaches TD3+BC.
        func sweepSentence(prdcLabel: String) -> String {
            guard let largest = betas.max(), !betas.isEmpty else { return "" }
            var parts: [String] = []
            for (name, cells) in result.scores.sorted(by: { $0.key < $1.key }) {
                let swept = betas.compactMap { beta -> (Double, SeedSummary)? in
                    let label = OfflineVariants.prdcLabel(beta: beta)
                    return cells[label] != nil ? (beta, SeedSummary(cells[label] ?? [])) : nil
                }
                guard swept.count == betas.count, let best = swept.max(by: { $0.1.mean < $1.1.mean }) else { continue }
                let high = result.summary(name, OfflineVariants.prdcLabel(beta: largest))
                let tie = ScoreComparison.compare(high, result.summary(name, "TD3+BC")) == .tie
                parts.append(
                    "\(name): best β = \(Self.format(best.0)) (\(best.1.formatted())); β = \(Self.format(largest)) "
                        + (tie ? "ties" : "does not tie") + " TD3+BC")
            }
            return parts.isEmpty ? "" : "β sweep — " + parts.joined(separator: "; ") + "."
        }

        static func format(_ beta: Double) -> String {
            beta == beta.rounded() ? String(Int(beta)) : String(beta)
        }

        func behaviourNote(_ budget: OfflinePaperBudget) -> String {
            var text = "point mazes (sparse reward, D4RL maze2d): scripted waypoint planner (expert σ 0.1; medium "
            text += "ε 0.85 random actions; medium-replay ε 1→0.85)"
            if budget.datasets.contains(where: { !$0.environmentID.hasPrefix("PointMaze_") }) {
                text += "; Pendulum: SAC trained in the run (\(budget.behaviourSteps) steps, sampled actions), medium = "
                text += "first snapshot at ⅓ of its normalised score, medium-replay = its replay buffer up to then"
            }
            return text
        }

        /// Main table, β sweep (if any), datasets and budget.
        public func tables(budget: OfflinePaperBudget, mainTitle: String) -> [ResultTable] {
            var tables = [result.table(title: mainTitle, datasets: budget.datasets, labels: labels)]
            if !betas.isEmpty { tables.append(sweepTable(budget.sweepDatasets)) }
            tables.append(result.datasetTable(budget.datasets))
            tables.append(
                ResultTable(title: "Budget", columns: ["setting", "value"], rows: [
                    ["budget", budget.summary],
                    ["behaviour policies", behaviourNote(budget)],
                    ["hyper-parameters", "paper defaults (α = 2.5, batch 256, lr 3e-4, γ 0.99); only the widths changed"],
                ]))
            return tables
        }
    }

    /// Trains `main` on every dataset and, with `sweep`, PRDC at every β on the sweep datasets (β = 2 reused from
    /// the main table when it is there; TD3+BC rows filled in for sweep datasets missing from the main grid): every
    /// unit of ``OfflinePaperPlan`` in order, in this process.
    /// - Throws: dataset, training or I/O errors.
    public func run(main: [OfflineVariant], sweep: Bool) throws -> Outcome {
        let plan = OfflinePaperPlan(budget: budget, main: main, sweep: sweep)
        let units = plan.units(context)
        context.log("offline grid: \(units.filter { $0.stage == 1 }.count) runs")
        return plan.outcome(try units.map { try plan.run($0, reproduction: "offline", context: context) })
    }
}
