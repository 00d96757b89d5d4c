import Foundation
import Offline

/// A2PR (Liu et al., ICML 2024) on the PRDC reproduction's datasets: A2PR against PRDC, TD3+BC, BC and IQL.
///
/// Units: stage 0 collects each environment's datasets into the run directory (`data-<env>`), stage 1 trains one
/// variant on one dataset for one seed (`<dataset>.<variant>.s<seed>`); see ``OfflinePaperPlan``.
public struct A2PRReproduction: UnitReproduction {
    /// A fixed budget instead of ``OfflinePaperBudget/standard(quick:)`` (tests run a tiny one).
    public var budget: OfflinePaperBudget?

    /// The reproduction; `budget` nil uses the standard quick or full budget.
    public init(budget: OfflinePaperBudget? = nil) { self.budget = budget }
    public var id: String { "a2pr" }
    public var paper: String {
        "Adaptive Advantage-Guided Policy Regularization for Offline Reinforcement Learning (Liu, Li, Lan, Gao, Pan, Xu; ICML 2024)"
    }
    public var claim: String {
        "On mixed and sub-optimal datasets A2PR ≥ PRDC ≥ TD3+BC: an advantage-filtered VAE lets it imitate only "
            + "better-than-average actions, with regularisation switched off where neither candidate has positive advantage."
    }
    /// Two seeds: A2PR runs cost about six TD3+BC runs (VAE, value net, deeper critics), so three would not fit the
    /// quick (5 min) and full (1 h) budgets on 2 cores.
    public var defaultSeeds: Int { 2 }

    func plan(_ context: ReproductionContext) -> OfflinePaperPlan {
        let budget = self.budget ?? OfflinePaperBudget.standard(quick: context.quick)
        let main = PRDCVerdict.variants(budget) + [OfflineVariants.a2pr(hidden: budget.hidden)]
        return OfflinePaperPlan(budget: budget, main: main, sweep: false)
    }

    /// Dataset collection per environment (stage 0), then every (dataset, variant, seed).
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds > 0 else { throw ReproductionError.invalidSettings("need at least one seed") }
        return plan(context).units(context)
    }

    /// Collects one environment's datasets or trains one variant on one dataset for one seed.
    /// - Throws: an unknown unit, dataset, training or I/O errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> OfflineUnitResult {
        try plan(context).run(unit, reproduction: id, context: context)
    }

    /// Tables, plots and the verdict from every unit.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: OfflineUnitResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let plan = plan(context)
        let budget = plan.budget
        let outcome = plan.outcome(try ordered(results, units(context)))
        let (verdict, explanation) = Self.judge(outcome, datasets: budget.datasets)
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: outcome.tables(budget: budget, mainTitle: "Normalised score (mean ± std over seeds)"),
            plots: outcome.result.plots(budget.datasets, prefix: "a2pr"), verdict: verdict,
            verdictExplanation: explanation, seconds: 0)
    }

    /// Every dataset here is mixed or sub-optimal (there is no pure-expert set), so the chain A2PR ≥ PRDC ≥ TD3+BC
    /// is checked on each: "≥" holds unless the left side is lower by more than `max(5, combined seed std)`.
    /// shown: both links hold everywhere; not-shown: fewer than half of all links hold; otherwise partly-shown.
    static func judge(_ outcome: OfflinePaperRun.Outcome, datasets: [OfflineDatasetSpec]) -> (ClaimVerdict, String) {
        let prdc = OfflineVariants.prdcLabel(beta: 2)
        var held = 0
        var failures: [String] = []
        var a2prWins: [String] = []
        for spec in datasets {
            let a2pr = outcome.result.summary(spec.name, "A2PR")
            let first = ScoreComparison.compare(a2pr, outcome.result.summary(spec.name, prdc))
            let second = ScoreComparison.compare(
                outcome.result.summary(spec.name, prdc), outcome.result.summary(spec.name, "TD3+BC"))
            if first != .worse { held += 1 } else { failures.append("\(spec.name): A2PR < PRDC") }
            if second != .worse { held += 1 } else { failures.append("\(spec.name): PRDC < TD3+BC") }
            if ScoreComparison.compare(a2pr, outcome.result.summary(spec.name, "TD3+BC")) == .better {
                a2prWins.append(spec.name)
            }
        }
        let links = 2 * datasets.count
        let verdict: ClaimVerdict = held == links ? .shown : (2 * held < links ? .notShown : .partlyShown)
        var text = "\(held) of \(links) links of A2PR ≥ PRDC ≥ TD3+BC hold (a link fails when the left side is lower "
        text += "by more than max(5, combined seed std) points)"
        text += failures.isEmpty ? ". " : "; failing: " + failures.joined(separator: "; ") + ". "
        text += "A2PR clearly above TD3+BC on: \(a2prWins.isEmpty ? "none" : a2prWins.joined(separator: ", ")). "
        text += "Small scale: native point mazes and Pendulum, few seeds and \(outcome.steps) gradient steps."
        return (verdict, text)
    }
}
