import Foundation
import Language
import Tensor

/// "The Reasoning Boundary Paradox" (SELF, arXiv:2510.02230) on the StrategyBandit (digest §3, §14.1): GRPO against
/// SELF's greedy-fail curation (``PromptSelection/Method/greedyFail``) on the one trainer (trained on 384 of the 512
/// problems, the other 128 held out), with exact pass@k over all problems, plus
/// the over-correction case the digest found when solvability is unpredictable from the features, with and without
/// SwiftRL's `mixFraction` knob, and the per-bucket change of log p_correct (winner-take-all).
///
/// Units: one per arm × seed (``BanditExperiment/units(_:context:)``).
public struct SELFReproduction: UnitReproduction {
    public init() {}
    public var id: String { "self" }
    public var paper: String {
        "\"The Reasoning Boundary Paradox: How Reinforcement Learning Constrains Language Models\" "
            + "(SELF, arXiv:2510.02230)"
    }
    public var claim: String {
        "GRPO raises pass@1 while its pass@256 falls below the base model's; SELF (train only on prompts the policy "
            + "fails greedily) keeps pass@256 at or above the base. Verdict: shown if (1) GRPO's mean pass@1 rises, "
            + "(2) GRPO's mean pass@256 ends below the base's and (3) SELF's mean pass@256 ends at or above the base's; "
            + "partly shown if (1) and one of (2), (3); otherwise not shown. The unpredictable-solvability arms are "
            + "reported, not judged."
    }
    public var defaultSeeds: Int { 5 }

    static let grpo = "GRPO", selfArm = "SELF", grpoRandom = "GRPO, unpredictable solvability"
    static let selfRandom = "SELF, unpredictable solvability", selfMixed = "SELF mix 0.25, unpredictable solvability"

    static func arms() -> [BanditArm] {
        let standard = StrategyBandit.Configuration()
        var random = standard
        random.randomSolvability = true
        var curated = BanditExperiment.grpo()
        curated.selection = PromptSelection(method: .greedyFail)
        var mixed = curated
        mixed.selection.mixFraction = 0.25
        return [
            BanditArm(label: grpo, bandit: standard, config: BanditExperiment.grpo(), trainingShare: 0.75),
            BanditArm(label: selfArm, bandit: standard, config: curated, trainingShare: 0.75),
            BanditArm(label: grpoRandom, bandit: random, config: BanditExperiment.grpo(), trainingShare: 0.75),
            BanditArm(label: selfRandom, bandit: random, config: curated, trainingShare: 0.75),
            BanditArm(label: selfMixed, bandit: random, config: mixed, trainingShare: 0.75),
        ]
    }

