/// A probability distribution over actions (or any values), batched: every method works on all rows at once.
///
/// `logProb` is differentiable with respect to the distribution's parameters (the logits, means, …), so policy
/// gradient losses are written directly with it. Sampling uses only the generator passed in.
public protocol Distribution {
    /// What one sample of the whole batch is: `[Int]` for categorical actions, a `Tensor` for continuous ones.
    associatedtype Value

    /// Log-density (or log-mass) of `value`, one entry per batch element.
    func logProb(_ value: Value) -> Tensor

    /// A sample drawn with `rng`, not differentiable.
    func sample<G: RandomNumberGenerator>(using rng: inout G) -> Value

    /// The most likely value (the deterministic action).
    var mode: Value { get }
}

/// A distribution whose entropy has a closed form.
public protocol EntropyDistribution: Distribution {
    /// Entropy per batch element (differentiable with respect to the parameters).
    func entropy() -> Tensor
}

/// A distribution with a reparameterised sample (`rsample`): a differentiable function of the parameters and
/// parameter-free noise, so gradients flow through the sample (SAC, DDPG-style critics, the pathwise estimator).
public protocol ReparameterizedDistribution: Distribution where Value == Tensor {
    /// A sample through which gradients flow to the parameters.
    func rsample<G: RandomNumberGenerator>(using rng: inout G) -> Tensor
}

/// Standard normal noise shaped like `like`, in its dtype (a constant, not recorded).
@inline(__always)
func standardNormalNoise<G: RandomNumberGenerator>(like shape: [Int], dtype: DType, using rng: inout G) -> Tensor {
    Tensor.normal(shape, dtype: dtype, using: &rng)
}
