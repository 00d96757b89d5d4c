import Environments
import Foundation
import Tensor
import Testing

@testable import Algorithms

/// Two states, two actions, deterministic: in state 0, action 0 stays (reward 0.4) and action 1 moves to state 1
/// (reward 0); in state 1, action 0 stays (reward 1) and action 1 moves to state 0 (reward 0). Start in state 0.
func twoStateMDP(horizon: Int) -> EpisodicMDP {
    EpisodicMDP(
        stateCount: 2, actionCount: 2, horizon: horizon,
        transitions: [[1, 0, 0, 1, 0, 1, 1, 0]], rewards: [[0.4, 0, 1, 0]], initialDistribution: [1, 0])
}

@Suite("Finite-horizon exploration machinery")
struct ExplorationTests {
    @Test("Hoeffding bonus c·H·sqrt(L/n) with L = log(SAHK/δ), by hand")
    func hoeffdingBonus() {
        let logTerm = ExplorationBonus.logTerm(states: 2, actions: 3, horizon: 5, episodes: 100, delta: 0.1)
        #expect(abs(logTerm - 10.308952660644293) < 1e-12)
        let width = ExplorationBonus.hoeffding.width(count: 4, horizon: 5, logTerm: logTerm, variance: 0.3)
        #expect(abs(width - 8.026889442930358) < 1e-12)
    }

    @Test("Bernstein bonus sqrt(2L·Var/n) + 7HL/(3(n − 1)), by hand")
    func bernsteinBonus() {
        let width = ExplorationBonus.bernstein.width(count: 5, horizon: 4, logTerm: 2, variance: 0.25)
        #expect(abs(width - 5.113880262166625) < 1e-12)
        #expect(ExplorationBonus.bernstein(scale: 0).width(count: 5, horizon: 4, logTerm: 2, variance: 1) == 0)
    }

    @Test("Backward induction on the two-state MDP: V* = 2 over H = 3, π*_0(0) = move")
    func backwardInduction() throws {
        let mdp = twoStateMDP(horizon: 3)
        try mdp.validate()
        let (policy, values, value) = mdp.optimal()
        #expect(value == 2)
        #expect(values[2] == [0.4, 1])
        #expect(values[1] == [1, 2])
        #expect(Array(policy.distribution(stage: 0, state: 0)) == [0, 1])
        let uniform = EpisodicPolicy(probabilities: [[0.5, 0.5, 0.5, 0.5]], actionCount: 2)
        #expect(abs(twoStateMDP(horizon: 1).value(of: uniform) - 0.2) < 1e-15)
    }

    @Test("The sparse evaluator gives exactly the dense values", arguments: [0, 1, 2])
    func sparseEvaluator(seed: UInt64) throws {
        var rng = Xoshiro256StarStar(seed: seed)
        var mdp = try EpisodicMDPSpec.garnet(states: 6, actions: 3, horizon: 4, branching: 2, stationary: seed != 1)
            .generate(using: &rng)
        mdp.utilities = mdp.rewards.map { $0.map { 1 - $0 } }
        let policy = BaselinePolicy.perturbedGreedy(mdp, using: &rng)
        let evaluator = EpisodicEvaluator(mdp)
        #expect(evaluator.value(of: policy) == mdp.value(of: policy))
        #expect(evaluator.value(of: policy, signal: .utility) == mdp.value(of: policy, signal: .utility))
    }

    @Test("The optimal policy has zero regret; a worse one has V* − V^π")
    func optimalPolicyRegret() {
        let mdp = twoStateMDP(horizon: 3)
        let optimum = mdp.optimal()
        #expect(optimum.value - EpisodePlan(components: [(1, optimum.policy)], exploration: 1).value(in: mdp) == 0)
        let stay = EpisodicPolicy(actions: Array(repeating: [0, 0], count: 3), actionCount: 2)
        #expect(abs(optimum.value - mdp.value(of: stay) - (2 - 1.2)) < 1e-12)
    }

    @Test("UCBVI plans H − h for unvisited pairs and prefers them at the cap")
    func ucbviOptimismOnUnvisited() {
        var model = EpisodicModel(stateCount: 2, actionCount: 2, horizon: 1, stageDependent: false)
        model.observe(stage: 0, state: 0, action: 0, reward: 1, next: 0)
        let planner = UCBVI(bonus: .hoeffding(scale: 0))
        let (policy, value) = planner.optimisticPolicy(model, episodes: 10, start: [1, 0])
        #expect(value == 1)
        #expect(Array(policy.distribution(stage: 0, state: 0)) == [0, 1])
    }

