import Environments
import Foundation
import RLCore
import Tensor
import Testing

@testable import Offline

/// A scripted CartPole controller (push toward the pole's fall: θ + θ̇ > 0 → right) that balances for hundreds of
/// steps, so the discrete learners can be tested without training an online DQN first.
struct PoleHeuristic: CollectionPolicy {
    var name: String { "pole-heuristic" }
    func actions(observations: [Float], count: Int, using rng: inout Xoshiro256StarStar) -> [Float] {
        (0..<count).map { i in observations[i * 4 + 2] + observations[i * 4 + 3] > 0 ? 1 : 0 }
    }
}

/// 4,000 CartPole transitions of the heuristic with ε random actions: ε 0.3 gives good actions with little coverage
/// of failing states (the imitation and constraint learners learn from it), ε 1 is uniformly random data with high
/// coverage (what the unconstrained DQN family needs, the study's point).
func cartPoleHeuristicData(epsilon: Double = 0.3, seed: UInt64 = 3) throws -> OfflineDataset {
    let collector = EpisodeCollector(environmentID: "CartPole-v1")
    let episodes = try collector.collect(
        policy: PoleHeuristic(), episodes: 4000, maxTransitions: 4000,
        noise: { _ in ActionNoise(randomActionProbability: epsilon) }, seed: seed)
    return try OfflineDataset(episodes: episodes, observationDimension: 4, actionDimension: 1)
}

/// Small, fast settings for the learning tests (64-64 ReLU, Adam 1e-3, target every 100 updates, γ 0.95).
func fastShared() -> DiscreteQSettings {
    var shared = DiscreteQSettings()
    shared.hiddenSizes = [64, 64]
    shared.activation = .relu
    shared.learningRate = 1e-3
    return shared
}

func trainAndEvaluate<A: OfflineAlgorithm>(_ type: A.Type, config: A.Config, data: OfflineDataset, steps: Int) throws
    -> Double
{
    let trainer = try OfflineTrainer<A>(
        config: config, dataset: data, environment: EnvironmentConfig(id: "CartPole-v1"),
        settings: OfflineTrainerSettings(batchSize: 64, evaluation: EvaluationSettings(every: 0, episodes: 5)), seed: 1)
    try trainer.learn(totalSteps: steps, callbacks: [])
    let mean = trainer.evaluations.last?.result.mean ?? 0
    print("\(A.name): CartPole return \(mean) after \(steps) steps")
    return mean
}

@Suite("Discrete learners learn CartPole from heuristic data", .serialized)
struct DiscreteLearningTests {
    static let data = Result { try cartPoleHeuristicData() }
    static let randomData = Result { try cartPoleHeuristicData(epsilon: 1) }
    /// A uniformly random policy averages about 22 on CartPole-v1.
    static let threshold = 60.0

    @Test func bc() throws {
        var c = DiscreteBCConfig()
        c.shared = fastShared()
        #expect(try trainAndEvaluate(DiscreteBC.self, config: c, data: Self.data.get(), steps: 600) > Self.threshold)
    }

    @Test func dqn() throws {
        var c = OfflineDQNConfig()
        c.shared = fastShared()
        #expect(try trainAndEvaluate(OfflineDQN.self, config: c, data: Self.randomData.get(), steps: 2000) > Self.threshold)
    }

    @Test func cql() throws {
        var c = DiscreteCQLConfig()
        c.shared = fastShared()
        #expect(try trainAndEvaluate(DiscreteCQL.self, config: c, data: Self.data.get(), steps: 1500) > Self.threshold)
    }

    @Test func bcq() throws {
        var c = DiscreteBCQConfig()
        c.shared = fastShared()
        #expect(try trainAndEvaluate(DiscreteBCQ.self, config: c, data: Self.data.get(), steps: 1500) > Self.threshold)
    }

    @Test func qrdqn() throws {
        var c = QRDQNConfig()
        c.shared = fastShared()
        c.quantiles = 16  // paper: 50; fewer keeps the debug suite fast (the loss tests cover the general case)
        #expect(try trainAndEvaluate(QRDQN.self, config: c, data: Self.randomData.get(), steps: 2000) > Self.threshold)
    }

    @Test func rem() throws {
        var c = REMConfig()
        c.shared = fastShared()
        c.heads = 20  // paper: 200; fewer keeps the debug suite fast
        #expect(try trainAndEvaluate(REM.self, config: c, data: Self.randomData.get(), steps: 2000) > Self.threshold)
    }

    @Test func crr() throws {
        var c = CRRConfig()
        c.shared = fastShared()
        #expect(try trainAndEvaluate(CRR.self, config: c, data: Self.randomData.get(), steps: 2000) > Self.threshold)
    }

    @Test func bve() throws {
        var c = BVEConfig()
        c.shared = fastShared()
        #expect(try trainAndEvaluate(BVE.self, config: c, data: Self.data.get(), steps: 1500) > Self.threshold)
    }

    @Test func mce() throws {
        var c = MCEConfig()
        c.shared = fastShared()
        #expect(try trainAndEvaluate(MCE.self, config: c, data: Self.data.get(), steps: 1500) > Self.threshold)
    }

    @Test("a discrete learner refuses a Box environment and a continuous one a Discrete environment")
    func actionKindMismatch() throws {
        let data = try Self.data.get()
        #expect(throws: OfflineAlgorithmError.self) {
            _ = try OfflineTrainer<BC>(
                config: BCConfig(), dataset: data, environment: EnvironmentConfig(id: "CartPole-v1"), seed: 1)
        }
    }
}
