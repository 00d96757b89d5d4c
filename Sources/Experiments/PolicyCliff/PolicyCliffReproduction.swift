import Foundation
import Language
import Tensor

/// "The Policy Cliff" (arXiv:2507.20150) on a tied-answer bandit (digest §9, §14.5): answers A and B are both correct,
/// C is wrong; a small format reward `δ·[answer = B]` is added to correctness (the effective reward
/// `r_eff = r_correct + δ·r_format` = (1, 1 + δ, 0)). The one trainer (Dr. GRPO advantages, Adam) runs from the
/// uniform policy for each δ with entropy bonus τ ∈ {0, 0.05, 0.2}; the table gives the final π(B) next to the
/// regularised optimum `softmax(r/τ)` of ``RewardPolicyMap``.
///
/// Units: one per arm × seed (``BanditExperiment/units(_:context:)``).
public struct PolicyCliffReproduction: UnitReproduction {
    public init() {}
    public var id: String { "policy-cliff" }
    public var paper: String {
        "\"The Policy Cliff: A Theoretical Analysis of Reward-Policy Maps in Large Language Models\" "
            + "(arXiv:2507.20150)"
    }
    public var claim: String {
        "With tied correct answers the reward → policy map is discontinuous: without regularisation (τ = 0) a tiny "
            + "reward change flips the learned policy, while entropy regularisation (τ > 0) makes it move smoothly. "
            + "Verdict: shown if (1) at τ = 0 the mean final π(B) jumps by more than 0.5 between δ = −0.005 and "
            + "δ = +0.005 and (2) at τ = 0.05 and τ = 0.2 that jump is below 0.25; partly shown if one holds; otherwise "
            + "not shown."
    }
    public var defaultSeeds: Int { 5 }

    static let deltas = [-0.02, -0.005, 0, 0.005, 0.02]
    static let taus = [0.0, 0.05, 0.2]

    /// The tied-answer bandit: one problem, three answers (A, B correct; C wrong), uniform initial policy.
    static let bandit = StrategyBandit.Configuration(
        problems: 1, strategies: 3, featureDimension: 1, dominantCoverage: 1, maxMinorityCoverage: 1,
        minMinorityCoverage: 0, noise: 0, dominantBias: 0, minorityBiasMean: 0, minorityBiasStd: 0, weightStd: 0)

    /// Rewards 1 for answer B (the "format" the effective reward slightly prefers).
    struct PrefersB: Verifier {
        func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult {
            let isB = completion.trimmingCharacters(in: .whitespaces) == "1"
            return VerificationResult(reward: isB ? 1 : 0, correct: isB, answer: completion, formatOK: true)
        }
    }

    /// Every τ × δ, τ-major.
    static func allArms() -> [BanditArm] { taus.flatMap { tau in deltas.map { arm(delta: $0, tau: tau) } } }

    static func arm(delta: Double, tau: Double) -> BanditArm {
        var config = RLVRConfig(
            advantage: .drGRPO, objective: RLVRObjective(aggregation: .tokenMean, entropyCoefficient: tau),
            groupSize: 16, promptsPerStep: 1, learningRate: 0.02)
        config.maxGradNorm = 1
        return BanditArm(
            label: String(format: "τ %.2f, δ %+.3f", tau, delta), bandit: bandit, config: config,
            rewards: { _ in
                [
                    WeightedReward(name: "correct", verifier: SolvingSetVerifier()),
                    WeightedReward(name: "format", weight: delta, verifier: PrefersB()),
                ]
            }, key: String(format: "tau%.2f-delta-%@%.3f", tau, delta < 0 ? "m" : "p", abs(delta)))
    }

    static func budget(quick: Bool) -> BanditBudget {
        var budget = BanditBudget.make(quick: quick)
        budget.steps = quick ? 400 : 1500
        budget.evaluateEvery = budget.steps / 20
        return budget
    }

