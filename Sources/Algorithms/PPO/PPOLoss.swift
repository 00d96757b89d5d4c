import Foundation
import Tensor

/// One PPO minibatch's inputs that came from the rollout (old policy, advantages, targets).
public struct PPOMinibatch {
    /// log π_old(a|s), `[B]`.
    public var oldLogProbs: Tensor
    /// Â (already normalised if requested), `[B]`.
    public var advantages: Tensor
    /// Value targets, `[B]`.
    public var returns: Tensor
    /// V_old(s), `[B]`.
    public var oldValues: Tensor

    /// A minibatch.
    public init(oldLogProbs: Tensor, advantages: Tensor, returns: Tensor, oldValues: Tensor) {
        self.oldLogProbs = oldLogProbs
        self.advantages = advantages
        self.returns = returns
        self.oldValues = oldValues
    }
}

/// The scalar diagnostics of one PPO loss evaluation (CleanRL's logged quantities).
public struct PPOLossStatistics: Equatable, Sendable {
    /// L^CLIP as minimised: mean of max(−Â·r, −Â·clip(r, 1 ± ε)).
    public var policyLoss: Double
    /// ½·mean((V − R)²), or the clipped variant.
    public var valueLoss: Double
    /// Mean entropy.
    public var entropy: Double
    /// mean(−log r) (biased KL estimate).
    public var oldApproxKL: Double
    /// mean((r − 1) − log r) (http://joschu.net/blog/kl-approx.html).
    public var approxKL: Double
    /// Fraction of samples with |r − 1| > ε.
    public var clipFraction: Double
}

/// The PPO-Clip objective (CleanRL `ppo.py`): policy loss − c₂·entropy + c₁·value loss.
/// - Parameters:
///   - newLogProbs, entropy, newValues: the current policy's evaluation of the minibatch, `[B]` each.
///   - batch: rollout data.
///   - clipRange: ε.
///   - clipValueLoss: clip V to V_old ± ε and take the larger squared error.
///   - entropyCoefficient: c₂. valueCoefficient: c₁.
/// - Returns: the differentiable loss and its diagnostics.
/// - Complexity: O(B).
public func ppoLoss(
    newLogProbs: Tensor, entropy: Tensor, newValues: Tensor, batch: PPOMinibatch, clipRange: Double,
    clipValueLoss: Bool, entropyCoefficient: Double, valueCoefficient: Double
) -> (loss: Tensor, statistics: PPOLossStatistics) {
    let logRatio = newLogProbs - batch.oldLogProbs
    let ratio = exp(logRatio)
    let unclipped = -batch.advantages * ratio
    let clipped = -batch.advantages * clamp(ratio, min: 1 - clipRange, max: 1 + clipRange)
    let policyLoss = maximum(unclipped, clipped).mean()
    let valueLoss: Tensor
    if clipValueLoss {
        let unclippedError = (newValues - batch.returns).square()
        let clippedValues =
            batch.oldValues + clamp(newValues - batch.oldValues, min: -clipRange, max: clipRange)
        let clippedError = (clippedValues - batch.returns).square()
        valueLoss = 0.5 * maximum(unclippedError, clippedError).mean()
    } else {
        valueLoss = 0.5 * (newValues - batch.returns).square().mean()
    }
    let entropyMean = entropy.mean()
    let loss = policyLoss - entropyCoefficient * entropyMean + valueCoefficient * valueLoss
    var oldKL = 0.0, kl = 0.0, clippedCount = 0.0
    let logRatios = logRatio.floats
    for value in logRatios {
        let r = Double(value)
        let ratioValue = exp(r)
        oldKL += -r
        kl += (ratioValue - 1) - r
        if abs(ratioValue - 1) > clipRange { clippedCount += 1 }
    }
    let count = Double(max(logRatios.count, 1))
    let statistics = PPOLossStatistics(
        policyLoss: policyLoss.doubleItem(), valueLoss: valueLoss.doubleItem(), entropy: entropyMean.doubleItem(),
        oldApproxKL: oldKL / count, approxKL: kl / count, clipFraction: clippedCount / count)
    return (loss, statistics)
}

/// Advantages normalised to mean 0 and unit (Bessel-corrected) standard deviation, + 1e-8 (CleanRL `norm_adv`).
/// A single advantage is only centred.
public func normalizedAdvantages(_ advantages: [Double]) -> [Double] {
    guard advantages.count > 1 else { return advantages.map { _ in 0 } }
    let mean = advantages.reduce(0, +) / Double(advantages.count)
    let variance = advantages.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(advantages.count - 1)
    let scale = 1 / (variance.squareRoot() + 1e-8)
    return advantages.map { ($0 - mean) * scale }
}
