import Environments
import Tensor
import Testing
@testable import Algorithms

@Suite("Q-learning, SARSA and expected SARSA")
struct TabularTDTests {
    static func frozenLake() throws -> VectorEnvironment<TimeLimit<FrozenLake>> {
        try VectorEnvironment(count: 1) { (_) throws(EnvironmentError) in
            try TimeLimit(try FrozenLake(isSlippery: false), maxEpisodeSteps: 100)
        }
    }

    /// Follows the greedy policy from the start; returns the episode return.
    static func greedyReturn(_ q: QTable) throws -> Double {
        var env = try FrozenLake(isSlippery: false)
        var state = try env.reset(seed: 0).observation
        var total = 0.0
        for _ in 0..<100 {
            let step = try env.step(q.greedyAction(state))
            total += step.reward
            state = step.observation
            if step.isDone { break }
        }
        return total
    }

    @Test("each method solves FrozenLake 4x4 (non-slippery) within 20k steps", arguments: TabularTDMethod.allCases)
    func solvesFrozenLake(method: TabularTDMethod) throws {
        var env = try Self.frozenLake()
        var learner = try TabularTD(config: TabularTDConfig(method: method), environment: env, seed: 7)
        try learner.learn(environment: &env, steps: 20_000, seed: 1)
        #expect(try Self.greedyReturn(learner.q) == 1)
    }

    @Test("Q-learning reaches value iteration's optimal policy on a small Garnet MDP")
    func garnetOptimal() throws {
        var rng = Xoshiro256StarStar(seed: 21)
        let mdp = try Garnet.make(states: 6, actions: 2, branching: 2, using: &rng)
        let optimal = try TabularPlanning.valueIteration(mdp, gamma: 0.9)
        var env = try VectorEnvironment(count: 4) { (_) throws(EnvironmentError) in
            try TimeLimit(try TabularEnvironment(mdp: mdp), maxEpisodeSteps: 50)
        }
        var config = TabularTDConfig(method: .qLearning)
        config.gamma = 0.9
        config.learningRate = 0.05
        config.explorationEnd = 0.3
        var learner = try TabularTD(config: config, environment: env, seed: 3)
        try learner.learn(environment: &env, steps: 200_000, seed: 2)
        #expect(learner.q.greedyPolicy == optimal.policy)
        for s in 0..<mdp.stateCount { #expect(abs(learner.q.maxValue(s) - optimal.values[s]) < 0.3) }
    }

    @Test("the TD target does not bootstrap after termination and follows each method otherwise")
    func targets() throws {
        var learner = try TabularTD(config: TabularTDConfig(method: .qLearning), stateCount: 2, actionCount: 2, seed: 1)
        learner.q[1, 0] = 1
        learner.q[1, 1] = 3
        #expect(learner.target(reward: 2, next: 1, terminated: true, nextAction: 0, epsilon: 0.5) == 2)
        #expect(learner.target(reward: 2, next: 1, terminated: false, nextAction: 0, epsilon: 0.5) == 2 + 0.99 * 3)
        var sarsa = try TabularTD(config: TabularTDConfig(method: .sarsa), stateCount: 2, actionCount: 2, seed: 1)
        sarsa.q = learner.q
        #expect(sarsa.target(reward: 2, next: 1, terminated: false, nextAction: 0, epsilon: 0.5) == 2 + 0.99 * 1)
        var expected = try TabularTD(config: TabularTDConfig(method: .expectedSarsa), stateCount: 2, actionCount: 2, seed: 1)
        expected.q = learner.q
        // π(greedy) = 1 − ε + ε/2 = 0.75, π(other) = 0.25 → 0.25·1 + 0.75·3 = 2.5
        #expect(abs(expected.target(reward: 2, next: 1, terminated: false, nextAction: 0, epsilon: 0.5) - (2 + 0.99 * 2.5)) < 1e-12)
    }

    @Test("a non-Discrete observation space is rejected")
    func notTabular() throws {
        let env = try VectorEnvironment(count: 1) { (_) throws(EnvironmentError) in CartPole() }
        #expect(throws: TabularError.self) { _ = try TabularTD(config: TabularTDConfig(), environment: env, seed: 1) }
    }
}
