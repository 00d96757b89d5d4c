import Environments

/// Which environment an algorithm trains on and how it is vectorised and normalised (the `env:` section of a
/// run config; `--set env.numEnvs=16`).
public struct EnvironmentConfig: Codable, Equatable, Sendable {
    /// Gymnasium-style id, e.g. `CartPole-v1`.
    public var id: String
    /// Parallel sub-environments (SB3 `n_envs`, CleanRL `num_envs`).
    public var numEnvs: Int
    /// Normalise observations with running statistics (SB3 `VecNormalize(norm_obs=True)`).
    public var normalizeObservations: Bool
    /// Scale rewards by the running std of the discounted return (SB3 `VecNormalize(norm_reward=True)`).
    public var normalizeRewards: Bool
    /// Clip normalised observations to ±this (SB3 `clip_obs`, 10).
    public var clipObservations: Double
    /// Clip normalised rewards to ±this (SB3 `clip_reward`, 10).
    public var clipRewards: Double

    /// An environment config; defaults are one sub-environment, no normalisation, SB3's clip values.
    public init(
        id: String, numEnvs: Int = 1, normalizeObservations: Bool = false, normalizeRewards: Bool = false,
        clipObservations: Double = 10, clipRewards: Double = 10
    ) {
        self.id = id
        self.numEnvs = numEnvs
        self.normalizeObservations = normalizeObservations
        self.normalizeRewards = normalizeRewards
        self.clipObservations = clipObservations
        self.clipRewards = clipRewards
    }
}

/// A tuned starting point for one environment: environment settings, algorithm config and step budget.
public struct RunPreset<Config: Codable & Equatable & Sendable>: Equatable, Sendable {
    /// Environment settings (number of sub-environments, normalisation).
    public var environment: EnvironmentConfig
    /// Algorithm hyper-parameters.
    public var config: Config
    /// Training budget in environment steps (RL Zoo `n_timesteps`).
    public var totalSteps: Int

    /// A preset.
    public init(environment: EnvironmentConfig, config: Config, totalSteps: Int) {
        self.environment = environment
        self.config = config
        self.totalSteps = totalSteps
    }

    /// The name of the tuned preset family (``ConfigurableAlgorithm/preset(for:)``, RL Zoo's values), the default.
    public static var tuned: String { "tuned" }
}
