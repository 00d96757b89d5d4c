import RLCore

/// PPO-Clip hyper-parameters; Schulman et al. 2017, arXiv:1707.06347. Defaults follow CleanRL `ppo.py`
/// (discrete, 4 envs × 128 steps, 4 minibatches, 4 epochs, lr 2.5e-4 annealed, ent 0.01, clipped value loss).
/// Per-environment tuned presets (RL Zoo) are in ``PPO/preset(for:)``.
public struct PPOConfig: Codable, Equatable, Sendable {
    /// Steps per sub-environment per rollout (CleanRL `num_steps`, SB3 `n_steps`).
    public var numSteps = 128
    /// Transitions per minibatch (SB3 `batch_size`; CleanRL `batch_size / num_minibatches`).
    public var minibatchSize = 128
    /// K, optimisation epochs per rollout (CleanRL `update_epochs`, SB3 `n_epochs`).
    public var epochs = 4
    /// Adam step size (initial value when annealed).
    public var learningRate = 2.5e-4
    /// Anneal the learning rate linearly to 0 over the run (CleanRL `anneal_lr`, RL Zoo `lin_`).
    public var annealLearningRate = true
    /// γ, discount.
    public var gamma = 0.99
    /// λ of GAE (Schulman et al. 2016).
    public var gaeLambda = 0.95
    /// ε, clip range of r_t(θ) in L^CLIP. Paper: 0.2.
    public var clipRange = 0.2
    /// Anneal ε linearly to 0 over the run (RL Zoo `clip_range: lin_0.2`).
    public var annealClipRange = false
    /// Clip the value update to ±ε around the old value (CleanRL `clip_vloss`).
    public var clipValueLoss = true
    /// Normalise advantages per minibatch (CleanRL `norm_adv`).
    public var normalizeAdvantages = true
    /// c₂, entropy bonus coefficient.
    public var entropyCoefficient = 0.01
    /// c₁, value loss coefficient.
    public var valueCoefficient = 0.5
    /// Global gradient-norm clip.
    public var maxGradNorm = 0.5
    /// Stop the epochs of an update once the approximate KL exceeds this (CleanRL `target_kl`); `nil`: never.
    public var targetKL: Double?
    /// Adam ε (CleanRL / SB3 1e-5).
    public var adamEpsilon = 1e-5
    /// Actor and critic network shapes.
    public var network = PolicyNetworkConfig()

    /// CleanRL's defaults.
    public init() {}
}