    /// Every arm × seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else { throw ReproductionError.invalidSettings("self needs at least one seed") }
        return BanditExperiment.units(Self.arms(), context: context)
    }

    /// Trains one arm for one seed.
    /// - Throws: an unknown unit or the trainer's errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> BanditRunRecord {
        try BanditExperiment.runUnit(
            unit, arms: Self.arms(), budget: .make(quick: context.quick), reproduction: id, context: context)
    }

    /// Tables and verdict from every arm × seed.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: BanditRunRecord], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        report(
            try ordered(results, units(context)), budget: .make(quick: context.quick), context: context, seconds: 0)
    }

    func report(
        _ records: [BanditRunRecord], budget: BanditBudget, context: ReproductionContext, seconds: Double
    ) -> ReproductionReport {
        let kMax = budget.ks.last ?? 256
        var table = ResultTable(
            title: "Exact pass@k and entropy after \(budget.steps) steps (mean ± std over seeds; base = the initial policy)",
            columns: ["arm", "base pass@1", "pass@1", "base pass@\(kMax)", "pass@\(kMax)", "pass@16", "entropy", "rollouts"])
        for label in [Self.grpo, Self.selfArm, Self.grpoRandom, Self.selfRandom, Self.selfMixed] {
            let s = { (v: (BanditRunRecord) -> Double) in BanditExperiment.summary(records, label, v).formatted(digits: 3) }
            table.rows.append([
                label, s { $0.base.passAtK.first ?? .nan }, s { $0.final.passAtK.first ?? .nan },
                s { $0.base.passAtK.last ?? .nan }, s { $0.final.passAtK.last ?? .nan },
                s { $0.final.pass(at: 16) ?? .nan }, s { $0.final.entropy },
                BanditExperiment.summary(records, label) { $0.rollouts.last ?? 0 }.formatted(digits: 0),
            ])
        }
        let interference = interferenceTable(records)
        let mean = { (label: String, v: (BanditRunRecord) -> Double) in BanditExperiment.summary(records, label, v).mean }
        let grpoGain = mean(Self.grpo) { ($0.final.passAtK.first ?? 0) - ($0.base.passAtK.first ?? 0) }
        let grpoCoverage = mean(Self.grpo) { ($0.final.passAtK.last ?? 0) - ($0.base.passAtK.last ?? 0) }
        let selfCoverage = mean(Self.selfArm) { ($0.final.passAtK.last ?? 0) - ($0.base.passAtK.last ?? 0) }
        let c1 = grpoGain > 0, c2 = grpoCoverage < 0, c3 = selfCoverage >= 0
        let verdict: ClaimVerdict = c1 && c2 && c3 ? .shown : (c1 && (c2 || c3) ? .partlyShown : .notShown)
        let overCorrection = mean(Self.selfRandom) { ($0.final.passAtK.first ?? 0) - ($0.base.passAtK.first ?? 0) }
        let mixedGain = mean(Self.selfMixed) { ($0.final.passAtK.first ?? 0) - ($0.base.passAtK.first ?? 0) }
        let explanation = String(
            format: "(1) GRPO pass@1 change %+.3f %@; (2) GRPO pass@%d change %+.3f %@; (3) SELF pass@%d change %+.3f %@. "
                + "Unpredictable solvability: SELF's pass@1 changes by %+.3f (negative = the digest's over-correction), "
                + "with mixFraction 0.25 by %+.3f. StrategyBandit (P 512, 384 trained, S 16, d 8), Adam lr 0.02, G 8, 32 prompts "
                + "per step; a mechanism-level check, not a language-model result.",
            grpoGain, c1 ? "(holds)" : "(fails)", kMax, grpoCoverage, c2 ? "(holds)" : "(fails)", kMax, selfCoverage,
            c3 ? "(holds)" : "(fails)", overCorrection, mixedGain)
        let plots = [
            BanditExperiment.plot(records, name: "pass1", title: "Exact pass@1", yLabel: "pass@1") { $0.passAt1 },
            BanditExperiment.plot(records, name: "pass\(kMax)", title: "Exact pass@\(kMax)", yLabel: "pass@\(kMax)") {
                $0.passAtMax
            },
            BanditExperiment.plot(records, name: "entropy", title: "Policy entropy", yLabel: "nats") { $0.entropy },
        ]
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [table, interference], plots: plots, verdict: verdict, verdictExplanation: explanation,
            seconds: seconds)
    }

    /// Winner-take-all / negative interference: the change of log p_correct(x) on the held-out problems from the base
    /// to the final policy, by tercile of the base's p_correct (the digest's probe).
    func interferenceTable(_ records: [BanditRunRecord]) -> ResultTable {
        var table = ResultTable(
            title: "Held-out problems: Δ log p_correct from base to final, by base-likelihood tercile (mean ± std over "
                + "the held-out problems of all seeds)",
            columns: ["arm", "low third", "middle third", "high third"])
        for label in [Self.grpo, Self.selfArm] {
            var buckets: [[Double]] = [[], [], []]
            for record in records where record.label == label {
                let base = record.base.correctProbability, final = record.final.correctProbability
                let heldOut = record.trainingProblems..<base.count
                let order = heldOut.filter { base[$0] > 0 }.sorted { base[$0] < base[$1] }
                for (rank, x) in order.enumerated() {
                    let bucket = min(2, rank * 3 / max(order.count, 1))
                    buckets[bucket].append(log(max(final[x], 1e-300)) - log(base[x]))
                }
            }
            table.rows.append([label] + buckets.map { SeedSummary($0).formatted(digits: 2) })
        }
        return table
    }
}
