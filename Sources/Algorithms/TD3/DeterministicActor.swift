import Tensor

/// TD3's deterministic policy μ_φ(s) ∈ [−1, 1]: ReLU MLP with a tanh output (SB3 `Actor`, CleanRL `Actor`).
final class DeterministicActor: Module {
    let net: MLP

    init(observationSize: Int, actionSize: Int, hidden: [Int], using rng: inout Xoshiro256StarStar) {
        net = MLP([observationSize] + hidden + [actionSize], activation: .relu, outputActivation: .tanh, using: &rng)
    }

    /// Actions `[B, A]` in [−1, 1].
    func callAsFunction(_ observations: Tensor) -> Tensor { net(observations) }
}
