import Foundation
import Tensor

/// Contrastive representation learning of a low-rank transition model (Qiu, Wang, Bai, Yang & Wang, "Contrastive
/// UCB", ICML 2022, arXiv:2207.14800; digest §7): embedding tables `φ̂(s, a) ∈ R^d_{≥0}` and `ψ̂(s') ∈ R^d_{≥0}` with
/// `f(s, a, s') = φ̂(s, a)ᵀψ̂(s')`, fitted by minimising the logistic contrastive loss
///
///   `L = E_{(s,a,s') ~ data}[log(1 + 1/f)] + E_{(s,a) ~ data, s⁻ ~ P⁻}[log(1 + f(s, a, s⁻))]`,
///
/// positives being observed transitions and negatives the same `(s, a)` with `s⁻` from the negative distribution
/// P⁻ (uniform here). Its minimiser is `f* = P(s' | s, a)/P⁻(s')`, so the span of φ̂ recovers the span of the true
/// φ* when `P = φ*ᵀμ*` has rank d.
///
/// SwiftRL's estimator takes the expectation over negatives exactly (weight `n(s, a)·P⁻(s')` for every s') and the
/// one over positives on the empirical distribution of the transition counts, and minimises the loss by full-batch
/// projected Adam (φ̂, ψ̂ ≥ 0 keep f ≥ 0; f is floored at `minimumScore` inside the logarithms). The loss form and
/// its minimiser follow the digest's reconstruction of the paper (§7, marked ⚠️; the paper's body was not reachable);
/// the non-negativity and the optimiser are SwiftRL's choices.
public struct ContrastiveRepresentation: Sendable {
    /// S.
    public let stateCount: Int
    /// A.
    public let actionCount: Int
    /// d, the representation dimension.
    public let dimension: Int
    /// φ̂, `S·A × d` row-major.
    public private(set) var phi: [Double]
    /// ψ̂, `S × d` row-major.
    public private(set) var psi: [Double]
    /// Adam step size, default 0.05.
    public var learningRate: Double
    /// Floor of f inside the logarithms, default 1e-6.
    public var minimumScore = 1e-6
    private var adamStep = 0
    private var moments: (phiM: [Double], phiV: [Double], psiM: [Double], psiV: [Double])

    /// Random non-negative tables with entries uniform in [0.2, 0.6).
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for sizes < 1 or a step size ≤ 0.
    public init(
        stateCount: Int, actionCount: Int, dimension: Int, learningRate: Double = 0.05,
        using generator: inout some RandomNumberGenerator
    ) throws(TabularError) {
        guard stateCount > 0, actionCount > 0, dimension > 0 else {
            throw .invalidConfiguration(
                "contrastive: need S, A, d ≥ 1, got \(stateCount), \(actionCount), \(dimension)")
        }
        guard learningRate > 0, learningRate.isFinite else {
            throw .invalidConfiguration("contrastive: learning rate must be > 0, got \(learningRate)")
        }
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.dimension = dimension
        self.learningRate = learningRate
        phi = (0..<(stateCount * actionCount * dimension)).map { _ in Double.random(in: 0.2..<0.6, using: &generator) }
        psi = (0..<(stateCount * dimension)).map { _ in Double.random(in: 0.2..<0.6, using: &generator) }
        moments = (
            Array(repeating: 0, count: phi.count), Array(repeating: 0, count: phi.count),
            Array(repeating: 0, count: psi.count), Array(repeating: 0, count: psi.count)
        )
    }

    /// `f(s, a, s')` for `pair = s·A + a`.
    public func score(pair: Int, next: Int) -> Double {
        var total = 0.0
        for k in 0..<dimension { total += phi[pair * dimension + k] * psi[next * dimension + k] }
        return total
    }

    /// The loss and its gradients on transition counts `counts[(s·A + a)·S + s']`, normalised by the number of
    /// transitions, with uniform negatives.
    func lossAndGradients(counts: [Double]) -> (loss: Double, phi: [Double], psi: [Double]) {
        let (s, d) = (stateCount, dimension)
        var gradPhi = [Double](repeating: 0, count: phi.count), gradPsi = [Double](repeating: 0, count: psi.count)
        let total = counts.reduce(0, +)
        guard total > 0 else { return (0, gradPhi, gradPsi) }
        var loss = 0.0
        let negative = 1 / Double(s)
        for pair in 0..<(s * actionCount) {
            var visits = 0.0
            for next in 0..<s { visits += counts[pair * s + next] }
            guard visits > 0 else { continue }
            for next in 0..<s {
                let positive = counts[pair * s + next] / total, negativeWeight = visits * negative / total
                let f = max(score(pair: pair, next: next), minimumScore)
                loss += positive * log(1 + 1 / f) + negativeWeight * log(1 + f)
                // dL/df; zero below the floor (the clamp is flat there).
                var g = -positive / (f * (1 + f)) + negativeWeight / (1 + f)
                if score(pair: pair, next: next) < minimumScore { g = min(g, 0) }
                guard g != 0 else { continue }
                for k in 0..<d {
                    gradPhi[pair * d + k] += g * psi[next * d + k]
                    gradPsi[next * d + k] += g * phi[pair * d + k]
                }
            }
        }
        return (loss, gradPhi, gradPsi)
    }

    /// The contrastive loss on `counts` (S·A·S transition counts).
    public func loss(counts: [Double]) -> Double { lossAndGradients(counts: counts).loss }

    /// `steps` full-batch projected Adam steps on `counts` (S·A·S transition counts); returns the final loss.
    /// - Complexity: O(steps·S²·A·d).
    @discardableResult
    public mutating func fit(counts: [Double], steps: Int) -> Double {
        precondition(counts.count == stateCount * actionCount * stateCount, "fit: need S·A·S counts")
        let (beta1, beta2, epsilon) = (0.9, 0.999, 1e-8)
        for _ in 0..<steps {
            let (_, gPhi, gPsi) = lossAndGradients(counts: counts)
            adamStep += 1
            let c1 = 1 - pow(beta1, Double(adamStep)), c2 = 1 - pow(beta2, Double(adamStep))
            func apply(_ x: inout [Double], _ g: [Double], _ m: inout [Double], _ v: inout [Double]) {
                for i in 0..<x.count {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                    x[i] = max(0, x[i] - learningRate * (m[i] / c1) / ((v[i] / c2).squareRoot() + epsilon))
                }
            }
            apply(&phi, gPhi, &moments.phiM, &moments.phiV)
            apply(&psi, gPsi, &moments.psiM, &moments.psiV)
        }
        return loss(counts: counts)
    }

    /// φ̂ as a feature map scaled to largest row norm 1.
    public var features: FeatureMap {
        get throws(TabularError) {
            try FeatureMap(stateCount: stateCount, actionCount: actionCount, dimension: dimension, values: phi)
                .normalised()
        }
    }

    /// The implied model `P̂(s' | s, a) = f(s, a, s')·P⁻(s')` (not renormalised).
    public func modelProbability(pair: Int, next: Int) -> Double { score(pair: pair, next: next) / Double(stateCount) }
}