    @Test("Pessimistic evaluation with c = 0 is the empirical model's value; with a bonus it is clipped at 0")
    func pessimisticEvaluation() {
        var model = EpisodicModel(stateCount: 2, actionCount: 1, horizon: 2, stageDependent: false)
        model.observe(stage: 0, state: 0, action: 0, reward: 1, next: 1)
        model.observe(stage: 0, state: 0, action: 0, reward: 0, next: 0)
        model.observe(stage: 1, state: 1, action: 0, reward: 1, next: 1)
        let policy = EpisodicPolicy(actions: [[0, 0], [0, 0]], actionCount: 1)
        let exact = UCBVI(bonus: .hoeffding(scale: 0)).pessimisticValues(of: policy, model, episodes: 1)
        // V_1 = [0.5, 1]; V_0(0) = 0.5 + (0.5·0.5 + 0.5·1) = 1.25, V_0(1) = 1 + 1 = 2.
        #expect(exact == [1.25, 2])
        let pessimistic = UCBVI(bonus: .hoeffding(scale: 1)).pessimisticValues(of: policy, model, episodes: 1)
        #expect(pessimistic == [0, 0])
    }

    @Test("EpsMix ε: 1 when certified, κV^b/(V^b − V̲) otherwise")
    func epsMixRule() {
        let baseline = EpisodicPolicy(actions: [[0]], actionCount: 1)
        let rule = ConservativeExploration(mixing: .epsMix, kappa: 0.1, baseline: baseline, baselineValue: 2)
        #expect(rule.epsilon(certificate: 1.9) == 1)
        #expect(abs(rule.epsilon(certificate: 0) - 0.1) < 1e-15)
        #expect(abs(rule.epsilon(certificate: 1) - 0.2) < 1e-15)
    }

    @Test("StepMix θ: the largest certified point of the interpolated certificates")
    func stepMixRule() {
        let baseline = EpisodicPolicy(actions: [[0]], actionCount: 1)
        let rule = ConservativeExploration(mixing: .stepMix, kappa: 0.1, baseline: baseline, baselineValue: 2)
        #expect(abs(rule.theta(certificates: [2, 1, 0.5]) - 0.2) < 1e-12)
        #expect(abs(rule.theta(certificates: [2, 1.9, 1.85, 0.5]) - 2.037037037037037) < 1e-12)
        #expect(rule.theta(certificates: [2, 1.9, 1.85]) == 2)
    }

    @Test("StepMix policies: θ = 0 is π^b, θ = H is π̄, and V^{π_θ} is linear in ρ", arguments: [0.25, 0.5, 0.9])
    func stepMixFamily(rho: Double) {
        let mdp = twoStateMDP(horizon: 3)
        let optimistic = mdp.optimal().policy
        let baseline = EpisodicPolicy(actions: Array(repeating: [0, 1], count: 3), actionCount: 2)
        #expect(ConservativeExploration.stepPolicy(theta: 0, optimistic: optimistic, baseline: baseline) == baseline)
        #expect(ConservativeExploration.stepPolicy(theta: 3, optimistic: optimistic, baseline: baseline) == optimistic)
        func value(_ theta: Double) -> Double {
            mdp.value(of: ConservativeExploration.stepPolicy(theta: theta, optimistic: optimistic, baseline: baseline))
        }
        #expect(abs(value(1 + rho) - ((1 - rho) * value(1) + rho * value(2))) < 1e-12)
    }

    @Test("UCBVI's regret grows sublinearly: the second half of the run costs less than the first",
          arguments: [ExplorationBonus.hoeffding(scale: 0.1), .bernstein(scale: 0.1)])
    func ucbviLearns(bonus: ExplorationBonus) throws {
        var rng = Xoshiro256StarStar(seed: 5)
        let mdp = try EpisodicMDPSpec.garnet(states: 5, actions: 2, horizon: 4, branching: 2, stationary: true)
            .generate(using: &rng)
        let explorer = try EpisodicExplorer(
            stateCount: 5, actionCount: 2, horizon: 4, stageDependent: false, planner: UCBVI(bonus: bonus))
        let trace = ExplorationTrace.run(explorer, in: mdp, episodes: 400, points: 2, using: &rng)
        #expect(trace.checkpoints == [200, 400])
        #expect(trace.cumulativeRegret[1] - trace.cumulativeRegret[0] < trace.cumulativeRegret[0])
    }

