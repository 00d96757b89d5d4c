import Foundation
import Language
import Tensor

/// "Rethinking Entropy Regularization in Large Reasoning Models" (SIREN, arXiv:2509.25133) on the StrategyBandit
/// with 1000 junk actions at logit −8 (digest §6, §14.2): GRPO, the naive entropy bonus `−c·H` over the full
/// vocabulary, and SIREN's top-p (0.8) entropy with the self-anchored quadratic `c·(H_sel − H₀)²`, each at
/// c = 0.1 and 1, on the one trainer. Completions are one token, so the peak-entropy mask is off
/// (``SIRENRegularizer/peakMask``): this isolates the top-p mask and the anchor.
///
/// Units: one per arm × seed (``BanditExperiment/units(_:context:)``).
public struct SIRENReproduction: UnitReproduction {
    public init() {}
    public var id: String { "siren" }
    public var paper: String {
        "\"Rethinking Entropy Regularization in Large Reasoning Models\" (SIREN, arXiv:2509.25133)"
    }
    public var claim: String {
        "A naive entropy bonus explodes entropy in a large action space (mass leaks onto junk actions); SIREN's "
            + "top-p, self-anchored regulariser keeps it near the anchor with pass@k at least GRPO's. Verdict: shown if "
            + "(1) the naive bonus at c = 1 ends with mean junk mass above 0.5 and (2) SIREN at c = 1 ends with mean "
            + "junk mass at most twice the base's and mean pass@256 at least GRPO's; partly shown if one holds; "
            + "otherwise not shown."
    }
    public var defaultSeeds: Int { 3 }

    static let grpo = "GRPO", naiveSmall = "naive bonus c 0.1", naive = "naive bonus c 1"
    static let sirenSmall = "SIREN c 0.1", siren = "SIREN c 1"

    static func arms() -> [BanditArm] {
        var junk = StrategyBandit.Configuration()
        junk.junkActions = 1000
        func with(_ change: (inout RLVRConfig) -> Void) -> RLVRConfig {
            var config = BanditExperiment.grpo()
            change(&config)
            return config
        }
        return [
            BanditArm(label: grpo, bandit: junk, config: BanditExperiment.grpo()),
            BanditArm(label: naiveSmall, bandit: junk, config: with { $0.objective.entropyCoefficient = 0.1 }),
            BanditArm(label: naive, bandit: junk, config: with { $0.objective.entropyCoefficient = 1 }),
            BanditArm(
                label: sirenSmall, bandit: junk,
                config: with { $0.objective.siren = SIRENRegularizer(coefficient: 0.1, peakMask: false) }),
            BanditArm(
                label: siren, bandit: junk,
                config: with { $0.objective.siren = SIRENRegularizer(coefficient: 1, peakMask: false) }),
        ]
    }

    static func budget(quick: Bool) -> BanditBudget {
        var budget = BanditBudget.make(quick: quick)
        budget.steps = quick ? 100 : 300
        return budget
    }

    /// Every arm × seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else { throw ReproductionError.invalidSettings("siren needs at least one seed") }
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
        let k = budget.ks.last ?? 256
        var table = ResultTable(
            title: "StrategyBandit + 1000 junk actions after \(budget.steps) steps (exact; mean ± std over seeds)",
            columns: ["arm", "pass@1", "pass@\(k)", "entropy", "junk mass"])
        table.rows.append([
            "base", SeedSummary(records.filter { $0.label == Self.grpo }.map { $0.base.passAtK.first ?? .nan }).formatted(digits: 3),
            SeedSummary(records.filter { $0.label == Self.grpo }.map { $0.base.passAtK.last ?? .nan }).formatted(digits: 3),
            SeedSummary(records.filter { $0.label == Self.grpo }.map { $0.base.entropy }).formatted(digits: 2),
            SeedSummary(records.filter { $0.label == Self.grpo }.map { $0.base.junkMass }).formatted(digits: 3),
        ])
        for arm in Self.arms() {
            let s = { (v: (BanditRunRecord) -> Double, d: Int) in BanditExperiment.summary(records, arm.label, v).formatted(digits: d) }
            table.rows.append([
                arm.label, s({ $0.final.passAtK.first ?? .nan }, 3), s({ $0.final.passAtK.last ?? .nan }, 3),
                s({ $0.final.entropy }, 2), s({ $0.final.junkMass }, 3),
            ])
        }
        let mean = { (label: String, v: (BanditRunRecord) -> Double) in BanditExperiment.summary(records, label, v).mean }
        let baseJunk = mean(Self.grpo) { $0.base.junkMass }
        let naiveJunk = mean(Self.naive) { $0.final.junkMass }
        let sirenJunk = mean(Self.siren) { $0.final.junkMass }
        let sirenCoverage = mean(Self.siren) { $0.final.passAtK.last ?? 0 }
        let grpoCoverage = mean(Self.grpo) { $0.final.passAtK.last ?? 0 }
        let c1 = naiveJunk > 0.5, c2 = sirenJunk <= 2 * baseJunk && sirenCoverage >= grpoCoverage
        let verdict: ClaimVerdict = c1 && c2 ? .shown : (c1 || c2 ? .partlyShown : .notShown)
        let explanation = String(
            format: "(1) naive bonus c 1: junk mass %.3f (base %.3f) %@; (2) SIREN c 1: junk mass %.3f, pass@%d %.3f vs "
                + "GRPO %.3f %@. One-token completions: the peak-entropy mask is not exercised here.",
            naiveJunk, baseJunk, c1 ? "(holds)" : "(fails)", sirenJunk, k, sirenCoverage, grpoCoverage,
            c2 ? "(holds)" : "(fails)")
        let plots = [
            BanditExperiment.plot(records, name: "entropy", title: "Policy entropy", yLabel: "nats") { $0.entropy },
            BanditExperiment.plot(records, name: "junk", title: "Mass on junk actions", yLabel: "probability") { $0.junkMass },
            BanditExperiment.plot(records, name: "pass\(k)", title: "Exact pass@\(k)", yLabel: "pass@\(k)") { $0.passAtMax },
        ]
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList, tables: [table],
            plots: plots, verdict: verdict, verdictExplanation: explanation, seconds: 0)
    }
}
