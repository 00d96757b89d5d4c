import Environments
import Optimization
import Tensor
import Testing

@testable import Algorithms

/// The zero-sum Markov game evaluators and the optimistic–pessimistic learner.
@Suite struct MarkovGameTests {
    static let glpk = GLPKSolver.isAvailable

    /// Rock-paper-scissors as a one-state, one-step game with rewards (A + 1)/2 ∈ [0, 1].
    static func rockPaperScissors() throws -> ZeroSumMarkovGame {
        let rps: [[Double]] = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
        let mdp = EpisodicMDP(
            stateCount: 1, actionCount: 9, horizon: 1, transitions: [[Double](repeating: 1, count: 9)],
            rewards: [rps.joined().map { ($0 + 1) / 2 }], initialDistribution: [1])
        return try ZeroSumMarkovGame(mdp: mdp, maxActions: 3, minActions: 3)
    }

    @Test func nashGapOfPureAndUniformProfiles() throws {
        let game = try Self.rockPaperScissors()
        let rock = ZeroSumMarkovGame.Policy(maxPlayer: [[[1, 0, 0]]], minPlayer: [[[1, 0, 0]]])
        let values = game.values(rock)
        #expect(values.value == 0.5 && values.maxBestResponse == 1 && values.minBestResponse == 0)
        #expect(game.nashGap(rock) == 1)
        let third = 1.0 / 3
        let uniform = ZeroSumMarkovGame.Policy(
            maxPlayer: [[[third, third, third]]], minPlayer: [[[third, third, third]]])
        #expect(abs(game.nashGap(uniform)) < 1e-12)
        #expect(throws: TabularError.self) { try ZeroSumMarkovGame(mdp: game.mdp, maxActions: 2, minActions: 3) }
    }

    @Test(.enabled(if: glpk)) func backwardInductionFindsTheNashValue() throws {
        let game = try Self.rockPaperScissors()
        let (policy, value) = try game.nashEquilibrium()
        #expect(abs(value - 0.5) < 1e-9)
        #expect(abs(game.nashGap(policy)) < 1e-9)
        var rng = Xoshiro256StarStar(seed: 4)
        let instance = try LowRankMDP.generate(states: 6, actions: 4, horizon: 3, rank: 2, using: &rng)
        let small = try ZeroSumMarkovGame(mdp: instance.mdp, maxActions: 2, minActions: 2)
        let equilibrium = try small.nashEquilibrium()
        #expect(abs(small.nashGap(equilibrium.policy)) < 1e-7)
        #expect(abs(small.values(equilibrium.policy).value - equilibrium.value) < 1e-9)
    }

    @Test(.enabled(if: glpk)) func planningOnExactDataBracketsTheNashValue() throws {
        // Tabular features with many observations of every pair: the upper and lower start values bracket V*.
        var rng = Xoshiro256StarStar(seed: 9)
        let instance = try LowRankMDP.generate(states: 4, actions: 4, horizon: 2, rank: 2, using: &rng)
        let game = try ZeroSumMarkovGame(mdp: instance.mdp, maxActions: 2, minActions: 2)
        var learner = try MarkovGameULCB(
            features: FeatureMap.oneHot(stateCount: 4, actionCount: 4), maxActions: 2, minActions: 2, horizon: 2,
            beta: 0.05)
        for _ in 0..<400 {
            for stage in 0..<2 {
                for state in 0..<4 {
                    for joint in 0..<4 {
                        let step = game.mdp.sampleStep(stage: stage, state: state, action: joint, using: &rng)
                        learner.observe(
                            stage: stage, state: state, maxAction: joint / 2, minAction: joint % 2, reward: step.reward,
                            next: step.nextState)
                    }
                }
            }
        }
        let plan = try learner.plan(start: game.mdp.initialDistribution)
        let nash = try game.nashEquilibrium().value
        #expect(plan.lower <= nash + 0.05 && plan.upper >= nash - 0.05 && plan.upper >= plan.lower)
        #expect(game.nashGap(plan.policy) < 0.1)
    }
}
