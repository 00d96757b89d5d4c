import Foundation
import Tensor

/// IQL's MuJoCo policy (official code `NormalTanhPolicy` with `state_dependent_std=False`,
/// `tanh_squash_distribution=False`): a ReLU MLP whose mean passes through tanh, and a state-independent log σ
/// parameter (initialised to 0, clipped to [−5, 2]); a Gaussian N(tanh μ(s), σ²) over [−1, 1] actions.
public final class TanhMeanGaussianPolicy: Module {
    /// s → pre-tanh mean.
    public let net: MLP
    /// log σ `[A]`.
    public let logStd: Tensor
    let _logStdMin: Double
    let _logStdMax: Double

    /// A policy with hidden widths `hidden`.
    public init(
        observationSize: Int, actionSize: Int, hidden: [Int], logStdMin: Double = -5, logStdMax: Double = 2,
        using rng: inout Xoshiro256StarStar
    ) {
        net = MLP([observationSize] + hidden + [actionSize], activation: .relu, outputActivation: .tanh, using: &rng)
        logStd = Tensor.zeros([actionSize])
        _logStdMin = logStdMin
        _logStdMax = logStdMax
    }

    /// N(tanh μ(s), σ²).
    public func distribution(_ observations: Tensor) -> DiagGaussian {
        DiagGaussian(mean: net(observations), logStd: clamp(logStd, min: _logStdMin, max: _logStdMax))
    }
}

/// SAC's/CQL's tanh-squashed Gaussian policy: a ReLU trunk with μ and log σ heads (log σ clipped to [−20, 2]),
/// action tanh(u), u ~ N(μ, σ²), with the exact log-det correction (Tensor's ``SquashedGaussian``).
public final class SquashedGaussianPolicy: Module {
    /// s → features.
    public let trunk: MLP
    /// features → μ.
    public let meanHead: Linear
    /// features → log σ.
    public let logStdHead: Linear

    /// A policy with hidden widths `hidden`.
    public init(observationSize: Int, actionSize: Int, hidden: [Int], using rng: inout Xoshiro256StarStar) {
        trunk = MLP([observationSize] + hidden, activation: .relu, outputActivation: .relu, using: &rng)
        meanHead = Linear(hidden.last ?? observationSize, actionSize, using: &rng)
        logStdHead = Linear(hidden.last ?? observationSize, actionSize, using: &rng)
    }

    /// The squashed Gaussian for states `[B, O]`.
    public func distribution(_ observations: Tensor) -> SquashedGaussian {
        let h = trunk(observations)
        return SquashedGaussian(mean: meanHead(h), logStd: clamp(logStdHead(h), min: -20, max: 2))
    }
}

/// A learnable scalar stored as its logarithm (SAC's entropy temperature α = exp(log α)).
public final class LogScalar: Module {
    /// log of the value, `[1]`.
    public let logValue: Tensor

    /// Starts at `initial` (> 0).
    public init(initial: Double) { logValue = Tensor([Float(Foundation.log(initial))], shape: [1]) }

    /// exp(log value).
    public var value: Double { Foundation.exp(Double(logValue.item())) }
}
