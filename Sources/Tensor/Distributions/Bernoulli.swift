/// Independent Bernoulli variables from logits (PyTorch `Bernoulli(logits=…)`): every element is its own
/// variable, and ``logProb(_:)`` and ``entropy()`` are elementwise (sum over the last dimension for a
/// multi-binary action, as SB3's `BernoulliDistribution` does).
public struct Bernoulli: EntropyDistribution, Sendable {
    /// log(p / (1 − p)).
    public let logits: Tensor

    /// - Parameter logits: log-odds of 1, any shape.
    public init(logits: Tensor) { self.logits = logits }

    /// p = σ(logits).
    public var probabilities: Tensor { sigmoid(logits) }

    /// x·ℓ − softplus(ℓ) elementwise for `value` in {0, 1} (the negative binary cross-entropy with logits).
    public func logProb(_ value: Tensor) -> Tensor {
        value.cast(logits.dtype) * logits - softplus(logits)
    }

    /// softplus(ℓ) − ℓ·σ(ℓ) elementwise.
    public func entropy() -> Tensor { softplus(logits) - logits * sigmoid(logits) }

    /// 0/1 samples (1 with probability σ(ℓ)), one uniform per element.
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Tensor {
        let p = withNoGrad { sigmoid(logits) }.doubles
        let values = p.map { rng.nextDouble() < $0 ? 1.0 : 0.0 }
        return Tensor(values, shape: logits.shape).cast(logits.dtype)
    }

    /// 1 where p > ½, else 0.
    public var mode: Tensor { logits.detached().greater(0) }
}