    /// Every arm × seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else {
            throw ReproductionError.invalidSettings("policy-cliff needs at least one seed")
        }
        return BanditExperiment.units(Self.allArms(), context: context)
    }

    /// Trains one arm for one seed.
    /// - Throws: an unknown unit or the trainer's errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> BanditRunRecord {
        try BanditExperiment.runUnit(
            unit, arms: Self.allArms(), budget: Self.budget(quick: context.quick), reproduction: id, context: context)
    }

    /// Tables and verdict from every arm × seed.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: BanditRunRecord], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let budget = Self.budget(quick: context.quick)
        let records = try ordered(results, units(context))
        func finalB(_ tau: Double, _ delta: Double) -> SeedSummary {
            BanditExperiment.summary(records, Self.arm(delta: delta, tau: tau).label) { $0.final.actionMass[1] }
        }
        var table = ResultTable(
            title: "Final π(B) after \(budget.steps) steps (mean ± std over seeds); optimum = softmax(r/τ) of r = (1, 1+δ, 0)",
            columns: ["τ"] + Self.deltas.map { String(format: "δ %+.3f", $0) } + ["jump −0.005 → +0.005"])
        var jumps: [Double] = []
        for tau in Self.taus {
            let jump = finalB(tau, 0.005).mean - finalB(tau, -0.005).mean
            jumps.append(jump)
            table.rows.append(
                [String(format: "%.2f", tau)] + Self.deltas.map { finalB(tau, $0).formatted(digits: 3) }
                    + [String(format: "%+.3f", jump)])
            let optimum = Self.deltas.map { RewardPolicyMap.optimum(rewards: [1, 1 + $0, 0], tau: tau)[1] }
            table.rows.append(
                ["optimum τ \(String(format: "%.2f", tau))"] + optimum.map { String(format: "%.3f", $0) }
                    + [String(format: "%+.3f", optimum[3] - optimum[1])])
        }
        let c1 = jumps[0] > 0.5, c2 = jumps[1] < 0.25 && jumps[2] < 0.25
        let verdict: ClaimVerdict = c1 && c2 ? .shown : (c1 || c2 ? .partlyShown : .notShown)
        let explanation = String(
            format: "(1) τ 0: jump %+.3f %@; (2) τ 0.05: %+.3f, τ 0.2: %+.3f %@. Sampled Dr. GRPO with Adam (lr 0.02, "
                + "G 16); the exact regularised optimum's jumps are %+.3f (τ 0.05) and %+.3f (τ 0.2), within the bound "
                + "‖Δr‖∞/(2τ) = %.3f / %.3f in total variation.",
            jumps[0], c1 ? "(holds)" : "(fails)", jumps[1], jumps[2], c2 ? "(holds)" : "(fails)",
            RewardPolicyMap.optimum(rewards: [1, 1.005, 0], tau: 0.05)[1]
                - RewardPolicyMap.optimum(rewards: [1, 0.995, 0], tau: 0.05)[1],
            RewardPolicyMap.optimum(rewards: [1, 1.005, 0], tau: 0.2)[1]
                - RewardPolicyMap.optimum(rewards: [1, 0.995, 0], tau: 0.2)[1],
            RewardPolicyMap.stabilityBound([1, 1.005, 0], [1, 0.995, 0], tau: 0.05),
            RewardPolicyMap.stabilityBound([1, 1.005, 0], [1, 0.995, 0], tau: 0.2))
        var series: [CurvePlot.Series] = []
        for tau in Self.taus {
            for seed in context.seedList {
                let values = Self.deltas.map { delta in
                    records.first { $0.seed == seed && $0.label == Self.arm(delta: delta, tau: tau).label }?
                        .final.actionMass[1] ?? .nan
                }
                series.append(
                    CurvePlot.Series(
                        label: String(format: "τ %.2f", tau), run: "seed \(seed)", steps: Self.deltas, values: values))
            }
        }
        let plot = CurvePlot(
            name: "reward-policy-map", title: "Final π(B) against the format reward δ", xLabel: "δ", yLabel: "π(B)",
            series: series)
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList, tables: [table],
            plots: [plot], verdict: verdict, verdictExplanation: explanation, seconds: 0)
    }
}