    @Test(
        "EpsMix and StepMix keep V^{π_k} ≥ (1 − κ)V^b on a small garnet",
        arguments: ConservativeExploration.Mixing.allCases)
    func conservativeRunsAreSafe(mixing: ConservativeExploration.Mixing) throws {
        var rng = Xoshiro256StarStar(seed: 9)
        let mdp = try EpisodicMDPSpec.garnet(states: 5, actions: 3, horizon: 4, branching: 2, stationary: true)
            .generate(using: &rng)
        let baseline = EpisodicPolicy(
            probabilities: Array(repeating: Array(repeating: 1.0 / 3, count: 15), count: 4), actionCount: 3)
        let conservative = ConservativeExploration(
            mixing: mixing, kappa: 0.1, baseline: baseline, baselineValue: mdp.value(of: baseline))
        let explorer = try EpisodicExplorer(
            stateCount: 5, actionCount: 3, horizon: 4, stageDependent: false,
            planner: UCBVI(bonus: .hoeffding(scale: 0.1)), conservative: conservative)
        let trace = ExplorationTrace.run(
            explorer, in: mdp, episodes: 200,
            constraint: EpisodeConstraint(signal: .reward, threshold: conservative.threshold), using: &rng)
        #expect(trace.violations == 0)
        #expect(trace.meanExploration > 0)
    }

    @Test("Constraint accounting on the utility signal: V_u^π exactly, every episode below the threshold counts")
    func utilityConstraint() throws {
        var mdp = twoStateMDP(horizon: 2)
        mdp.utilities = [[0.5, 0.5, 0.5, 0.5]]
        let uniform = BaselinePolicy.uniform(stateCount: 2, actionCount: 2, horizon: 2)
        #expect(mdp.value(of: uniform, signal: .utility) == 1)
        var rng = Xoshiro256StarStar(seed: 1)
        let explorer = try EpisodicExplorer(stateCount: 2, actionCount: 2, horizon: 2, stageDependent: false)
        let strict = ExplorationTrace.run(
            explorer, in: mdp, episodes: 30, constraint: EpisodeConstraint(signal: .utility, threshold: 1.01),
            using: &rng)
        #expect(strict.violations == 30 && strict.minimumConstrainedValue == 1)
        let loose = ExplorationTrace.run(
            explorer, in: mdp, episodes: 30, constraint: EpisodeConstraint(signal: .utility, threshold: 1),
            using: &rng)
        #expect(loose.violations == 0)
    }

    @Test("A stage-dependent model keeps separate counts per stage; a stationary one pools them")
    func stageDependentCounts() {
        var perStage = EpisodicModel(stateCount: 2, actionCount: 1, horizon: 2, stageDependent: true)
        var pooled = EpisodicModel(stateCount: 2, actionCount: 1, horizon: 2, stageDependent: false)
        for model in [0, 1] {
            for stage in [0, 1, 1] {
                if model == 0 {
                    perStage.observe(stage: stage, state: 0, action: 0, reward: Double(stage), next: stage)
                } else {
                    pooled.observe(stage: stage, state: 0, action: 0, reward: Double(stage), next: stage)
                }
            }
        }
        #expect(perStage.count(stage: 0, pair: 0) == 1 && perStage.count(stage: 1, pair: 0) == 2)
        #expect(perStage.meanReward(stage: 1, pair: 0) == 1 && perStage.probability(stage: 0, pair: 0, next: 0) == 1)
        #expect(pooled.count(stage: 0, pair: 0) == 3 && abs(pooled.meanReward(stage: 0, pair: 0) - 2.0 / 3) < 1e-15)
    }

    @Test("Invalid settings are rejected with the field's name")
    func invalidSettings() {
        #expect(throws: TabularError.self) { try UCBVI(delta: 0).validate() }
        #expect(throws: TabularError.self) { try ExplorationBonus.hoeffding(scale: -1).validate() }
        let baseline = EpisodicPolicy(actions: [[0]], actionCount: 1)
        #expect(throws: TabularError.self) {
            try EpisodicExplorer(
                stateCount: 2, actionCount: 1, horizon: 1, stageDependent: false,
                conservative: ConservativeExploration(mixing: .epsMix, baseline: baseline, baselineValue: 1))
        }
    }
}
