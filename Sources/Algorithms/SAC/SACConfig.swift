import RLCore

/// How SAC's entropy coefficient α is set.
public enum EntropyCoefficient: Codable, Equatable, Sendable {
    /// Learned by minimising J(α) = E[−α (log π(a|s) + H̄)] (Haarnoja et al. 2018b, arXiv:1812.05905, eq. 18),
    /// starting from `initial` (SB3 `ent_coef="auto"`: 1.0).
    case automatic(initial: Double)
    /// A fixed α (SAC v1, Haarnoja et al. 2018a uses reward scaling instead; CleanRL `--autotune False`: 0.2).
    case fixed(Double)
}

/// Soft Actor-Critic (Haarnoja et al. 2018, arXiv:1801.01290 and arXiv:1812.05905). Defaults are SB3's `SAC`.
public struct SACConfig: Codable, Equatable, Sendable {
    /// Learning rate of actor, critics and α (SB3: 3e-4; RL Zoo Pendulum: 1e-3).
    public var learningRate = 3e-4
    /// Replay capacity (SB3 `buffer_size`: 1e6).
    public var bufferSize = 1_000_000
    /// Random-action steps before learning (SB3: 100).
    public var learningStarts = 100
    /// Mini-batch size (SB3: 256).
    public var batchSize = 256
    /// τ, Polyak coefficient of the target critics (SB3: 0.005).
    public var tau = 0.005
    /// γ, discount (SB3: 0.99).
    public var gamma = 0.99
    /// Vector steps between training phases (SB3 `train_freq`: 1).
    public var trainFrequency = 1
    /// Gradient steps per phase (SB3: 1; −1 = one per environment step collected).
    public var gradientSteps = 1
    /// α: automatic (default, initial 1.0) or fixed.
    public var entropyCoefficient = EntropyCoefficient.automatic(initial: 1)
    /// H̄, the target entropy; nil means −dim(A) (the paper's heuristic, SB3 `"auto"`).
    public var targetEntropy: Double?
    /// Gradient steps between target updates (SB3 `target_update_interval`: 1).
    public var targetUpdateInterval = 1
    /// Hidden layer widths of actor and critics (SB3: [256, 256]).
    public var hiddenSizes = [256, 256]
    /// Lower bound of the actor's log σ (SB3 `LOG_STD_MIN`: −20).
    public var logStdMin = -20.0
    /// Upper bound of the actor's log σ (SB3 `LOG_STD_MAX`: 2).
    public var logStdMax = 2.0
    /// Generalized state-dependent exploration (gSDE, Raffin et al. 2021, arXiv:2005.05719, §3; SB3 `use_sde`):
    /// exploration noise z(s)·θ_ε from the actor's features and a matrix θ_ε ~ N(0, σ²) held for several steps,
    /// instead of independent noise each step. Default false.
    public var useSDE = false
    /// Vector steps between new gSDE exploration matrices during rollouts (SB3 `sde_sample_freq`; −1, the
    /// default, = once per training phase, i.e. every ``trainFrequency`` steps).
    public var sdeSampleFrequency = -1
    /// Initial log σ of the gSDE exploration matrix entries (SB3 SAC `log_std_init`: −3; RL Zoo
    /// MountainCarContinuous: −3.67).
    public var sdeLogStdInit = -3.0
    /// Bound on |μ| under gSDE (SB3 `clip_mean`: 2; 0 = none).
    public var sdeClipMean = 2.0
    /// n of n-step returns (1 = the paper's one-step target).
    public var nSteps = 1
    /// Uniform (default) or prioritized replay.
    public var replay = ReplaySampling.uniform
    /// Environment steps between logged iterations (metrics, evaluation).
    public var logInterval = 1000
    /// Replay memory budget in bytes.
    public var memoryBudgetBytes = ReplayBuffer.defaultMemoryBudgetBytes

    /// SB3's defaults.
    public init() {}
}
