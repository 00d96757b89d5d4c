/// Conservative exploration under the episode-wise constraint `V^{π_k}_1(s_1) ≥ (1 − κ)·V^b` for every episode k
/// (Li, Huang, Shen & Yang, "Near-optimal Conservative Exploration in Reinforcement Learning under Episode-wise
/// Constraints", ICML 2023, arXiv:2306.06265): each episode mixes the optimistic UCBVI policy π̄_k with a known
/// safe baseline π^b, as far as a pessimistic certificate allows.
///
/// Sources. Verified (abstract, ICML 2023 / arXiv): the constraint, a known baseline policy, StepMix's "mixture
/// policy that adaptively and smoothly interpolates between the baseline policy and the optimistic policy", the
/// randomisation-based EpsMix, regret of the unconstrained order. Reconstructed (the algorithm pages were not
/// reachable): the certificate (pessimistic value iteration with the same bonus), EpsMix's ε rule and StepMix's
/// interpolation family below (see ``Mixing``).
public struct ConservativeExploration: Sendable {
    /// How π̄_k and π^b are mixed.
    public enum Mixing: String, Codable, Sendable, CaseIterable {
        /// EpsMix: with probability ε_k run π̄_k for the whole episode, otherwise π^b. The value is linear in ε,
        /// so with the certificate `V̲^{π̄_k}` and the known V^b: `ε_k = 1` if `V̲^{π̄_k} ≥ (1 − κ)V^b`, else
        /// `ε_k = κV^b / (V^b − V̲^{π̄_k})` (always ≥ κ).
        case epsMix
        /// StepMix: the one-parameter family `π_θ`, θ = t + ρ ∈ [0, H], that follows π̄ on stages `h < t`, plays
        /// `ρ·π̄_t + (1 − ρ)·π^b_t` at stage t and π^b afterwards; θ = 0 is π^b and θ = H is π̄. `V^{π_θ}` is
        /// continuous in θ and linear in ρ for fixed t, so with certificates `L_0 = V^b` (known) and
        /// `L_t = V̲^{π_{t, 0}}` the largest θ with `(1 − ρ)L_t + ρL_{t+1} ≥ (1 − κ)V^b` is played.
        case stepMix
    }

    /// The mixing rule.
    public var mixing: Mixing
    /// κ: the conservatism budget of the episode-wise constraint `V^{π_k} ≥ (1 − κ)V^b` (the problem statement in
    /// the abstract; section number not verified), default 0.1 (the digest prototype's value).
    public var kappa: Double
    /// π^b: the known safe baseline policy.
    public var baseline: EpisodicPolicy
    /// V^b = `V^{π^b}_1(s_1)`: the baseline's value, assumed known to the learner (digest §8, reconstructed).
    public var baselineValue: Double

    /// A conservative explorer.
    public init(mixing: Mixing, kappa: Double = 0.1, baseline: EpisodicPolicy, baselineValue: Double) {
        self.mixing = mixing
        self.kappa = kappa
        self.baseline = baseline
        self.baselineValue = baselineValue
    }

    /// The threshold `(1 − κ)V^b`.
    public var threshold: Double { (1 - kappa) * baselineValue }

    /// Checks κ and the baseline's shape.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` naming the field.
    public func validate(stateCount: Int, actionCount: Int, horizon: Int) throws(TabularError) {
        guard kappa > 0, kappa <= 1 else {
            throw .invalidConfiguration("conservative.kappa must be in (0, 1], got \(kappa)")
        }
        guard baseline.horizon == horizon, baseline.actionCount == actionCount,
            baseline.probabilities.allSatisfy({ $0.count == stateCount * actionCount })
        else {
            throw .invalidConfiguration(
                "conservative.baseline needs H = \(horizon) rows of S·A = \(stateCount * actionCount) probabilities")
        }
        guard baselineValue.isFinite, baselineValue >= 0 else {
            throw .invalidConfiguration("conservative.baselineValue must be finite and ≥ 0, got \(baselineValue)")
        }
    }

    /// EpsMix's ε from the certificate `lower` = V̲^{π̄}.
    public func epsilon(certificate lower: Double) -> Double {
        if lower >= threshold { return 1 }
        return min(1, kappa * baselineValue / max(baselineValue - lower, 1e-300))
    }

    /// StepMix's θ from the certificates `L_0 … L_H` (`L_0` = V^b): the largest θ = t + ρ whose interpolated
    /// certificate `(1 − ρ)L_t + ρL_{t+1}` is ≥ `(1 − κ)V^b`; 0 if none is.
    public func theta(certificates lower: [Double]) -> Double {
        let level = threshold
        for t in stride(from: lower.count - 2, through: 0, by: -1) {
            let (left, right) = (lower[t], lower[t + 1])
            if right >= level { return Double(t + 1) }
            if left >= level {
                return Double(t) + (left - level) / max(left - right, 1e-300)
            }
        }
        return 0
    }

    /// π_θ for θ = t + ρ (``Mixing/stepMix``).
    public static func stepPolicy(theta: Double, optimistic: EpisodicPolicy, baseline: EpisodicPolicy)
        -> EpisodicPolicy
    {
        let t = Int(theta.rounded(.down)), rho = theta - Double(t)
        var rows = baseline.probabilities
        for stage in 0..<rows.count {
            if stage < t {
                rows[stage] = optimistic.probabilities[stage]
            } else if stage == t && rho > 0 {
                rows[stage] = zip(optimistic.probabilities[stage], baseline.probabilities[stage]).map {
                    rho * $0 + (1 - rho) * $1
                }
            }
        }
        return EpisodicPolicy(probabilities: rows, actionCount: baseline.actionCount)
    }
}
