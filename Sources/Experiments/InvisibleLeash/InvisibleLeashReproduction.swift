import Foundation
import Language
import Tensor

/// "The Invisible Leash: Why RLVR May or May Not Escape Its Origin" (arXiv:2507.14843): empirical-support
/// shrinkage vs expansion after RLVR (``SupportComparison``), in two test beds: the StrategyBandit with exact
/// probabilities (GRPO and SELF arms, support per problem and per solving strategy) and the tiny Qwen2-style model
/// pretrained here on mixed-style addition (the Lite PPO base), sampled, where token-level and answer-level entropy
/// can differ.
///
/// Units: stage 0 `base-model` (caches the tiny base model), then per seed the bandit's GRPO and SELF arms
/// (`bandit-grpo-s0`, `bandit-self-s0`) and the language-model GRPO run (`lm-grpo-s0`).
public struct InvisibleLeashReproduction: UnitReproduction {
    public init() {}
    public var id: String { "invisible-leash" }
    public var paper: String {
        "\"The Invisible Leash: Why RLVR May or May Not Escape Its Origin\" (arXiv:2507.14843)"
    }
    public var claim: String {
        "After RLVR, empirical-support shrinkage outweighs expansion (NSCR < 0), and token-level entropy can rise while "
            + "answer-level entropy falls. Verdict: shown if (1) on the bandit GRPO's mean per-problem NSCR at k = 256 is "
            + "negative, (2) on the tiny LM GRPO's mean NSCR over held-out problems is negative, and (3) on the tiny LM "
            + "answer entropy falls while token entropy rises; partly shown if (1) or (2) holds; otherwise not shown."
    }
    public var defaultSeeds: Int { 3 }

    static func arms() -> [BanditArm] {
        SELFReproduction.arms().filter { $0.label == SELFReproduction.grpo || $0.label == SELFReproduction.selfArm }
            .map { arm in
                var arm = arm
                arm.key = "bandit-" + ReproductionUnit.keyFragment(arm.label)
                return arm
            }
    }

