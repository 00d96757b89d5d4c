import Foundation
import Language
import Tensor

/// "Efficient RLVR Training via Weighted Mutual Information Data Selection" (InSight, arXiv:2603.01907) on a
/// 2000-problem StrategyBandit pool with GRPO (G 8, 32 prompts per step): uniform selection, MoPPS (Thompson sample
/// closest to 0.5), the difficulty-only and evidence-only baselines, and InSight's weighted mutual information
/// (η 3, μ 0.3, K = G, M̂ = 16·M candidates, no forgetting: the paper's App. D.2 settings), all as
/// ``PromptSelection`` values on the one trainer. Every step samples the same number of rollouts, so accuracy
/// against steps is accuracy against rollouts.
///
/// Units: one per arm × seed (``BanditExperiment/units(_:context:)``).
public struct InSightReproduction: UnitReproduction {
    public init() {}
    public var id: String { "insight" }
    public var paper: String {
        "Zhou et al. 2026, \"Efficient RLVR Training via Weighted Mutual Information Data Selection\" (InSight, "
            + "arXiv:2603.01907)"
    }
    public var claim: String {
        "InSight reaches the accuracy of uniform selection with fewer rollouts. Verdict: with target = base pass@1 + 0.8 × "
            + "(uniform's mean final gain), shown if (1) InSight's mean rollouts to reach the target are fewer than "
            + "uniform's and (2) InSight's mean final pass@1 is at least uniform's; partly shown if one holds; otherwise "
            + "not shown. MoPPS and the difficulty-only and evidence-only baselines are reported, not judged."
    }
    public var defaultSeeds: Int { 5 }

    static let labels: [(String, PromptSelection.Method)] = [
        ("uniform", .uniform), ("MoPPS", .mopps), ("expected difficulty", .expectedDifficulty),
        ("inverse evidence", .inverseEvidence), ("InSight", .insight),
    ]

    static func arms() -> [BanditArm] {
        var pool = StrategyBandit.Configuration()
        pool.problems = 2000
        return labels.map { label, method in
            var config = BanditExperiment.grpo()
            config.selection = PromptSelection(method: method)
            return BanditArm(label: label, bandit: pool, config: config)
        }
    }

    static func budget(quick: Bool) -> BanditBudget {
        var budget = BanditBudget.make(quick: quick)
        budget.steps = quick ? 80 : 300
        budget.evaluateEvery = quick ? 5 : 10
        return budget
    }

    /// Every arm × seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else { throw ReproductionError.invalidSettings("insight needs at least one seed") }
        return BanditExperiment.units(Self.arms(), context: context)
    }

    /// Trains one arm for one seed.
    /// - Throws: an unknown unit or the trainer's errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> BanditRunRecord {
        try BanditExperiment.runUnit(
            unit, arms: Self.arms(), budget: Self.budget(quick: context.quick), reproduction: id, context: context)
    }

    /// Tables and verdict from every arm × seed.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: BanditRunRecord], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let budget = Self.budget(quick: context.quick)
        let records = try ordered(results, units(context))
        let mean = { (label: String, v: (BanditRunRecord) -> Double) in BanditExperiment.summary(records, label, v).mean }
        let basePass = mean("uniform") { $0.base.passAtK.first ?? 0 }
        let target = basePass + 0.8 * (mean("uniform") { $0.final.passAtK.first ?? 0 } - basePass)
        func rolloutsToTarget(_ record: BanditRunRecord) -> Double {
            let hit = record.passAt1.firstIndex { $0 >= target }
            return hit.map { record.rollouts[$0] } ?? (record.rollouts.last ?? 0) + Double(budget.evaluateEvery * 32 * 8)
        }
        var table = ResultTable(
            title: String(
                format: "2000-problem StrategyBandit, GRPO, %d steps × 256 rollouts (mean ± std over seeds); target pass@1 %.3f",
                budget.steps, target),
            columns: ["selection", "final pass@1", "pass@1 at ¼ budget", "rollouts to target", "final pass@256"])
        let quarter = budget.steps / 4
        for (label, _) in Self.labels {
            let s = { (v: (BanditRunRecord) -> Double, d: Int) in BanditExperiment.summary(records, label, v).formatted(digits: d) }
            table.rows.append([
                label, s({ $0.final.passAtK.first ?? .nan }, 3),
                s({ r in r.steps.firstIndex { $0 >= Double(quarter) }.map { r.passAt1[$0] } ?? .nan }, 3),
                s(rolloutsToTarget, 0), s({ $0.final.passAtK.last ?? .nan }, 3),
            ])
        }
        let insightRollouts = mean("InSight", rolloutsToTarget), uniformRollouts = mean("uniform", rolloutsToTarget)
        let insightFinal = mean("InSight") { $0.final.passAtK.first ?? 0 }
        let uniformFinal = mean("uniform") { $0.final.passAtK.first ?? 0 }
        let c1 = insightRollouts < uniformRollouts, c2 = insightFinal >= uniformFinal
        let verdict: ClaimVerdict = c1 && c2 ? .shown : (c1 || c2 ? .partlyShown : .notShown)
        let explanation = String(
            format: "(1) rollouts to pass@1 %.3f: InSight %.0f vs uniform %.0f (%.2f×) %@; (2) final pass@1 InSight %.3f vs "
                + "uniform %.3f %@. A run that never reaches the target counts one evaluation interval past the budget.",
            target, insightRollouts, uniformRollouts, uniformRollouts / max(insightRollouts, 1), c1 ? "(holds)" : "(fails)",
            insightFinal, uniformFinal, c2 ? "(holds)" : "(fails)")
        let plot = BanditExperiment.plot(
            records, name: "pass1-vs-rollouts", title: "Exact pass@1 against rollouts", yLabel: "pass@1",
            xLabel: "rollouts", x: { $0.rollouts }, y: { $0.passAt1 })
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList, tables: [table],
            plots: [plot], verdict: verdict, verdictExplanation: explanation, seconds: 0)
    }
}
