import RLCore

/// Advantage actor-critic, synchronous (Mnih et al. 2016, arXiv:1602.01783); defaults are Stable-Baselines3's
/// `A2C`: 5 steps per rollout, RMSprop (α 0.99, ε 1e-5), lr 7e-4, γ 0.99, λ 1 (n-step returns), value
/// coefficient 0.5, no entropy bonus, gradient-norm clip 0.5, no advantage normalisation.
public struct A2CConfig: Codable, Equatable, Sendable {
    /// Steps per sub-environment per update (SB3 `n_steps`).
    public var numSteps = 5
    /// RMSprop step size.
    public var learningRate = 7e-4
    /// Anneal the learning rate linearly to 0.
    public var annealLearningRate = false
    /// γ, discount.
    public var gamma = 0.99
    /// λ of GAE; 1 gives SB3's n-step returns.
    public var gaeLambda = 1.0
    /// Entropy bonus coefficient.
    public var entropyCoefficient = 0.0
    /// Value loss coefficient (loss is the plain MSE, as SB3).
    public var valueCoefficient = 0.5
    /// Global gradient-norm clip.
    public var maxGradNorm = 0.5
    /// RMSprop α.
    public var rmsPropAlpha = 0.99
    /// RMSprop ε.
    public var rmsPropEpsilon = 1e-5
    /// Normalise advantages over the batch.
    public var normalizeAdvantages = false
    /// Actor and critic network shapes.
    public var network = PolicyNetworkConfig()

    /// SB3's defaults.
    public init() {}
}
