import RLCore

extension PPO {
    /// Tuned presets, after RL Baselines3 Zoo's `ppo.yml` (`Presets/ppo-<env>.yaml` mirror them):
    /// - CartPole-v1: 8 envs, n_steps 32, batch 256, 20 epochs, γ 0.98, λ 0.8, lr lin 1e-3, clip lin 0.2, ent 0;
    ///   value coefficient 1.0 because SB3's value loss is the plain MSE while SwiftRL's (CleanRL's) is ½·MSE, so
    ///   1.0 here weighs it exactly as RL Zoo's vf_coef 0.5 does in SB3.
    /// - Acrobot-v1: normalised observations, 16 envs, n_steps 256, batch 64, 4 epochs, γ 0.99, λ 0.94, ent 0.
    /// - Pendulum-v1: normalised observations and rewards, 8 envs, n_steps 256, batch 64, 10 epochs, γ 0.9,
    ///   λ 0.95, lr lin 1e-3, ent 0 (RL Zoo uses gSDE with 4 × 1024; plain Gaussian exploration with
    ///   normalisation and a shorter rollout was more stable here across seeds).
    public static func preset(for environmentID: String) -> RunPreset<PPOConfig>? {
        var config = PPOConfig()
        config.clipValueLoss = false
        config.entropyCoefficient = 0
        switch environmentID {
        case "CartPole-v1":
            config.numSteps = 32
            config.minibatchSize = 256
            config.epochs = 20
            config.gamma = 0.98
            config.gaeLambda = 0.8
            config.learningRate = 1e-3
            config.annealLearningRate = true
            config.annealClipRange = true
            config.valueCoefficient = 1.0
            return RunPreset(
                environment: EnvironmentConfig(id: environmentID, numEnvs: 8), config: config, totalSteps: 100_000)
        case "Acrobot-v1":
            config.numSteps = 256
            config.minibatchSize = 64
            config.epochs = 4
            config.gamma = 0.99
            config.gaeLambda = 0.94
            config.learningRate = 3e-4
            config.annealLearningRate = false
            return RunPreset(
                environment: EnvironmentConfig(id: environmentID, numEnvs: 16, normalizeObservations: true),
                config: config, totalSteps: 1_000_000)
        case "Pendulum-v1":
            config.numSteps = 256
            config.minibatchSize = 64
            config.epochs = 10
            config.gamma = 0.9
            config.gaeLambda = 0.95
            config.learningRate = 1e-3
            config.annealLearningRate = true
            return RunPreset(
                environment: EnvironmentConfig(
                    id: environmentID, numEnvs: 8, normalizeObservations: true, normalizeRewards: true),
                config: config, totalSteps: 500_000)
        default:
            return nil
        }
    }

    /// `cleanrl`: CleanRL's `ppo.py` defaults for any environment (4 envs × 128 steps, 4 minibatches of 128,
    /// 4 epochs, lr 2.5e-4 annealed, γ 0.99, λ 0.95, clip 0.2 not annealed, clipped value loss, entropy 0.01, value
    /// coefficient 0.5, 500k steps) — the settings PureJaxRL's PPO also uses; `cleanrl-continuous`:
    /// `ppo_continuous_action.py` (1 env × 2048 steps, 32 minibatches of 64, 10 epochs, lr 3e-4 annealed, entropy 0,
    /// normalised observations and rewards clipped at 10, 1M steps).
    public static var presetNames: [String] { ["cleanrl", "cleanrl-continuous"] }

    /// The preset of family `name` (``RunPreset/tuned``, `cleanrl` or `cleanrl-continuous`; see ``presetNames``).
    public static func preset(named name: String, for environmentID: String) -> RunPreset<PPOConfig>? {
        switch name {
        case RunPreset<PPOConfig>.tuned:
            return preset(for: environmentID)
        case "cleanrl":
            return RunPreset(
                environment: EnvironmentConfig(id: environmentID, numEnvs: 4), config: PPOConfig(), totalSteps: 500_000)
        case "cleanrl-continuous":
            var config = PPOConfig()
            config.numSteps = 2048
            config.minibatchSize = 64
            config.epochs = 10
            config.learningRate = 3e-4
            config.entropyCoefficient = 0
            return RunPreset(
                environment: EnvironmentConfig(
                    id: environmentID, numEnvs: 1, normalizeObservations: true, normalizeRewards: true),
                config: config, totalSteps: 1_000_000)
        default:
            return nil
        }
    }
}
