import Foundation
import Tensor
import Testing

@testable import Language

/// Seconds-scale behaviour of the RLVR components on a small StrategyBandit, through the one ``RLVRTrainer``.
@Suite struct RLVRComponentBehaviourTests {
    static let small = StrategyBandit.Configuration(problems: 64, strategies: 8)

    func setup(
        _ configuration: StrategyBandit.Configuration = small, config: RLVRConfig, seed: UInt64 = 1
    ) throws -> (StrategyBandit, StrategyPolicy, RLVRTrainer<StrategyPolicy>) {
        let bandit = try StrategyBandit(configuration: configuration, seed: seed)
        let policy = bandit.makePolicy(seed: seed)
        return (bandit, policy, try bandit.makeTrainer(policy: policy, config: config))
    }

    static func grpo(learningRate: Double = 0.05, prompts: Int = 16) -> RLVRConfig {
        RLVRConfig(advantage: .grpo, groupSize: 8, promptsPerStep: prompts, learningRate: learningRate)
    }

    @Test func banditGeneratesExactCoverageAndNormalisedPolicies() throws {
        let bandit = try StrategyBandit(configuration: Self.small, seed: 4)
        for s in 0..<8 {
            let solved = bandit.solves.filter { $0[s] }.count
            #expect(solved == Int((Self.small.coverage(ofStrategy: s) * 64).rounded()))
        }
        let policy = bandit.makePolicy(seed: 4)
        for x in [0, 17, 63] { #expect(abs(policy.exactProbabilities(problem: x).reduce(0, +) - 1) < 1e-12) }
        // the policy as a language model gives the same distribution (problem tokens get probability 0)
        let logits = policy.logits(ids: [policy.token(ofProblem: 17)], batch: 1, length: 1).doubles
        let top = logits.max() ?? 0
        let e = logits.map { exp($0 - top) }
        let z = e.reduce(0, +)
        for (a, p) in policy.exactProbabilities(problem: 17).enumerated() { #expect(abs(e[a] / z - p) < 1e-5) }
        #expect(e[8...].allSatisfy { $0 == 0 })
        #expect(throws: RLVRInputError.self) {
            _ = try StrategyBandit(configuration: .init(dominantCoverage: 1.5), seed: 0)
        }
    }

    @Test func grpoRaisesPassAtOneOnTheBandit() throws {
        let (bandit, policy, trainer) = try setup(config: Self.grpo())
        let before = bandit.evaluate(policy).pass(at: 1) ?? 0
        var rng = Xoshiro256StarStar(seed: 9)
        let pool = bandit.problemsAsTasks
        for _ in 0..<25 { _ = try trainer.step(pool: pool, using: &rng) }
        let after = bandit.evaluate(policy).pass(at: 1) ?? 0
        #expect(after > before + 0.05, "pass@1 \(before) → \(after)")
    }

    @Test func greedyFailDropsPromptsThePolicySolvesGreedily() throws {
        var config = Self.grpo(prompts: 64)
        config.selection.method = .greedyFail
        let (bandit, policy, trainer) = try setup(config: config)
        let solvedGreedily = (0..<64).filter { x in
            let pi = policy.exactProbabilities(problem: x)
            let greedy = pi.indices.max { pi[$0] < pi[$1] } ?? 0
            return bandit.isCorrect(problem: x, action: greedy)
        }.count
        var rng = Xoshiro256StarStar(seed: 2)
        let metrics = try trainer.step(pool: bandit.problemsAsTasks, using: &rng)
        #expect(metrics[RLVRMetricNames.greedySolvedFraction] == Double(solvedGreedily) / 64)
        #expect(metrics[RLVRMetricNames.rollouts] == Double((64 - solvedGreedily) * 8))
    }

    @Test func insightPicksTheHighestWeightedInformation() throws {
        var config = Self.grpo(prompts: 1)
        config.selection = PromptSelection(method: .insight, candidateMultiplier: 0)
        let (bandit, _, trainer) = try setup(config: config)
        let pool = Array(bandit.problemsAsTasks.prefix(4))
        // well-known easy, well-known medium, unknown, little evidence near μ
        trainer.beliefs = [
            pool[0].prompt: BetaBelief(alpha: 40, beta: 2), pool[1].prompt: BetaBelief(alpha: 30, beta: 30),
            pool[3].prompt: BetaBelief(alpha: 2, beta: 4),
        ]
        let scores = pool.map { config.selection.insightScore(trainer.beliefs[$0.prompt] ?? BetaBelief(), rollouts: 8) }
        var rng = Xoshiro256StarStar(seed: 1)
        let (chosen, _) = try trainer.select(pool, using: &rng)
        let best = scores.indices.max { scores[$0] < scores[$1] } ?? 0
        #expect(chosen.map(\.prompt) == [pool[best].prompt])
        // the chosen prompt's belief is updated with its G outcomes
        let rolled = try trainer.rollout(chosen, using: &rng)
        let before = trainer.beliefs[chosen[0].prompt] ?? BetaBelief()
        trainer.observe(rolled, problems: chosen)
        #expect(trainer.beliefs[chosen[0].prompt]?.evidence == before.evidence + 8)
    }

    @Test func adoraScalesDisadvantagedGroupsAdvantages() throws {
        var attenuated = Self.grpo()
        attenuated.adora.lambda = 0.1
        var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 5)
        let pool = try StrategyBandit(configuration: Self.small, seed: 1).problemsAsTasks
        let plain = try setup(config: Self.grpo()).2.step(pool: pool, using: &a)
        let (bandit, _, trainer) = try setup(config: attenuated)
        let scaled = try trainer.step(pool: bandit.problemsAsTasks, using: &b)
        // one-token completions all have length 1, so only all-correct groups (no incorrect length to beat) are TAS
        let fraction = scaled[RLVRMetricNames.adoraDisadvantagedFraction] ?? 0
        #expect(fraction > 0.5 && fraction <= 1)
        let ratio = (scaled[RLVRMetricNames.maxAdvantage] ?? 0) / (plain[RLVRMetricNames.maxAdvantage] ?? 1)
        #expect(abs(ratio - 0.1) < 1e-9)
    }

