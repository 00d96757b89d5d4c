import Tensor

/// The pieces of TD3's update, as functions so tests can check them against hand-computed values.
public enum TD3Loss {
    /// Target policy smoothing (paper eq. 15): ã = clip(μ_φ'(s') + clip(ε, −c, c), −1, 1), ε ~ N(0, σ̃²).
    /// - Parameters:
    ///   - targetActions: μ_φ'(s'), `[B, A]`.
    ///   - noise: standard normal draws, same shape (scaled by σ̃ here).
    public static func smoothedTargetActions(_ targetActions: Tensor, noise: Tensor, sigma: Double, clip c: Double)
        -> Tensor
    {
        clamp(targetActions + clamp(noise * sigma, min: -c, max: c), min: -1, max: 1)
    }

    /// y = r + γᵏ(1 − d) min(Q_θ'1(s', ã), Q_θ'2(s', ã)) (clipped double-Q).
    public static func target(rewards: Tensor, bootstrap: Tensor, nextMinQ: Tensor) -> Tensor {
        rewards + bootstrap * nextMinQ
    }

    /// Σ_i MSE(Q_θi(s, a), y) (SB3 TD3: the sum of the two critics' losses).
    public static func criticLoss(q1: Tensor, q2: Tensor, target: Tensor) -> Tensor {
        mseLoss(q1, target) + mseLoss(q2, target)
    }

    /// −E[Q_θ1(s, μ_φ(s))] (deterministic policy gradient through the first critic).
    public static func actorLoss(q1: Tensor) -> Tensor { -q1.mean() }

    /// −E[Q_θ1(s, μ_φ(s))] + λ·E[‖f_φ(s)‖²], μ_φ = tanh ∘ f_φ: the pre-activation penalty of rlkit's DDPG/TD3
    /// (`policy_pre_activation_weight`), which keeps f_φ(s) where tanh still has a usable gradient.
    /// - Parameters:
    ///   - q1: Q_θ1(s, μ_φ(s)), `[B]`.
    ///   - preActivations: f_φ(s), `[B, A]`.
    ///   - penalty: λ (0 gives ``actorLoss(q1:)``).
    public static func actorLoss(q1: Tensor, preActivations: Tensor, penalty λ: Double) -> Tensor {
        λ == 0 ? actorLoss(q1: q1) : actorLoss(q1: q1) + preActivations.square().sum(axis: 1).mean() * λ
    }
}
