import Foundation
import Tensor

/// The pieces of SAC's losses, as functions so tests can check them against hand-computed values.
public enum SACLoss {
    /// The soft TD target y = r + γᵏ (1 − d) (min_i Q_θ̄i(s', a') − α log π(a'|s')), a' ~ π(·|s')
    /// (arXiv:1812.05905, eq. 3 with clipped double-Q); `bootstrap` is γᵏ(1 − d) per row.
    public static func target(rewards: Tensor, bootstrap: Tensor, nextMinQ: Tensor, nextLogProb: Tensor, alpha: Double)
        -> Tensor
    {
        rewards + bootstrap * (nextMinQ - nextLogProb * alpha)
    }

    /// J_Q = ½ Σ_i E[(Q_θi(s, a) − y)²] (SB3: half the sum of the two MSEs).
    public static func criticLoss(q1: Tensor, q2: Tensor, target: Tensor) -> Tensor {
        (mseLoss(q1, target) + mseLoss(q2, target)) * 0.5
    }

    /// J_π = E[α log π(ã|s) − min_i Q_θi(s, ã)], ã reparameterised (eq. 7).
    public static func actorLoss(logProb: Tensor, minQ: Tensor, alpha: Double) -> Tensor {
        (logProb * alpha - minQ).mean()
    }

    /// J(α) = −E[log α · (log π(ã|s) + H̄)] with log π detached (eq. 18 in log space, as SB3 and CleanRL).
    public static func entropyCoefficientLoss(logAlpha: Tensor, logProb: Tensor, targetEntropy: Double) -> Tensor {
        -(logAlpha * (logProb.detached() + targetEntropy)).mean()
    }
}

/// The learnable log α of automatic entropy tuning.
final class LogEntropyCoefficient: Module {
    let logAlpha: Tensor

    init(initial: Double) { logAlpha = Tensor([Float(Foundation.log(initial))], shape: [1]) }

    /// α = exp(log α).
    var alpha: Double { Foundation.exp(Double(logAlpha.item())) }
}

