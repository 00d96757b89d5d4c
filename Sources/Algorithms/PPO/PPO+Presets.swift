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
            return RunPreset(environment: EnvironmentConfig(id: environmentID, numEnvs: 8), config: config, totalSteps: 100_000)
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
}
