import Tensor

/// SAC's policy π_φ(a|s): an MLP trunk, then heads for μ and log σ (log σ clipped to [min, max]), squashed by
/// tanh into [−1, 1] (SB3 `Actor`, CleanRL `Actor` without action rescaling — the runner maps [−1, 1] to the box).
///
/// With generalized state-dependent exploration (gSDE, Raffin et al. 2021, arXiv:2005.05719, §3) the log σ head is
/// replaced by a state-independent parameter `explorationLogStd` `[H, A]`: the noise is ε(s) = z(s)·θ_ε with the
/// trunk's features z(s) and an exploration matrix θ_ε ~ N(0, σ²) held fixed for several steps, so the pre-squash
/// action u ~ N(μ(s), z(s)²·σ²) per dimension; μ is clipped to ±`clipMean` (SB3's Hardtanh on μ under gSDE). As in
/// SB3's SAC actor (`learn_features=True`, unlike its PPO policy) the actor loss back-propagates into z(s) through
/// both the variance and the noise z(s)·θ_ε.
final class SquashedGaussianActor: Module {
    let trunk: MLP
    let mean: Linear
    /// The state-dependent log σ head (nil under gSDE).
    let logStd: Linear?
    /// log σ of the exploration-matrix entries under gSDE, `[H, A]` (SB3 `full_std=True`).
    let explorationLogStd: Tensor?
    let _logStdMin: Double
    let _logStdMax: Double
    let _clipMean: Double

    /// Numerical floor added to the gSDE variance (SB3 `epsilon` 1e-6).
    static let sdeVarianceEpsilon = 1e-6

    /// - Parameters:
    ///   - sdeLogStdInit: nil for the log σ head; a value to use gSDE with `explorationLogStd` initialised to it.
    ///   - clipMean: |μ| bound under gSDE (0 = none).
    init(observationSize: Int, actionSize: Int, hidden: [Int], logStdMin: Double, logStdMax: Double,
         sdeLogStdInit: Double? = nil, clipMean: Double = 2, using rng: inout Xoshiro256StarStar) {
        trunk = MLP([observationSize] + hidden, activation: .relu, outputActivation: .relu, using: &rng)
        let features = hidden.last ?? observationSize
        mean = Linear(features, actionSize, using: &rng)
        if let sdeLogStdInit {
            logStd = nil
            explorationLogStd = Tensor(repeating: sdeLogStdInit, shape: [features, actionSize])
        } else {
            logStd = Linear(features, actionSize, using: &rng)
            explorationLogStd = nil
        }
        _logStdMin = logStdMin
        _logStdMax = logStdMax
        _clipMean = clipMean
    }

    /// Whether the actor uses gSDE.
    var usesSDE: Bool { explorationLogStd != nil }
    /// Width of the trunk's features z(s) (rows of an exploration matrix).
    var featureCount: Int { mean.inputs }
    /// Action dimensions.
    var actionCount: Int { mean.outputs }

    /// The squashed Gaussian for observations `[B, O]` (with gSDE: N(μ, z²σ²) before the squash), and the features.
    func distributionAndFeatures(_ observations: Tensor) -> (SquashedGaussian, features: Tensor) {
        let h = trunk(observations)
        if let logStd {
            return (SquashedGaussian(mean: mean(h), logStd: clamp(logStd(h), min: _logStdMin, max: _logStdMax)), h)
        }
        let explorationLogStd = explorationLogStd ?? Tensor.zeros([featureCount, actionCount])
        var mu = mean(h)
        if _clipMean > 0 { mu = clamp(mu, min: -_clipMean, max: _clipMean) }
        let variance = matmul(h * h, exp(explorationLogStd * 2)) + Self.sdeVarianceEpsilon
        return (SquashedGaussian(mean: mu, logStd: log(variance) * 0.5), h)
    }

    /// The squashed Gaussian for observations `[B, O]`.
    func distribution(_ observations: Tensor) -> SquashedGaussian { distributionAndFeatures(observations).0 }

    /// A reparameterised action and its log-probability. Under gSDE one exploration matrix θ_ε = σ ⊙ ε (ε standard
    /// normal, fresh from `rng`) is shared by the whole batch, as SB3 resamples it before every gradient step;
    /// gradients reach log σ through θ_ε and the variance.
    func sampleWithLogProb(_ observations: Tensor, using rng: inout Xoshiro256StarStar) -> (action: Tensor, logProb: Tensor) {
        let (distribution, z) = distributionAndFeatures(observations)
        guard let explorationLogStd else { return distribution.rsampleWithLogProb(using: &rng) }
        let epsilon = Tensor.normal(explorationLogStd.shape, using: &rng)
        let u = distribution.base.mean + matmul(z, exp(explorationLogStd) * epsilon)
        return (distribution.squash(u), distribution.logProb(preSquash: u))
    }

    /// A new exploration matrix θ_ε ~ N(0, σ²) `[H, A]` for rollouts (not differentiable).
    func sampleExplorationMatrix(using rng: inout Xoshiro256StarStar) -> Tensor {
        guard let explorationLogStd else { return Tensor.zeros([featureCount, actionCount]) }
        return withNoGrad { exp(explorationLogStd) * Tensor.normal(explorationLogStd.shape, using: &rng) }.detached()
    }

    /// gSDE behaviour action tanh(μ(s) + z(s)·θ_ε) for one observation row `[1, O]` and its exploration matrix.
    func explorationAction(_ observation: Tensor, matrix: Tensor) -> Tensor {
        withNoGrad {
            let (distribution, z) = distributionAndFeatures(observation)
            return distribution.squash(distribution.base.mean + matmul(z, matrix))
        }
    }
}
