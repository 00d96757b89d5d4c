import Foundation
import Tensor

/// A Beta belief `p ~ Beta(α, β)` about one prompt's latent success rate, updated online from rollout outcomes
/// (MoPPS, arXiv:2507.04632, verl `recipe/mopps`; InSight, arXiv:2603.01907).
public struct BetaBelief: Codable, Equatable, Sendable {
    /// α, pseudo-count of successes.
    public var alpha: Double
    /// β, pseudo-count of failures.
    public var beta: Double

    /// A belief; the uninformative prior is Beta(1, 1).
    public init(alpha: Double = 1, beta: Double = 1) {
        self.alpha = alpha
        self.beta = beta
    }

    /// μ = α / (α + β), the mean belief.
    public var mean: Double { alpha / (alpha + beta) }
    /// n = α + β, the evidence.
    public var evidence: Double { alpha + beta }

    /// The streaming update after `trials` rollouts with `successes` successes, with forgetting toward the prior:
    /// `α ← λ·α + (1−λ)·α₀ + s`, `β ← λ·β + (1−λ)·β₀ + (m − s)` (MoPPS `bandit_decay_ratio` λ; 1 = no forgetting).
    public mutating func update(successes: Int, trials: Int, decay: Double, prior: BetaBelief) {
        alpha = decay * alpha + (1 - decay) * prior.alpha + Double(successes)
        beta = decay * beta + (1 - decay) * prior.beta + Double(trials - successes)
    }

    /// I(Y; p), the mutual information between the outcomes Y of `rollouts` new Bernoulli(p) trials and p, in nats:
    /// `H(BetaBinomial(m, α, β)) − E_p[H(Binomial(m, p))]`, in closed form with digamma functions
    /// (for m = 1 this is BALD: `H_b(μ) − E_p[H_b(p)]`; Beta(1, 1) gives ln 2 − ½ = 0.1931).
    public func mutualInformation(rollouts m: Int = 1) -> Double {
        precondition(m >= 1, "mutualInformation: rollouts must be ≥ 1")
        let a = alpha, b = beta, n = alpha + beta
        let logBetaAB = lgamma(a) + lgamma(b) - lgamma(n)
        let psiTotal = digamma(n + Double(m))
        var predictiveEntropy = 0.0, expectedEntropy = 0.0
        for k in 0...m {
            let kd = Double(k), rest = Double(m - k)
            let logChoose = lgamma(Double(m) + 1) - lgamma(kd + 1) - lgamma(rest + 1)
            let logP = logChoose + lgamma(a + kd) + lgamma(b + rest) - lgamma(n + Double(m)) - logBetaAB
            let p = exp(logP)
            guard p > 0 else { continue }
            predictiveEntropy -= p * logP
            // E_p[P(k|p) · log P(k|p)] = P_BB(k) · (log C + k(ψ(α+k) − ψ(n+m)) + (m−k)(ψ(β+m−k) − ψ(n+m)))
            let inner =
                logChoose + (k > 0 ? kd * (digamma(a + kd) - psiTotal) : 0)
                + (m - k > 0 ? rest * (digamma(b + rest) - psiTotal) : 0)
            expectedEntropy -= p * inner
        }
        return max(0, predictiveEntropy - expectedEntropy)
    }
}

extension BetaBelief {
    /// One draw p̃ ~ Beta(α, β) from two Gamma draws (Marsaglia & Tsang 2000, with the α < 1 boost).
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        let x = Self.gamma(shape: alpha, using: &rng), y = Self.gamma(shape: beta, using: &rng)
        return x + y > 0 ? x / (x + y) : mean
    }

    static func gamma<G: RandomNumberGenerator>(shape: Double, using rng: inout G) -> Double {
        if shape < 1 {
            let u = max(rng.nextDouble(), .leastNormalMagnitude)
            return gamma(shape: shape + 1, using: &rng) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = rng.normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextDouble()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(max(u, .leastNormalMagnitude)) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
