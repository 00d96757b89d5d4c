import Tensor

/// TD3's deterministic policy μ_φ(s) = tanh(f_φ(s)) ∈ [−1, 1]: a ReLU MLP f_φ with a tanh output (SB3 `Actor`,
/// CleanRL `Actor`). Parameter paths are the MLP's (`net.layers.<i>.…`).
final class DeterministicActor: Module {
    let net: MLP

    init(observationSize: Int, actionSize: Int, hidden: [Int], using rng: inout Xoshiro256StarStar) {
        net = MLP([observationSize] + hidden + [actionSize], activation: .relu, using: &rng)
    }

    /// The pre-tanh outputs f_φ(s), `[B, A]`.
    func preActivations(_ observations: Tensor) -> Tensor { net(observations) }

    /// Actions `[B, A]` in [−1, 1]. The tanh is differentiated as sech² from its input, so a saturated output keeps
    /// a (tiny) gradient (``saturationSafeTanh(_:)``).
    func callAsFunction(_ observations: Tensor) -> Tensor { Self.squash(preActivations(observations)) }

    /// tanh of the pre-activations, with a gradient that never rounds to exactly 0.
    static func squash(_ preActivations: Tensor) -> Tensor { saturationSafeTanh(preActivations) }
}
