import Foundation
import Language
import Testing

@testable import Experiments

/// The StrategyBandit reproductions: registered, deterministic per seed, and their verdict logic on fixed records.
@Suite struct BanditReproductionTests {
    @Test func rlvrMethodReproductionsAreRegisteredWithClaims() throws {
        for id in ["self", "invisible-leash", "siren", "exploration-exploitation", "policy-cliff", "insight", "adora"] {
            let reproduction = try Reproductions.named(id)
            #expect(reproduction.claim.contains("Verdict"), "\(id) states its verdict criteria in the claim")
        }
    }

    @Test func sameSeedGivesTheSameRecord() throws {
        let budget = BanditBudget(steps: 6, evaluateEvery: 3, ks: [1, 16])
        var config = BanditExperiment.grpo()
        config.selection = PromptSelection(method: .insight)
        let arm = BanditArm(label: "InSight", bandit: .init(problems: 96, strategies: 6), config: config)
        let first = try BanditExperiment.run(arm, seed: 3, budget: budget)
        let second = try BanditExperiment.run(arm, seed: 3, budget: budget)
        #expect(first.passAt1 == second.passAt1 && first.entropy == second.entropy)
        #expect(first.final == second.final)
        #expect(first.steps == [0, 3, 6] && first.rollouts == [0, 3 * 256, 6 * 256])
        let other = try BanditExperiment.run(arm, seed: 4, budget: budget)
        #expect(other.base != first.base)
    }

    @Test func selfVerdictFollowsItsCriteria() throws {
        // GRPO: pass@1 up, pass@256 down; SELF: pass@256 up → shown
        func record(_ label: String, pass1: (Double, Double), passK: (Double, Double)) -> BanditRunRecord {
            let report = { (p1: Double, pk: Double) in
                StrategyBanditReport(
                    ks: [1, 256], passAtK: [p1, pk], entropy: 1, junkMass: 0, correctProbability: [0.5],
                    solvingPairProbability: [0.5], actionMass: [1])
            }
            return BanditRunRecord(
                label: label, seed: 0, steps: [0], rollouts: [0], passAt1: [pass1.0], passAtMax: [passK.0], entropy: [1],
                junkMass: [0], base: report(pass1.0, passK.0), final: report(pass1.1, passK.1), seconds: 0,
                trainingProblems: 1)
        }
        let budget = BanditBudget(steps: 1, evaluateEvery: 1, ks: [1, 256])
        let context = ReproductionContext(quick: true, seeds: 1, directory: FileManager.default.temporaryDirectory)
        let shown = SELFReproduction().report(
            [
                record(SELFReproduction.grpo, pass1: (0.4, 0.8), passK: (0.95, 0.90)),
                record(SELFReproduction.selfArm, pass1: (0.4, 0.6), passK: (0.95, 0.96)),
            ], budget: budget, context: context, seconds: 0)
        #expect(shown.verdict == .shown)
        let partly = SELFReproduction().report(
            [
                record(SELFReproduction.grpo, pass1: (0.4, 0.8), passK: (0.95, 0.96)),
                record(SELFReproduction.selfArm, pass1: (0.4, 0.6), passK: (0.95, 0.97)),
            ], budget: budget, context: context, seconds: 0)
        #expect(partly.verdict == .partlyShown)
    }
}
