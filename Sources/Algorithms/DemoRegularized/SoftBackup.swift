import Foundation

/// The KL-regularised Bellman backup toward a reference policy π^ref (Tiapkin et al. 2024, §4, reconstructed):
/// `V(s) = max_π Σ_a π(a)Q(s, a) − λ KL(π ‖ π^ref) = λ log Σ_a π^ref(a|s) exp(Q(s, a)/λ)`, attained by
/// `π(a|s) ∝ π^ref(a|s) exp(Q(s, a)/λ)`. Computed with the log-sum-exp shift, so large `Q/λ` does not overflow.
public enum SoftBackup {
    /// `λ log Σ_a ref(a) exp(q(a)/λ)`; the hard maximum over the reference's support when λ = 0.
    public static func value<Q: Collection, R: Collection>(q: Q, reference: R, lambda: Double) -> Double
    where Q.Element == Double, R.Element == Double {
        let pairs = zip(q, reference).filter { $0.1 > 0 }
        guard let top = pairs.map(\.0).max() else { return 0 }
        guard lambda > 0 else { return top }
        let sum = pairs.reduce(0.0) { $0 + $1.1 * exp(($1.0 - top) / lambda) }
        return top + lambda * log(sum)
    }

    /// `π(a) ∝ ref(a) exp(q(a)/λ)` (the first maximiser of q on the support when λ = 0).
    public static func policy<Q: Collection, R: Collection>(q: Q, reference: R, lambda: Double) -> [Double]
    where Q.Element == Double, R.Element == Double {
        let q = Array(q), reference = Array(reference)
        let support = q.indices.filter { reference[$0] > 0 }
        guard let top = support.map({ q[$0] }).max() else { return reference }
        if lambda <= 0 {
            let best = support.first { q[$0] == top } ?? 0
            return q.indices.map { $0 == best ? 1 : 0 }
        }
        let weights = q.indices.map { reference[$0] > 0 ? reference[$0] * exp((q[$0] - top) / lambda) : 0 }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }
}