    @Test func bernoulliRewardIsIndependentOfCorrectness() throws {
        var config = Self.grpo(prompts: 64)
        config.rewardNoise = RewardNoise(kind: .bernoulli, probability: 0.5)
        let (bandit, _, trainer) = try setup(config: config)
        var rng = Xoshiro256StarStar(seed: 3)
        let batch = try trainer.rollout(Array(bandit.problemsAsTasks.prefix(64)), using: &rng)
        let rewardMean = batch.rewards.reduce(0, +) / Double(batch.count)
        #expect(abs(rewardMean - 0.5) < 0.07)
        let agree = zip(batch.rewards, batch.correct).filter { ($0 == 1) == $1 }.count
        #expect(abs(Double(agree) / Double(batch.count) - 0.5) < 0.07)
    }

    @Test func sirenHoldsEntropyWhereTheNaiveBonusSpreadsMassOnJunk() throws {
        var junk = Self.small
        junk.junkActions = 200
        func junkMass(_ configure: (inout RLVRConfig) -> Void) throws -> Double {
            var config = Self.grpo()
            configure(&config)
            let (bandit, policy, trainer) = try setup(junk, config: config)
            var rng = Xoshiro256StarStar(seed: 7)
            for _ in 0..<20 { _ = try trainer.step(pool: bandit.problemsAsTasks, using: &rng) }
            return bandit.evaluate(policy).junkMass
        }
        let base = try StrategyBandit(configuration: junk, seed: 1)
        let baseMass = base.evaluate(base.makePolicy(seed: 1)).junkMass
        let naive = try junkMass { $0.objective.entropyCoefficient = 1 }
        let siren = try junkMass { $0.objective.siren = SIRENRegularizer(coefficient: 1, peakMask: false) }
        #expect(naive > 3 * baseMass, "naive bonus junk mass \(naive) vs base \(baseMass)")
        #expect(siren < 2 * baseMass, "SIREN junk mass \(siren) vs base \(baseMass)")
    }
}

/// The Policy Cliff's reward → policy map and the entropy-regularised trainer on tied answers.
@Suite struct PolicyCliffBehaviourTests {
    @Test func rewardPolicyMapHandValues() {
        // τ = 0: uniform over the tied maximisers
        #expect(RewardPolicyMap.optimum(rewards: [1, 1, 0], tau: 0) == [0.5, 0.5, 0])
        #expect(RewardPolicyMap.optimum(rewards: [1, 1.001, 0], tau: 0) == [0, 1, 0])
        // τ > 0: softmax(r/τ)
        let p = RewardPolicyMap.optimum(rewards: [1, 1.02, 0], tau: 0.05)
        let e = [exp(0.0), exp(0.4), exp(-20.0)]
        for i in 0..<3 { #expect(abs(p[i] - e[i] / e.reduce(0, +)) < 1e-12) }
        // Lipschitz bound in total variation, and its violation without regularisation
        let r = [1.0, 0.995, 0], rPrime = [1.0, 1.005, 0]
        for tau in [0.05, 0.2, 1] {
            let change = RewardPolicyMap.totalVariation(
                RewardPolicyMap.optimum(rewards: r, tau: tau), RewardPolicyMap.optimum(rewards: rPrime, tau: tau))
            #expect(change <= RewardPolicyMap.stabilityBound(r, rPrime, tau: tau) + 1e-12)
        }
        #expect(
            RewardPolicyMap.totalVariation(
                RewardPolicyMap.optimum(rewards: r, tau: 0), RewardPolicyMap.optimum(rewards: rPrime, tau: 0)) == 1)
    }

