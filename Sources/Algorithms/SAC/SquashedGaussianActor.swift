import Tensor

/// SAC's policy π_φ(a|s): an MLP trunk, then heads for μ and log σ (log σ clipped to [min, max]), squashed by
/// tanh into [−1, 1] (SB3 `Actor`, CleanRL `Actor` without action rescaling — the runner maps [−1, 1] to the box).
final class SquashedGaussianActor: Module {
    let trunk: MLP
    let mean: Linear
    let logStd: Linear
    let _logStdMin: Double
    let _logStdMax: Double

    init(observationSize: Int, actionSize: Int, hidden: [Int], logStdMin: Double, logStdMax: Double,
         using rng: inout Xoshiro256StarStar) {
        trunk = MLP([observationSize] + hidden, activation: .relu, outputActivation: .relu, using: &rng)
        mean = Linear(hidden.last ?? observationSize, actionSize, using: &rng)
        logStd = Linear(hidden.last ?? observationSize, actionSize, using: &rng)
        _logStdMin = logStdMin
        _logStdMax = logStdMax
    }

    /// The squashed Gaussian for observations `[B, O]`.
    func distribution(_ observations: Tensor) -> SquashedGaussian {
        let h = trunk(observations)
        return SquashedGaussian(mean: mean(h), logStd: clamp(logStd(h), min: _logStdMin, max: _logStdMax))
    }
}
