import Foundation

/// The reward → optimal-policy map of a bandit (one state), with and without entropy regularisation ("The Policy
/// Cliff: A Theoretical Analysis of Reward-Policy Maps in Large Language Models", arXiv:2507.20150).
///
/// Without regularisation the optimal policy is any distribution on `argmax r`; with ties it is set-valued and the
/// map is discontinuous (Props. 2.4–2.5: a tie-break that splits mass uniformly jumps by (m − 1)/m in total variation
/// when the tie breaks). With an entropy bonus τ the optimum is `π*_τ = softmax(r/τ)` (times a reference policy for
/// KL regularisation), which is Lipschitz: `TV(π*_τ(r), π*_τ(r′)) ≤ ‖r − r′‖_∞ / (2τ)` (Prop. 4.5 with γ = 0).
public enum RewardPolicyMap {
    /// The optimal policy for rewards `r` with entropy temperature `tau` and reference `reference` (uniform when nil):
    /// `π ∝ reference · exp(r/τ)`; for τ = 0, the reference renormalised on the maximisers (uniform tie-break).
    public static func optimum(rewards r: [Double], tau: Double, reference: [Double]? = nil) -> [Double] {
        let prior = reference ?? Array(repeating: 1.0 / Double(r.count), count: r.count)
        guard let top = r.max() else { return [] }
        if tau <= 0 {
            let tied = r.indices.map { r[$0] == top ? prior[$0] : 0 }
            let z = tied.reduce(0, +)
            return tied.map { $0 / z }
        }
        let weights = r.indices.map { prior[$0] * exp((r[$0] - top) / tau) }
        let z = weights.reduce(0, +)
        return weights.map { $0 / z }
    }

    /// Total-variation distance ½‖p − q‖₁.
    public static func totalVariation(_ p: [Double], _ q: [Double]) -> Double {
        0.5 * zip(p, q).reduce(0) { $0 + abs($1.0 - $1.1) }
    }

    /// The stability bound `‖r − r′‖_∞ / (2τ)` on the total-variation change of the regularised optimum.
    public static func stabilityBound(_ r: [Double], _ rPrime: [Double], tau: Double) -> Double {
        zip(r, rPrime).map { abs($0 - $1) }.max().map { $0 / (2 * tau) } ?? 0
    }
}
