import Algorithms
import Environments
import Foundation
import RLCore
import Tensor
import Testing

/// The reported crash: a damaged checkpoint made `swiftrl eval` trap in `Int(_:)` while replaying the training
/// environment's action log. It must be one error naming the field instead.
@Suite struct DamagedCheckpointTests {
    func checkpoint() throws -> TrainingCheckpoint {
        var config = PPOConfig()
        config.numSteps = 8
        config.minibatchSize = 8
        config.epochs = 1
        let ppo = try PPO(config: config, environment: EnvironmentConfig(id: "CartPole-v1", numEnvs: 2), seed: 1)
        try ppo.learn(totalSteps: 32, callbacks: [])
        return try ppo.checkpoint()
    }

    @Test(arguments: [Float.nan, .infinity, -.infinity, 1e30, -1, 0.5])
    func damagedActionLogIsAnErrorNamingTheField(value: Float) throws {
        var damaged = try checkpoint()
        let log = try #require(damaged.tensors["environment.actions"])
        var values = log.floats
        values[3] = value
        damaged.tensors["environment.actions"] = Tensor(values, shape: log.shape)
        let error = #expect(throws: (any Error).self) { try PPO(checkpoint: damaged) }
        let message = "\(error.map { "\($0)" } ?? "")"
        #expect(message.contains("environment.actions[3]") || message.contains("action"), "\(message)")
    }

    @Test func damagedOptimizerStepIsAnError() throws {
        var damaged = try checkpoint()
        let name = try #require(damaged.tensors.keys.first { $0.hasSuffix(".step") })
        damaged.tensors[name] = Tensor([Float.nan], shape: [1])
        #expect(throws: (any Error).self) { try PPO(checkpoint: damaged) }
        damaged.tensors[name] = Tensor([Float](repeating: 1, count: 3), shape: [3])
        #expect(throws: (any Error).self) { try PPO(checkpoint: damaged) }
    }
}
