import RLCore

extension TD3 {
    /// RL Zoo's tuned TD3 hyper-parameters where they exist (rl-baselines3-zoo `hyperparams/td3.yml`), including
    /// its MuJoCo locomotion defaults for ``LocomotionPresetIDs/ids``.
    public static func preset(for environmentID: String) -> RunPreset<TD3Config>? {
        var config = TD3Config()
        switch environmentID {
        case "Pendulum-v1":
            // RL Zoo: n_timesteps 2e4, γ 0.98, buffer 2e5, learning_starts 1e4, noise N(0, 0.1), lr 1e-3,
            // net [400, 300].
            config.gamma = 0.98
            config.bufferSize = 200_000
            config.learningStarts = 10_000
            return RunPreset(environment: EnvironmentConfig(id: environmentID), config: config, totalSteps: 20_000)
        case "MountainCarContinuous-v0":
            // RL Zoo: Ornstein–Uhlenbeck noise σ 0.5, 3e5 steps, other values SB3 defaults. Plus a pre-activation
            // penalty λ 1e-4: without it the actor can saturate at full throttle for good after the first episode
            // that reaches the goal (SB3 too, e.g. its seed 3); see `TD3Config.preActivationPenalty`.
            config.explorationNoise = 0.5
            config.explorationNoiseKind = .ornsteinUhlenbeck
            config.preActivationPenalty = 1e-4
            return RunPreset(environment: EnvironmentConfig(id: environmentID), config: config, totalSteps: 300_000)
        case let id where LocomotionPresetIDs.ids.contains(id):
            // RL Zoo's `mujoco-defaults`: SB3 defaults (lr 1e-3, batch 256, [400, 300]) with Gaussian exploration
            // noise σ 0.1 and 10k random warm-up steps, 1e6 steps.
            config.learningStarts = 10_000
            config.explorationNoise = 0.1
            config.explorationNoiseKind = .gaussian
            return RunPreset(environment: EnvironmentConfig(id: id), config: config, totalSteps: 1_000_000)
        default:
            return nil
        }
    }
}