    /// `base-model` (stage 0), the bandit arms × seeds, then the language-model run per seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else {
            throw ReproductionError.invalidSettings("invisible-leash needs at least one seed")
        }
        return [ReproductionUnit(key: "base-model", arm: "", seed: nil, stage: 0)]
            + BanditExperiment.units(Self.arms(), context: context)
            + context.seedList.map { ReproductionUnit(key: "lm-grpo-s\($0)", arm: "tiny LM GRPO", seed: $0) }
    }

    /// Caches the base model (stage 0), or runs one bandit arm × seed or one language-model seed.
    /// - Throws: an unknown unit, or pretraining and training errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> InvisibleLeashUnitResult {
        if unit.stage == 0 {
            _ = try LeashLanguageModelRuns.bed(context)
            return InvisibleLeashUnitResult()
        }
        if let seed = unit.seed, unit.key == "lm-grpo-s\(seed)" {
            return InvisibleLeashUnitResult(language: try LeashLanguageModelRuns.run(context, seed: seed))
        }
        return InvisibleLeashUnitResult(
            bandit: try BanditExperiment.runUnit(
                unit, arms: Self.arms(), budget: .make(quick: context.quick), reproduction: id, context: context))
    }

    /// Support tables and the verdict from every unit.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: InvisibleLeashUnitResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let ordered = try ordered(results, units(context))
        return report(
            bandit: ordered.compactMap(\.bandit), language: ordered.compactMap(\.language),
            budget: .make(quick: context.quick), context: context, seconds: 0)
    }

    func report(
        bandit: [BanditRunRecord], language: [LeashLanguageModelRuns.Record], budget: BanditBudget,
        context: ReproductionContext, seconds: Double
    ) -> ReproductionReport {
        let k = budget.ks.last ?? 256
        let epsilon = SupportComparison.epsilon(samples: k)
        func support(_ r: BanditRunRecord, pairs: Bool) -> SupportComparison {
            pairs
                ? SupportComparison(
                    baseProbabilities: r.base.solvingPairProbability, trainedProbabilities: r.final.solvingPairProbability,
                    epsilon: epsilon)
                : SupportComparison(
                    baseProbabilities: r.base.correctProbability, trainedProbabilities: r.final.correctProbability,
                    epsilon: epsilon)
        }
        var banditTable = ResultTable(
            title: String(format: "StrategyBandit: support at ε = −ln 0.05 / %d = %.4f (exact probabilities; mean ± std over seeds)", k, epsilon),
            columns: ["arm", "unit", "P", "E", "S", "SRR", "NDR", "SDS", "NSCR"])
        for label in [SELFReproduction.grpo, SELFReproduction.selfArm] {
            for pairs in [false, true] {
                let s = { (v: (SupportComparison) -> Double, d: Int) in
                    BanditExperiment.summary(bandit, label) { v(support($0, pairs: pairs)) }.formatted(digits: d)
                }
                banditTable.rows.append([
                    label, pairs ? "(problem, strategy)" : "problem", s({ Double($0.preserved) }, 1),
                    s({ Double($0.expanded) }, 1), s({ Double($0.shrunk) }, 1), s({ $0.retentionRate }, 3),
                    s({ $0.discoveryRate }, 3), s({ $0.dynamicScore }, 3), s({ $0.netChangeRate }, 3),
                ])
            }
        }
        var lmTable = ResultTable(
            title: "Tiny LM (Qwen2-style, SFT on mixed-style addition) after GRPO: held-out support with n samples per problem "
                + "(in support = at least one correct sample) and entropies (mean ± std over seeds)",
            columns: ["model", "pass@1", "pass@n", "SRR", "NDR", "NSCR", "token entropy", "answer entropy"])
        let lm = { (v: (LeashLanguageModelRuns.Record) -> Double, d: Int) in SeedSummary(language.map(v)).formatted(digits: d) }
        lmTable.rows.append([
            "base", lm({ $0.base.passAtK[1] ?? .nan }, 3), lm({ $0.base.coverage }, 3), "", "", "",
            lm({ $0.base.sequenceTokenEntropy }, 3), lm({ $0.base.answerEntropy }, 3),
        ])
        lmTable.rows.append([
            "GRPO", lm({ $0.trained.passAtK[1] ?? .nan }, 3), lm({ $0.trained.coverage }, 3),
            lm({ $0.support.retentionRate }, 3), lm({ $0.support.discoveryRate }, 3), lm({ $0.support.netChangeRate }, 3),
            lm({ $0.trained.sequenceTokenEntropy }, 3), lm({ $0.trained.answerEntropy }, 3),
        ])
        let banditNSCR = BanditExperiment.summary(bandit, SELFReproduction.grpo) { support($0, pairs: false).netChangeRate }.mean
        let lmNSCR = SeedSummary(language.map { $0.support.netChangeRate }).mean
        let answerChange = SeedSummary(language.map { $0.trained.answerEntropy - $0.base.answerEntropy }).mean
        let tokenChange = SeedSummary(language.map { $0.trained.sequenceTokenEntropy - $0.base.sequenceTokenEntropy }).mean
        let c1 = banditNSCR < 0, c2 = lmNSCR < 0, c3 = answerChange < 0 && tokenChange > 0
        let verdict: ClaimVerdict = c1 && c2 && c3 ? .shown : (c1 || c2 ? .partlyShown : .notShown)
        let explanation = String(
            format: "(1) bandit GRPO NSCR %+.3f %@; (2) tiny-LM GRPO NSCR %+.3f %@; (3) tiny-LM answer entropy change "
                + "%+.3f and token entropy change %+.3f %@. Support on the bandit is exact (π > ε); on the LM it is "
                + "sampled (%d samples per held-out problem), so small NSCR values are within sampling noise.",
            banditNSCR, c1 ? "(holds)" : "(fails)", lmNSCR, c2 ? "(holds)" : "(fails)", answerChange, tokenChange,
            c3 ? "(holds)" : "(fails)", language.first?.base.samples ?? 0)
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: [banditTable, lmTable],
            plots: [
                BanditExperiment.plot(bandit, name: "bandit-pass\(k)", title: "Bandit: exact pass@\(k)", yLabel: "pass@\(k)") {
                    $0.passAtMax
                }
            ], verdict: verdict, verdictExplanation: explanation, seconds: seconds)
    }
}

/// One unit of ``InvisibleLeashReproduction``: a bandit arm × seed, a language-model seed, or nothing (stage 0).
public struct InvisibleLeashUnitResult: Codable, Sendable {
    var bandit: BanditRunRecord?
    var language: LeashLanguageModelRecord?

    init(bandit: BanditRunRecord? = nil, language: LeashLanguageModelRecord? = nil) {
        self.bandit = bandit
        self.language = language
    }
}
