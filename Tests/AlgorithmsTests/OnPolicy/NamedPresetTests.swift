import Foundation
import RLCore
import Testing
import Tracking

@testable import Algorithms

/// `--preset cleanrl` is CleanRL's `ppo.py` (the settings #19 §4 compares with PureJaxRL), `cleanrl-continuous`
/// its `ppo_continuous_action.py`; unknown names and algorithms without the family fail with the known names.
@Suite struct NamedPresetTests {
    @Test func cleanRLPresetHasPPOPyValues() throws {
        let config = try RunConfig<PPO>.defaults(for: "CartPole-v1", preset: "cleanrl")
        #expect(config.env.numEnvs == 4 && config.totalSteps == 500_000)
        let ppo = config.hyperparameters
        #expect(ppo.numSteps == 128 && ppo.minibatchSize == 128 && ppo.epochs == 4)
        #expect(ppo.learningRate == 2.5e-4 && ppo.annealLearningRate && !ppo.annealClipRange)
        #expect(ppo.gamma == 0.99 && ppo.gaeLambda == 0.95 && ppo.clipRange == 0.2 && ppo.clipValueLoss)
        #expect(ppo.entropyCoefficient == 0.01 && ppo.valueCoefficient == 0.5 && ppo.maxGradNorm == 0.5)
        #expect(ppo.network.hiddenSizes == [64, 64])
        // 4 minibatches per epoch, as CleanRL's num_minibatches = 4.
        #expect(config.env.numEnvs * ppo.numSteps / ppo.minibatchSize == 4)
    }

    @Test func cleanRLContinuousPresetHasContinuousScriptValues() throws {
        let config = try RunConfig<PPO>.defaults(for: "Pendulum-v1", preset: "cleanrl-continuous")
        #expect(config.env.numEnvs == 1 && config.env.normalizeObservations && config.env.normalizeRewards)
        #expect(config.hyperparameters.numSteps == 2048 && config.hyperparameters.minibatchSize == 64)
        #expect(config.hyperparameters.epochs == 10 && config.hyperparameters.entropyCoefficient == 0)
        #expect(config.totalSteps == 1_000_000)
    }

    @Test func tunedIsTheDefaultPreset() throws {
        #expect(try RunConfig<PPO>.defaults(for: "CartPole-v1", preset: "tuned") == .defaults(for: "CartPole-v1"))
    }

    @Test func unknownPresetNamesTheKnownOnes() {
        #expect {
            _ = try RunConfig<PPO>.defaults(for: "CartPole-v1", preset: "zoo2")
        } throws: { error in
            "\(error)".contains("tuned, cleanrl, cleanrl-continuous") && "\(error)".contains("--preset")
        }
        #expect {
            _ = try RunConfig<DQN>.defaults(for: "CartPole-v1", preset: "cleanrl")
        } throws: { error in
            "\(error)".contains("dqn has the presets tuned")
        }
    }

    @Test func requestPresetReachesTheResolvedConfig() throws {
        let request = TrainingRequest(
            environmentID: "CartPole-v1", overrides: ["ppo.epochs=2"], preset: "cleanrl")
        let config = try TrainingRun.resolveConfig(PPO.self, request: request)
        #expect(config.env.numEnvs == 4 && config.hyperparameters.numSteps == 128)
        #expect(config.hyperparameters.epochs == 2)
    }
}

/// RL Zoo's `mujoco-defaults` for SAC and TD3 on the v5 locomotion ids: 10k warm-up steps, 1e6 steps, the library
/// defaults otherwise (TD3: Gaussian σ 0.1, [400, 300]; SAC: automatic α, [256, 256]).
@Test("SAC and TD3 presets on the MuJoCo locomotion ids are RL Zoo's mujoco-defaults",
      arguments: ["Hopper-v5", "HalfCheetah-v5", "Walker2d-v5", "Ant-v5"])
func mujocoLocomotionPresets(environmentID: String) throws {
    let sac = try #require(SAC.preset(for: environmentID))
    #expect(sac.totalSteps == 1_000_000 && sac.config.learningStarts == 10_000)
    var expectedSAC = SACConfig()
    expectedSAC.learningStarts = 10_000
    #expect(sac.config == expectedSAC && sac.environment.numEnvs == 1)
    let td3 = try #require(TD3.preset(for: environmentID))
    #expect(td3.totalSteps == 1_000_000 && td3.config.learningStarts == 10_000)
    #expect(td3.config.explorationNoise == 0.1 && td3.config.explorationNoiseKind == .gaussian)
    #expect(td3.config.hiddenSizes == [400, 300] && td3.config.learningRate == 1e-3 && td3.config.batchSize == 256)
    #expect(SAC.preset(for: "Hopper-v4") == nil)
}
