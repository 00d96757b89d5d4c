import Foundation
import Tensor

/// Schulman's estimators of KL(π_θ ‖ π_ref) from sampled tokens, with `d = log π_ref − log π_θ`
/// (verl `kl_penalty`; TRL uses k3).
public enum KLEstimator: String, Codable, Equatable, Sendable, CaseIterable {
    /// k1 = −d = log π_θ − log π_ref (unbiased, high variance).
    case k1
    /// k2 = ½ d² (verl `mse`).
    case k2
    /// k3 = e^d − d − 1, with d clamped to [−20, 20] and the result to [−10, 10] (verl `low_var_kl`).
    case k3
    /// |d| (verl `abs`).
    case abs
    /// Forward KL(π_ref ‖ π_θ) from tokens sampled by π_θ (SELF's mass-covering KL, arXiv:2510.02230): the value is
    /// `w·d` with `w = e^d` (d clamped to [−20, 20]) and the gradient `−w·∇log π_θ`, whose expectation under π_θ is
    /// the gradient of the forward KL (the importance weight is a constant in the surrogate).
    case forward

    /// The per-token estimate, differentiable in `logProbs`.
    public func penalty(logProbs: Tensor, referenceLogProbs: Tensor) -> Tensor {
        let d = referenceLogProbs.cast(logProbs.dtype) - logProbs
        switch self {
        case .k1: return 0 - d
        case .k2: return 0.5 * d.square()
        case .k3:
            let c = clamp(d, min: -20, max: 20)
            return clamp(exp(c) - c - 1, min: -10, max: 10)
        case .abs: return absoluteValue(d)
        case .forward:
            let w = exp(clamp(stopGradient(d), min: -20, max: 20))
            let surrogate = 0 - w * logProbs
            return stopGradient(w * d) + surrogate - stopGradient(surrogate)
        }
    }

    /// The per-token estimate on plain arrays (for KL-in-reward, which is not differentiated).
    public func penalty(logProbs: [Double], referenceLogProbs: [Double]) -> [Double] {
        zip(logProbs, referenceLogProbs).map { logp, ref in
            let d = ref - logp
            switch self {
            case .k1: return -d
            case .k2: return 0.5 * d * d
            case .k3:
                let c = min(max(d, -20), 20)
                return min(max(Foundation.exp(c) - c - 1, -10), 10)
            case .abs: return Swift.abs(d)
            case .forward: return Foundation.exp(min(max(d, -20), 20)) * d
            }
        }
    }
}

/// Where the KL term acts.
public enum KLPlacement: String, Codable, Equatable, Sendable, CaseIterable {
    /// `r_t −= β·KL_t` before advantages (PPO-style; verl `use_kl_in_reward`).
    case reward
    /// `L += β·AGG(KL)` (GRPO-style; verl `use_kl_loss`).
    case loss
}

/// KL regularisation to a frozen reference policy. `coefficient == 0` disables it (and the reference model).
public struct KLConfig: Codable, Equatable, Sendable {
    /// β.
    public var coefficient: Double
    /// The estimator.
    public var estimator: KLEstimator
    /// In the reward or in the loss.
    public var placement: KLPlacement

    /// Creates a configuration.
    public init(coefficient: Double = 0, estimator: KLEstimator = .k3, placement: KLPlacement = .loss) {
        self.coefficient = coefficient
        self.estimator = estimator
        self.placement = placement
    }

    /// No KL term.
    public static let none = KLConfig()
    /// Whether a reference model is needed.
    public var isEnabled: Bool { coefficient != 0 }

    /// Token rewards with the in-reward penalty `−β·KL(old ‖ ref)` applied at valid tokens (verl `apply_kl_penalty`).
    public func penalizedRewards(
        tokenRewards: [Double], oldLogProbs: [Double], referenceLogProbs: [Double], mask: [Double]
    ) -> [Double] {
        let kl = estimator.penalty(logProbs: oldLogProbs, referenceLogProbs: referenceLogProbs)
        return tokenRewards.indices.map { tokenRewards[$0] - coefficient * kl[$0] * mask[$0] }
    }
}

private func absoluteValue(_ x: Tensor) -> Tensor { abs(x) }
