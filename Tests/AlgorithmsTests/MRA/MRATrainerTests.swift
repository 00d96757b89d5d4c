import Environments
import Foundation
import Testing

@testable import Algorithms

/// MRA's pieces against hand values: the latent-conditioned policy, I(z; a), the game → mode assignment, the
/// finite-difference gradient, training and adaptation on the capacity game.
@Suite struct MRATrainerTests {
    @Test func latentConditionedPolicyHandValues() {
        var policy = LatentConditionedPolicy(actions: 2, latentDimension: 1, weights: [1, -1])
        policy.bias = [0, log(2)]
        let uniformLatent = policy.strategy([0])
        let third = 1.0 / 3
        #expect(abs(uniformLatent[0] - third) < 1e-12)
        #expect(abs(uniformLatent[1] - 2 * third) < 1e-12)
        let expectedLogits: [Double] = [2, log(2) - 2]
        #expect(policy.logits([2]) == expectedLogits)
        let unimodal = LatentConditionedPolicy(actions: 3, latentDimension: 0)
        let uniform: [Double] = [third, third, third]
        #expect(unimodal.strategy([]) == uniform)
    }

    @Test func mutualInformationOfModes() {
        // Two modes that put (almost) all mass on different actions: I(z; a) → log 2.
        let policy = LatentConditionedPolicy(actions: 2, latentDimension: 1, weights: [30, -30])
        let distinct = MRAModel(policy: policy, latents: [[1], [-1]], assignment: [])
        #expect(abs(MRATrainer.mutualInformation(distinct) - log(2)) < 1e-9)
        let same = MRAModel(policy: policy, latents: [[0.3], [0.3]], assignment: [])
        #expect(abs(MRATrainer.mutualInformation(same)) < 1e-12)
    }

    @Test func finiteDifferenceGradient() {
        let gradient = MRATrainer.gradient(of: { $0[0] * $0[0] + 3 * $0[1] }, at: [1, 2], step: 1e-5)
        #expect(abs(gradient[0] - 2) < 1e-8)
        #expect(abs(gradient[1] - 3) < 1e-8)
    }

    @Test func modeDiscoveryIsOneToOneAndOptimal() throws {
        let games = try [2, 3, 4].map { try CapacityGame(players: $0) }
        let trainer = try MRATrainer(config: MRAConfig(), games: games)
        let policy = LatentConditionedPolicy(
            actions: 5, latentDimension: 2, weights: (0..<10).map { Double($0 % 3) - 1 })
        let latents: [[Double]] = [[1, 0], [0, 1], [-1, 0.5], [0.3, -0.7]]
        let model = MRAModel(policy: policy, latents: latents, assignment: [])
        let assignment = trainer.discoverModes(model)
        #expect(Set(assignment).count == 3)
        func cost(_ map: [Int]) -> Double {
            zip(games, map).reduce(0) { $0 + $1.0.symmetricNashConv(policy.strategy(latents[$1.1])) }
        }
        var best = Double.infinity
        for a in 0..<4 {
            for b in 0..<4 where b != a {
                for c in 0..<4 where c != a && c != b {
                    best = min(best, cost([a, b, c]))
                }
            }
        }
        #expect(abs(cost(assignment) - best) < 1e-12)
    }

    @Test func trainingLowersTheGapAndAdaptationRuns() throws {
        var config = MRAConfig()
        config.iterations = 150
        let games = try [2, 3, 4].map { try CapacityGame(players: $0) }
        for trainer in [
            try MRATrainer(config: config, games: games), try MRATrainer(config: config.unimodal, games: games),
        ] {
            let run = trainer.train(seed: 1)
            let first = try #require(run.curve.first?.meanGap)
            let last = try #require(run.curve.last?.meanGap)
            #expect(last < first)
            #expect(run.trainingGaps.count == 3)
            let adaptation = trainer.adapt(run.model, to: try CapacityGame(players: 5), steps: 3)
            #expect(adaptation.gaps.count == 4)
            #expect(adaptation.gaps.allSatisfy { $0.isFinite && $0 >= 0 })
            #expect(abs(adaptation.strategy.reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test func smallAdaptationStepsLowerTheGap() throws {
        var config = MRAConfig().unimodal
        config.adaptationRate = 0.02
        let game = try CapacityGame(players: 5)
        let trainer = try MRATrainer(config: config, games: [game])
        let model = MRAModel(
            policy: LatentConditionedPolicy(actions: 5, latentDimension: 0), latents: [[]], assignment: [0])
        let adaptation = trainer.adapt(model, to: game, steps: 1)
        #expect(adaptation.gaps[1] < adaptation.gaps[0])
    }

    @Test func invalidSettingsAreExplained() {
        var config = MRAConfig()
        config.latentDimension = 0
        #expect(throws: MRAError.self) { try MRATrainer(config: config, games: [try CapacityGame(players: 2)]) }
        #expect(throws: MRAError.noGames) { try MRATrainer(config: MRAConfig(), games: []) }
    }
}
