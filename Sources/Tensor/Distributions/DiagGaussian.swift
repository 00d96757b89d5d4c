import RealModule

/// A Gaussian with diagonal covariance over the last dimension (SB3 `DiagGaussianDistribution`): mean `[..., A]`
/// and log standard deviation broadcastable to it (state-dependent `[..., A]` or a learned `[A]`). Log-probability
/// and entropy are summed over the last dimension, so they have the batch shape `[...]`.
public struct DiagGaussian: EntropyDistribution, ReparameterizedDistribution, Sendable {
    /// μ, `[..., A]`.
    public let mean: Tensor
    /// log σ, broadcastable to ``mean``.
    public let logStd: Tensor

    /// - Parameters:
    ///   - mean: μ `[..., A]`.
    ///   - logStd: log σ, broadcastable to `mean`.
    public init(mean: Tensor, logStd: Tensor) {
        precondition(mean.rank >= 1, "DiagGaussian: mean needs at least one dimension, got \(mean.shape)")
        precondition(
            broadcastShapes(mean.shape, logStd.shape) == mean.shape,
            "DiagGaussian: logStd \(logStd.shape) must broadcast to mean \(mean.shape)")
        precondition(mean.dtype == logStd.dtype, "DiagGaussian: mean is \(mean.dtype) but logStd is \(logStd.dtype)")
        self.mean = mean
        self.logStd = logStd
    }

    /// σ = exp(log σ).
    public var std: Tensor { exp(logStd) }

    /// Σ over the last dimension of −(x − μ)²/(2σ²) − log σ − ½ log 2π.
    public func logProb(_ value: Tensor) -> Tensor {
        let z = (value - mean) * exp(-logStd)
        let perDimension = z.square() * -0.5 - logStd - 0.5 * Double.log(2 * Double.pi)
        return perDimension.sum(axis: -1)
    }

    /// Σ over the last dimension of ½ + ½ log 2π + log σ.
    public func entropy() -> Tensor {
        (logStd.expanded(to: mean.shape) + (0.5 + 0.5 * Double.log(2 * Double.pi))).sum(axis: -1)
    }

    /// μ + σ·ε with ε ~ N(0, I), detached.
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Tensor {
        withNoGrad { rsample(using: &rng) }.detached()
    }

    /// μ + σ·ε with ε ~ N(0, I); gradients flow to μ and log σ.
    public func rsample<G: RandomNumberGenerator>(using rng: inout G) -> Tensor {
        mean + std * standardNormalNoise(like: mean.shape, dtype: mean.dtype, using: &rng)
    }

    /// μ.
    public var mode: Tensor { mean }

    /// KL(self ‖ other) summed over the last dimension:
    /// log σ₂/σ₁ + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½.
    public func klDivergence(to other: DiagGaussian) -> Tensor {
        let varianceRatio = exp((logStd - other.logStd) * 2.0)
        let meanTerm = ((mean - other.mean) * exp(-other.logStd)).square()
        return ((other.logStd - logStd) + (varianceRatio + meanTerm) * 0.5 - 0.5).sum(axis: -1)
    }
}
