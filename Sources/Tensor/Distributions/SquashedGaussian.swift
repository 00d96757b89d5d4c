import RealModule

/// A diagonal Gaussian squashed through tanh and then affinely mapped to the action box, the SAC policy
/// (Haarnoja et al. 2018, arXiv:1801.01290, appendix C): u ~ N(μ, σ²), a = tanh(u)·scale + bias.
///
/// log π(a) = log N(u) − Σ log|da/du| with the numerically stable form
/// log(1 − tanh²u) = 2·(log 2 − u − softplus(−2u)), plus Σ log scale when an action scale is given. Sums run over
/// the last dimension. There is no closed-form entropy (use −log π of a sample as the estimate, as SAC does).
public struct SquashedGaussian: ReparameterizedDistribution, Sendable {
    /// The Gaussian before squashing.
    public let base: DiagGaussian
    /// Half the action range per dimension, `(high − low)/2` (nil = 1).
    public let actionScale: Tensor?
    /// Centre of the action range per dimension, `(high + low)/2` (nil = 0).
    public let actionBias: Tensor?

    /// Largest |tanh u| used when inverting an action in ``logProb(_:)`` (keeps atanh finite).
    public static let inverseClip = 1 - 1e-6

    /// - Parameters:
    ///   - mean: μ `[..., A]`.
    ///   - logStd: log σ, broadcastable to `mean` (SAC clips it to [−20, 2] or [−5, 2] before this).
    ///   - actionScale: optional `[A]` scale (constants, not learned).
    ///   - actionBias: optional `[A]` offset.
    public init(mean: Tensor, logStd: Tensor, actionScale: Tensor? = nil, actionBias: Tensor? = nil) {
        base = DiagGaussian(mean: mean, logStd: logStd)
        self.actionScale = actionScale?.cast(mean.dtype)
        self.actionBias = actionBias?.cast(mean.dtype)
    }

    /// Maps a pre-squash value to an action.
    public func squash(_ u: Tensor) -> Tensor {
        var a = tanh(u)
        if let actionScale { a = a * actionScale }
        if let actionBias { a = a + actionBias }
        return a
    }

    /// log π of the action `squash(u)`, from the pre-squash value `u` (exact; prefer this during training).
    public func logProb(preSquash u: Tensor) -> Tensor {
        // log(1 − tanh²u) = 2(log 2 − u − softplus(−2u))
        let logDerivative = (Double.log(2.0) - u - softplus(u * -2.0)) * 2.0
        var result = base.logProb(u) - logDerivative.sum(axis: -1)
        if let actionScale { result = result - log(abs(actionScale)).expanded(to: u.shape).sum(axis: -1) }
        return result
    }

    /// log π(action), inverting the squash with atanh (the tanh value clipped to ±``inverseClip``).
    public func logProb(_ action: Tensor) -> Tensor {
        var y = action
        if let actionBias { y = y - actionBias }
        if let actionScale { y = y / actionScale }
        y = clamp(y, min: -Self.inverseClip, max: Self.inverseClip)
        let u = (log1p(y) - log1p(-y)) * 0.5
        return logProb(preSquash: u)
    }

    /// A squashed reparameterised sample and its log-probability (computed from the pre-squash value, so it
    /// stays accurate where tanh saturates); gradients flow to μ and log σ through both.
    public func rsampleWithLogProb<G: RandomNumberGenerator>(using rng: inout G) -> (action: Tensor, logProb: Tensor) {
        let u = base.rsample(using: &rng)
        return (squash(u), logProb(preSquash: u))
    }

    /// A squashed sample, not differentiable.
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Tensor {
        withNoGrad { squash(base.rsample(using: &rng)) }.detached()
    }

    /// A squashed reparameterised sample.
    public func rsample<G: RandomNumberGenerator>(using rng: inout G) -> Tensor { squash(base.rsample(using: &rng)) }

    /// tanh(μ) mapped to the action box (SAC's deterministic action).
    public var mode: Tensor { squash(base.mean) }
}
