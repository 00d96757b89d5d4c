import Environments
import Foundation
import Tensor
import Testing

@testable import Algorithms

@Suite("Demonstration-regularised RL pieces")
struct DemoRegularizedTests {
    @Test("Laplace BC: (n_h(s,a) + κ)/(n_h(s) + Aκ) by hand")
    func laplace() throws {
        let demos = [
            [DemonstrationStep(state: 0, action: 1), DemonstrationStep(state: 1, action: 0)],
            [DemonstrationStep(state: 0, action: 1), DemonstrationStep(state: 1, action: 1)],
        ]
        let policy = try LaplaceBehaviorCloning(kappa: 1).policy(
            demonstrations: demos, stateCount: 2, actionCount: 2, horizon: 2)
        #expect(Array(policy.distribution(stage: 0, state: 0)) == [0.25, 0.75])
        #expect(Array(policy.distribution(stage: 0, state: 1)) == [0.5, 0.5])
        #expect(Array(policy.distribution(stage: 1, state: 1)) == [0.5, 0.5])
        #expect(throws: TabularError.self) { _ = try LaplaceBehaviorCloning(kappa: 0) }
    }

    @Test("soft backup on a one-state problem: λ log Σ π^ref e^{Q/λ} and its maximiser")
    func softBackup() {
        let value = SoftBackup.value(q: [1.0, 0], reference: [0.5, 0.5], lambda: 1)
        #expect(abs(value - log(0.5 * M_E + 0.5)) < 1e-12)
        let policy = SoftBackup.policy(q: [1.0, 0], reference: [0.5, 0.5], lambda: 1)
        #expect(abs(policy[0] - M_E / (M_E + 1)) < 1e-12)
        // V = Σ π Q − λ KL(π ‖ ref) at the maximiser.
        let kl = policy[0] * log(policy[0] / 0.5) + policy[1] * log(policy[1] / 0.5)
        #expect(abs(value - (policy[0] * 1 - kl)) < 1e-12)
        #expect(SoftBackup.value(q: [1.0, 3], reference: [1, 0], lambda: 0) == 1)
        let large = SoftBackup.value(q: [1000.0, 0], reference: [0.5, 0.5], lambda: 0.01)
        #expect(abs(large - (1000 + 0.01 * log(0.5))) < 1e-9)
    }

    @Test("Bradley–Terry gradient matches central finite differences")
    func bradleyTerryGradient() {
        var model = BradleyTerryRewardModel(pairs: 3)
        model.reward = [0.3, -0.2, 0.5]
        let data = [
            TrajectoryPreference(first: [2, 0, 1], second: [0, 3, 0], label: 1),
            TrajectoryPreference(first: [1, 1, 1], second: [0, 0, 3], label: 0),
        ]
        let grad = model.gradient(data, ridge: 0.1)
        for index in 0..<3 {
            var plus = model, minus = model
            plus.reward[index] += 1e-6
            minus.reward[index] -= 1e-6
            let numeric = (plus.objective(data, ridge: 0.1) - minus.objective(data, ridge: 0.1)) / 2e-6
            #expect(abs(numeric - grad[index]) < 1e-7)
        }
    }

    @Test("Bradley–Terry MLE recovers which pair is rewarded")
    func bradleyTerryFit() {
        var rng = Xoshiro256StarStar(seed: 5)
        let truth = [1.0, 0, 0, 0.5]
        var data: [TrajectoryPreference] = []
        for _ in 0..<400 {
            let a = (0..<4).map { _ in Double(rng.int(below: 3)) }, b = (0..<4).map { _ in Double(rng.int(below: 3)) }
            let margin = zip(truth, a).reduce(0) { $0 + $1.0 * $1.1 } - zip(truth, b).reduce(0) { $0 + $1.0 * $1.1 }
            let label: Double = rng.nextDouble() < 1 / (1 + exp(-margin)) ? 1 : 0
            data.append(TrajectoryPreference(first: a, second: b, label: label))
        }
        var model = BradleyTerryRewardModel(pairs: 4)
        model.fit(data, steps: 2000)
        #expect(model.reward[0] > model.reward[3])
        #expect(model.reward[3] > model.reward[1])
    }

    @Test("with no online data the regularised recommendation is π^BC; UCBVI's bonus plan is optimistic")
    func recommendationStartsAtBC() throws {
        let demos = [[DemonstrationStep(state: 0, action: 2), DemonstrationStep(state: 1, action: 1)]]
        let bc = try LaplaceBehaviorCloning().policy(demonstrations: demos, stateCount: 5, actionCount: 3, horizon: 2)
        let agent = try OptimisticEpisodicAgent(
            config: DemoRegularizedConfig(horizon: 2, lambda: 0.1), stateCount: 5, actionCount: 3, reference: bc)
        let recommendation = agent.plan(bonus: false, episodes: 1)
        for (a, b) in zip(recommendation.probabilities.joined(), bc.probabilities.joined()) {
            #expect(abs(a - b) < 1e-12)
        }
        #expect(throws: TabularError.self) {
            _ = try OptimisticEpisodicAgent(
                config: DemoRegularizedConfig(horizon: 2, lambda: 0.1), stateCount: 5, actionCount: 3)
        }
    }

    @Test("UCBVI breaks ties at the clip toward the least-explored action: unseen first, then the largest bound")
    func saturatedBonusStillExplores() throws {
        var agent = try OptimisticEpisodicAgent(
            config: DemoRegularizedConfig(horizon: 1), stateCount: 1, actionCount: 3)
        agent.observe(state: 0, action: 0, reward: 1, nextState: 0, terminated: true)
        // Every Q is clipped at H = 1; action 0 has a finite raw bound, actions 1 and 2 an infinite one.
        #expect(Array(agent.plan(bonus: true, episodes: 10).distribution(stage: 0, state: 0)) == [0, 1, 0])
        agent.observe(state: 0, action: 1, reward: 1, nextState: 0, terminated: true)
        agent.observe(state: 0, action: 1, reward: 1, nextState: 0, terminated: true)
        agent.observe(state: 0, action: 2, reward: 1, nextState: 0, terminated: true)
        // Now all are seen: the raw bound r̂ + H·sqrt(L/n) is largest for the least visited (actions 0 and 2).
        #expect(Array(agent.plan(bonus: true, episodes: 10).distribution(stage: 0, state: 0)) == [1, 0, 0])
    }

    @Test("UCBVI's recommendation reaches V* within 2000 episodes (Garnet 6 × 2, H 3)")
    func ucbviLearns() throws {
        var rng = Xoshiro256StarStar(seed: 7)
        let mdp = try Garnet.make(states: 6, actions: 2, branching: 2, using: &rng)
        let optimum = EpisodicPolicy.optimal(in: mdp, horizon: 3).value
        var agent = try OptimisticEpisodicAgent(
            config: DemoRegularizedConfig(horizon: 3), stateCount: 6, actionCount: 2)
        let before = agent.plan(bonus: false, episodes: 2000).value(in: mdp)
        for _ in 0..<2000 { agent.playEpisode(agent.plan(bonus: true, episodes: 2000), in: mdp, using: &rng) }
        let after = agent.plan(bonus: false, episodes: 2000).value(in: mdp)
        #expect(optimum - after < 0.05)
        #expect(after >= before)
    }
}