    @Test func entropyRegularisedTrainerApproachesTheSoftmaxOptimum() throws {
        let bandit = try StrategyBandit(
            configuration: .init(
                problems: 1, strategies: 3, featureDimension: 1, dominantCoverage: 1, maxMinorityCoverage: 1,
                minMinorityCoverage: 0, noise: 0, dominantBias: 0, minorityBiasMean: 0, minorityBiasStd: 0, weightStd: 0),
            seed: 0)
        let policy = bandit.makePolicy(seed: 0)
        let config = RLVRConfig(
            advantage: .drGRPO, objective: RLVRObjective(aggregation: .tokenMean, entropyCoefficient: 0.2), groupSize: 16,
            promptsPerStep: 1, learningRate: 0.02)
        let trainer = try bandit.makeTrainer(policy: policy, config: config)
        var rng = Xoshiro256StarStar(seed: 1)
        for _ in 0..<300 { _ = try trainer.step(pool: bandit.problemsAsTasks, using: &rng) }
        let optimum = RewardPolicyMap.optimum(rewards: [1, 1, 0], tau: 0.2)
        let learned = policy.exactProbabilities(problem: 0)
        #expect(RewardPolicyMap.totalVariation(learned, optimum) < 0.05, "learned \(learned) vs optimum \(optimum)")
    }
}

/// SELF keeps coverage where GRPO trades it for pass@1.
@Suite struct SELFBehaviourTests {
    @Test func greedyFailCurationKeepsPassAtKAboveGRPOs() throws {
        let configuration = StrategyBandit.Configuration(problems: 128)
        func passAt256(_ method: PromptSelection.Method) throws -> Double {
            let bandit = try StrategyBandit(configuration: configuration, seed: 2)
            let policy = bandit.makePolicy(seed: 2)
            var config = RLVRConfig(advantage: .grpo, groupSize: 8, promptsPerStep: 32, learningRate: 0.02)
            config.selection.method = method
            let trainer = try bandit.makeTrainer(policy: policy, config: config)
            var rng = Xoshiro256StarStar(seed: 3)
            for _ in 0..<60 { _ = try trainer.step(pool: bandit.problemsAsTasks, using: &rng) }
            return bandit.evaluate(policy, ks: [256]).passAtK[0]
        }
        let grpo = try passAt256(.uniform), curated = try passAt256(.greedyFail)
        #expect(curated > grpo, "pass@256: SELF \(curated) vs GRPO \(grpo)")
    }
}

/// The components compose in one run of the one trainer.
@Suite struct RLVRComponentCompositionTests {
    @Test func sirenADORAAndInSightRunTogether() throws {
        var config = RLVRConfig(advantage: .grpo, groupSize: 8, promptsPerStep: 8, learningRate: 0.02)
        config.selection = PromptSelection(method: .insight, candidateMultiplier: 4)
        config.adora = ADORAWeighting(advantageousWeight: 2, criterion: .difficulty)
        config.objective.siren = SIRENRegularizer(coefficient: 0.5, peakMask: false)
        config.rewardNoise = RewardNoise(kind: .mixture, probability: 0.5, trueWeight: 0.9)
        try config.validate()
        let bandit = try StrategyBandit(configuration: .init(problems: 64, strategies: 8, junkActions: 20), seed: 1)
        let policy = bandit.makePolicy(seed: 1)
        let trainer = try bandit.makeTrainer(policy: policy, config: config)
        var rng = Xoshiro256StarStar(seed: 2)
        var last: [String: Double] = [:]
        for _ in 0..<5 { last = try trainer.step(pool: bandit.problemsAsTasks, using: &rng) }
        #expect(last.values.allSatisfy { $0.isFinite }, "\(last)")
        #expect(last[RLVRMetricNames.sirenAnchor] != nil && last[RLVRMetricNames.adoraDisadvantagedFraction] != nil)
        #expect(last[RLVRMetricNames.selectionScore] != nil)
        #expect(trainer.beliefs.count >= 8 && trainer.beliefs.values.allSatisfy { $0.evidence >= 10 })
    }
}
