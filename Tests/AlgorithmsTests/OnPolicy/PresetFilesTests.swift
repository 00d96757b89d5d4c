import Foundation
import RLCore
import Testing
import Tracking

@testable import Algorithms

private let presetsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Presets")

private func loadsToPreset<A: ConfigurableAlgorithm>(_ type: A.Type, _ environmentID: String) throws -> Bool {
    let file = presetsFolder.appendingPathComponent("\(A.name)-\(environmentID).yaml")
    let plain = RunConfig<A>(totalSteps: 1, env: EnvironmentConfig(id: environmentID), hyperparameters: A.defaultConfig)
    let loaded = try ConfigLoader.load(defaults: plain, file: file)
    return loaded == RunConfig<A>.defaults(for: environmentID)
}

@Test("Presets/ppo-<env>.yaml files equal the built-in PPO presets", arguments: ["CartPole-v1", "Acrobot-v1", "Pendulum-v1"])
func ppoPresetFiles(environmentID: String) throws {
    #expect(try loadsToPreset(PPO.self, environmentID))
}

@Test("Presets/a2c-CartPole-v1.yaml equals the built-in A2C preset")
func a2cPresetFile() throws {
    #expect(try loadsToPreset(A2C.self, "CartPole-v1"))
}

@Test("Presets/{sac,td3}-<env>.yaml files equal the built-in SAC and TD3 presets",
      arguments: ["Pendulum-v1", "MountainCarContinuous-v0"])
func offPolicyContinuousPresetFiles(environmentID: String) throws {
    #expect(try loadsToPreset(SAC.self, environmentID))
    #expect(try loadsToPreset(TD3.self, environmentID))
}

@Test("Presets/dqn-<env>.yaml files equal the built-in DQN presets", arguments: ["CartPole-v1", "MountainCar-v0", "Acrobot-v1"])
func dqnPresetFiles(environmentID: String) throws {
    #expect(try loadsToPreset(DQN.self, environmentID))
}

@Test("MountainCarContinuous presets follow RL Zoo: SAC with gSDE (log σ₀ −3.67), TD3 with OU noise σ 0.5 (+ λ 1e-4)")
func mountainCarContinuousPresets() throws {
    let sac = try #require(SAC.preset(for: "MountainCarContinuous-v0"))
    #expect(sac.config.useSDE && sac.config.sdeLogStdInit == -3.67 && sac.config.hiddenSizes == [64, 64])
    #expect(sac.config.batchSize == 512 && sac.config.gradientSteps == 32 && sac.totalSteps == 50_000)
    let td3 = try #require(TD3.preset(for: "MountainCarContinuous-v0"))
    #expect(td3.config.explorationNoiseKind == .ornsteinUhlenbeck && td3.config.explorationNoise == 0.5)
    #expect(td3.config.preActivationPenalty == 1e-4 && TD3Config().preActivationPenalty == 0)
}

@Test("The CartPole PPO preset has RL Zoo's hyper-parameters")
func cartPolePresetValues() throws {
    let preset = try #require(PPO.preset(for: "CartPole-v1"))
    #expect(preset.environment.numEnvs == 8)
    #expect(preset.config.numSteps == 32 && preset.config.minibatchSize == 256 && preset.config.epochs == 20)
    #expect(preset.config.gamma == 0.98 && preset.config.gaeLambda == 0.8)
    #expect(preset.config.learningRate == 1e-3 && preset.config.annealLearningRate && preset.config.annealClipRange)
    #expect(preset.config.entropyCoefficient == 0 && preset.totalSteps == 100_000)
}

@Test("An unknown config key names the key and suggests the closest one")
func unknownConfigKey() throws {
    let request = TrainingRequest(environmentID: "CartPole-v1", overrides: ["ppo.clipRnge=0.1"])
    #expect(throws: ConfigError.self) { _ = try TrainingRun.resolveConfig(PPO.self, request: request) }
}
