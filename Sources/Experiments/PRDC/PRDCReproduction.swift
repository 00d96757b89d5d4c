import Foundation
import Offline

/// PRDC (Ran et al., ICML 2023) on small native tasks: point mazes (U and medium) and Pendulum, five dataset
/// qualities each, PRDC against TD3+BC, BC and IQL, plus PRDC's β sweep. Datasets are collected inside the run
/// (``OfflineDatasetCache``) and cached in the run directory.
///
/// Units: stage 0 collects each environment's datasets into the run directory (`data-<env>`), stage 1 trains one
/// variant on one dataset for one seed (`<dataset>.<variant>.s<seed>`); see ``OfflinePaperPlan``.
public struct PRDCReproduction: UnitReproduction {
    /// A fixed budget instead of ``OfflinePaperBudget/standard(quick:)`` (tests run a tiny one).
    public var budget: OfflinePaperBudget?

    /// The reproduction; `budget` nil uses the standard quick or full budget.
    public init(budget: OfflinePaperBudget? = nil) { self.budget = budget }
    public var id: String { "prdc" }
    public var paper: String {
        "Policy Regularization with Dataset Constraint for Offline Reinforcement Learning (Ran, Li, Zhang, Zhang, Yu; ICML 2023)"
    }
    public var claim: String {
        "PRDC is at least as good as TD3+BC on every dataset and clearly better where the behaviour policy is poor "
            + "(random and 90 % random + 10 % expert data), because it imitates the nearest dataset action in "
            + "(β·s, a) space rather than the action logged at s."
    }
    public var defaultSeeds: Int { 3 }

    func plan(_ context: ReproductionContext) -> OfflinePaperPlan {
        let budget = self.budget ?? OfflinePaperBudget.standard(quick: context.quick)
        return OfflinePaperPlan(budget: budget, main: PRDCVerdict.variants(budget), sweep: true)
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
        let verdict = PRDCVerdict.judge(outcome, datasets: budget.datasets)
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: outcome.tables(budget: budget, mainTitle: "Normalised score (mean ± std over seeds)"),
            plots: outcome.result.plots(budget.datasets, prefix: "prdc"), verdict: verdict.verdict,
            verdictExplanation: verdict.explanation, seconds: 0)
    }
}

/// The PRDC comparison and its verdict, computed from the numbers only.
enum PRDCVerdict {
    /// BC, TD3+BC, IQL and PRDC (β = 2).
    static func variants(_ budget: OfflinePaperBudget) -> [OfflineVariant] {
        [
            OfflineVariants.bc(hidden: budget.hidden), OfflineVariants.td3bc(hidden: budget.hidden),
            OfflineVariants.iql(hidden: budget.hidden, steps: budget.steps),
            OfflineVariants.prdc(beta: 2, hidden: budget.hidden),
        ]
    }

    /// shown: PRDC ties or beats TD3+BC on every dataset and beats it on every poor-behaviour dataset;
    /// not-shown: it loses somewhere and beats it on no poor dataset; otherwise partly-shown. "Beats" and "loses"
    /// mean a difference beyond `max(5, √(σ²_PRDC + σ²_TD3+BC))` points (``ScoreComparison``).
    static func judge(_ outcome: OfflinePaperRun.Outcome, datasets: [OfflineDatasetSpec]) -> (
        verdict: ClaimVerdict, explanation: String
    ) {
        let prdc = OfflineVariants.prdcLabel(beta: 2)
        var worse: [String] = [], poorWins: [String] = [], poorOther: [String] = [], otherWins: [String] = []
        for spec in datasets {
            let comparison = ScoreComparison.compare(
                outcome.result.summary(spec.name, prdc), outcome.result.summary(spec.name, "TD3+BC"))
            if comparison == .worse { worse.append(spec.name) }
            if spec.isPoorBehaviour {
                if comparison == .better { poorWins.append(spec.name) } else { poorOther.append(spec.name) }
            } else if comparison == .better {
                otherWins.append(spec.name)
            }
        }
        let poorCount = datasets.filter(\.isPoorBehaviour).count
        let verdict: ClaimVerdict
        if worse.isEmpty && poorWins.count == poorCount && poorCount > 0 {
            verdict = .shown
        } else if !worse.isEmpty && poorWins.isEmpty {
            verdict = .notShown
        } else {
            verdict = .partlyShown
        }
        func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }
        var text = "PRDC (β = 2) vs TD3+BC, differences beyond max(5, combined seed std) points: "
        text += "clearly better on poor-behaviour datasets: \(list(poorWins)); not clearly better on: \(list(poorOther)); "
        text += "clearly better elsewhere: \(list(otherWins)); clearly worse on: \(list(worse)). "
        text += outcome.sweepSentence(prdcLabel: prdc)
        text += " Small scale: native point mazes and Pendulum, few seeds and \(outcome.steps) gradient steps — "
        text += "not the paper's D4RL/MuJoCo setting."
        return (verdict, text)
    }
}
