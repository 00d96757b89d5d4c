import RLCore

extension SAC {
    /// RL Zoo's tuned SAC hyper-parameters where they exist (rl-baselines3-zoo `hyperparams/sac.yml`), including
    /// its MuJoCo locomotion defaults for ``LocomotionPresetIDs/ids``.
    public static func preset(for environmentID: String) -> RunPreset<SACConfig>? {
        var config = SACConfig()
        switch environmentID {
        case "Pendulum-v1":
            // RL Zoo: n_timesteps 2e4, learning_rate 1e-3, other values SB3 defaults.
            config.learningRate = 1e-3
            return RunPreset(environment: EnvironmentConfig(id: environmentID), config: config, totalSteps: 20_000)
        case "MountainCarContinuous-v0":
            // RL Zoo: lr 3e-4, buffer 5e4, batch 512, α 0.1, train_freq 32 / 32 gradient steps, γ 0.9999, τ 0.01,
            // no warm-up, gSDE with log_std_init −3.67, [64, 64] networks, 5e4 steps.
            config.bufferSize = 50_000
            config.batchSize = 512
            config.entropyCoefficient = .fixed(0.1)
            config.trainFrequency = 32
            config.gradientSteps = 32
            config.gamma = 0.9999
            config.tau = 0.01
            config.learningStarts = 0
            config.hiddenSizes = [64, 64]
            config.useSDE = true
            config.sdeLogStdInit = -3.67
            return RunPreset(environment: EnvironmentConfig(id: environmentID), config: config, totalSteps: 50_000)
        case let id where LocomotionPresetIDs.ids.contains(id):
            // RL Zoo's `mujoco-defaults` (written for the v3 ids; v5 keeps the tasks): SB3 defaults with 10k random
            // warm-up steps, 1e6 steps.
            config.learningStarts = 10_000
            return RunPreset(environment: EnvironmentConfig(id: id), config: config, totalSteps: 1_000_000)
        default:
            return nil
        }
    }
}
