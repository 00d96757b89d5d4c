import RLCore

extension DQN {
    /// RL Zoo's tuned DQN hyper-parameters (rl-baselines3-zoo `hyperparams/dqn.yml`).
    public static func preset(for environmentID: String) -> RunPreset<DQNConfig>? {
        var config = DQNConfig()
        switch environmentID {
        case "CartPole-v1":
            config.learningRate = 2.3e-3
            config.batchSize = 64
            config.bufferSize = 100_000
            config.learningStarts = 1000
            config.targetUpdateInterval = 10
            config.trainFrequency = 256
            config.gradientSteps = 128
            config.explorationFraction = 0.16
            config.explorationFinal = 0.04
            config.hiddenSizes = [256, 256]
            return RunPreset(environment: EnvironmentConfig(id: environmentID), config: config, totalSteps: 50_000)
        case "MountainCar-v0":
            config.learningRate = 4e-3
            config.batchSize = 128
            config.bufferSize = 10_000
            config.learningStarts = 1000
            config.gamma = 0.98
            config.targetUpdateInterval = 600
            config.trainFrequency = 16
            config.gradientSteps = 8
            config.explorationFraction = 0.2
            config.explorationFinal = 0.07
            config.hiddenSizes = [256, 256]
            return RunPreset(environment: EnvironmentConfig(id: environmentID), config: config, totalSteps: 120_000)
        case "Acrobot-v1":
            config.learningRate = 6.3e-4
            config.batchSize = 128
            config.bufferSize = 50_000
            config.learningStarts = 0
            config.targetUpdateInterval = 250
            config.trainFrequency = 4
            config.gradientSteps = -1
            config.explorationFraction = 0.12
            config.explorationFinal = 0.1
            config.hiddenSizes = [256, 256]
            return RunPreset(environment: EnvironmentConfig(id: environmentID), config: config, totalSteps: 100_000)
        default:
            return nil
        }
    }
}
