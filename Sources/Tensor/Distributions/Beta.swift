import RealModule

/// Independent Beta(α, β) variables on (0, 1) (PyTorch `Beta(concentration1=α, concentration0=β)`), used for
/// bounded continuous actions (Chou et al. 2017). Elementwise like PyTorch: sum ``logProb(_:)`` over the last
/// dimension for a multi-dimensional action. Not reparameterised here (PyTorch's implicit Beta gradients are not
/// implemented), so policy gradients use the score function.
public struct Beta: EntropyDistribution, Sendable {
    /// α > 0 (PyTorch `concentration1`).
    public let alpha: Tensor
    /// β > 0 (PyTorch `concentration0`), same shape as α.
    public let beta: Tensor

    /// - Parameters:
    ///   - alpha: α > 0 (e.g. `softplus(x) + 1` from a network, which keeps the density unimodal).
    ///   - beta: β > 0, same shape as `alpha`.
    public init(alpha: Tensor, beta: Tensor) {
        precondition(alpha.shape == beta.shape, "Beta: alpha \(alpha.shape) and beta \(beta.shape) must match")
        self.alpha = alpha
        self.beta = beta
    }

    /// log B(α, β) = log Γ(α) + log Γ(β) − log Γ(α + β).
    private var logBetaFunction: Tensor { lgamma(alpha) + lgamma(beta) - lgamma(alpha + beta) }

    /// E[x] = α/(α + β).
    public var mean: Tensor { alpha / (alpha + beta) }

    /// (α − 1) log x + (β − 1) log(1 − x) − log B(α, β), elementwise, for `value` in (0, 1).
    public func logProb(_ value: Tensor) -> Tensor {
        let x = value.cast(alpha.dtype)
        return (alpha - 1) * log(x) + (beta - 1) * log1p(-x) - logBetaFunction
    }

    /// log B(α, β) − (α − 1)ψ(α) − (β − 1)ψ(β) + (α + β − 2)ψ(α + β), elementwise.
    public func entropy() -> Tensor {
        logBetaFunction - (alpha - 1) * digamma(alpha) - (beta - 1) * digamma(beta)
            + (alpha + beta - 2) * digamma(alpha + beta)
    }

    /// Samples X/(X + Y) with X ~ Gamma(α), Y ~ Gamma(β) (Marsaglia & Tsang 2000), not differentiable.
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Tensor {
        let a = alpha.doubles, b = beta.doubles
        var values = [Double](repeating: 0, count: a.count)
        for i in values.indices {
            let x = sampleGamma(shape: a[i], using: &rng), y = sampleGamma(shape: b[i], using: &rng)
            let s = x + y
            values[i] = s > 0 ? x / s : (rng.nextDouble() < a[i] / (a[i] + b[i]) ? 1 : 0)
        }
        return Tensor(values, shape: alpha.shape).cast(alpha.dtype)
    }

    /// (α − 1)/(α + β − 2) where α > 1 and β > 1 (the interior maximum); elsewhere, where the density has no
    /// interior mode, the mean.
    public var mode: Tensor {
        withNoGrad {
            let interior = alpha.greater(1) * beta.greater(1)
            let peak = (alpha - 1) / maximum(alpha + beta - 2, alpha.scalarLike(1e-12))
            return `where`(interior, peak, mean)
        }.detached()
    }
}

/// A Gamma(shape, 1) sample by Marsaglia & Tsang's squeeze method; shapes below 1 use Gamma(shape + 1)·U^(1/shape).
func sampleGamma<G: RandomNumberGenerator>(shape: Double, using rng: inout G) -> Double {
    if shape < 1 {
        let u = 1 - rng.nextDouble()  // (0, 1]
        return sampleGamma(shape: shape + 1, using: &rng) * Double.pow(u, 1 / shape)
    }
    let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
    while true {
        var x = 0.0, v = 0.0
        repeat {
            x = rng.normal()
            v = 1 + c * x
        } while v <= 0
        v = v * v * v
        let u = 1 - rng.nextDouble()
        if u < 1 - 0.0331 * x * x * x * x { return d * v }
        if Double.log(u) < 0.5 * x * x + d * (1 - v + Double.log(v)) { return d * v }
    }
}
