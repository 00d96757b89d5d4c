import RLCore

/// Twin Delayed DDPG (Fujimoto, van Hoof & Meger 2018, arXiv:1802.09477). Defaults are SB3's `TD3`.
public struct TD3Config: Codable, Equatable, Sendable {
    /// Learning rate of actor and critics (SB3: 1e-3).
    public var learningRate = 1e-3
    /// Replay capacity (SB3: 1e6).
    public var bufferSize = 1_000_000
    /// Random-action steps before learning (SB3: 100; the paper: 25e3 / 1e4).
    public var learningStarts = 100
    /// Mini-batch size (SB3: 256).
    public var batchSize = 256
    /// τ, Polyak coefficient of target actor and critics (paper and SB3: 0.005).
    public var tau = 0.005
    /// γ (SB3: 0.99).
    public var gamma = 0.99
    /// Vector steps between training phases (SB3 `train_freq`: 1).
    public var trainFrequency = 1
    /// Gradient steps per phase (SB3: 1; −1 = one per environment step collected).
    public var gradientSteps = 1
    /// d, critic updates per actor and target update (paper: 2).
    public var policyDelay = 2
    /// σ̃, std of the target policy smoothing noise ε ~ clip(N(0, σ̃²), −c, c), in [−1, 1] action units (paper: 0.2).
    public var targetPolicyNoise = 0.2
    /// c, the clip of the smoothing noise (paper: 0.5).
    public var targetNoiseClip = 0.5
    /// σ, std of the exploration noise in [−1, 1] action units (paper: 0.1).
    public var explorationNoise = 0.1
    /// Gaussian (the paper's, default) or Ornstein–Uhlenbeck exploration noise (RL Zoo MountainCarContinuous).
    public var explorationNoiseKind = ExplorationNoiseKind.gaussian
    /// λ, weight of the actor's pre-tanh penalty λ·E[‖f_φ(s)‖²] added to its loss (rlkit DDPG/TD3
    /// `policy_pre_activation_weight`), default 0 (the paper, SB3, CleanRL). With Adam, a run of same-signed critic
    /// gradients can drive f_φ(s) to where tanh is flat (|f| ≳ 10: gradient ≤ 1e-8) and the actor never moves again —
    /// seen on MountainCarContinuous after the first episode that reaches the goal, in SB3 as in SwiftRL. λ > 0 pulls
    /// f_φ back; the MountainCarContinuous preset uses 1e-4.
    public var preActivationPenalty = 0.0
    /// Hidden layer widths of actor and critics (SB3 TD3: [400, 300]).
    public var hiddenSizes = [400, 300]
    /// n of n-step returns (1 = the paper).
    public var nSteps = 1
    /// Uniform (default) or prioritized replay.
    public var replay = ReplaySampling.uniform
    /// Environment steps between logged iterations.
    public var logInterval = 1000
    /// Replay memory budget in bytes.
    public var memoryBudgetBytes = ReplayBuffer.defaultMemoryBudgetBytes

    /// SB3's defaults.
    public init() {}
}
