import Tensor

/// Continuous-action actor-critic with a state-independent log σ (CleanRL `ppo_continuous_action.py`, SB3
/// `DiagGaussianDistribution`): separate MLP actor (mean) and critic, orthogonal init (√2 hidden, 0.01 mean head,
/// 1 value head). Parameter paths: `actor.…`, `critic.…`, `logStd` (`[1, A]`).
public final class GaussianActorCritic: Module, ActorCriticPolicy {
    /// Observations → μ.
    public let actor: MLP
    /// Observations → V(s).
    public let critic: MLP
    /// log σ, `[1, A]`.
    public let logStd: Tensor

    /// - Parameters:
    ///   - observationSize: floats per observation.
    ///   - actionSize: action dimensions.
    ///   - network: hidden sizes, activation and initial log σ.
    ///   - rng: initialisation stream.
    public init<G: RandomNumberGenerator>(
        observationSize: Int, actionSize: Int, network: PolicyNetworkConfig = PolicyNetworkConfig(), using rng: inout G
    ) {
        let hidden = Initializer.orthogonal(gain: 2.0.squareRoot())
        actor = MLP(
            [observationSize] + network.hiddenSizes + [actionSize], activation: network.activation,
            hiddenInitializer: hidden, outputInitializer: .orthogonal(gain: 0.01), using: &rng)
        critic = MLP(
            [observationSize] + network.hiddenSizes + [1], activation: network.activation,
            hiddenInitializer: hidden, outputInitializer: .orthogonal(gain: 1), using: &rng)
        logStd = Tensor(repeating: network.logStdInit, shape: [1, actionSize])
        super.init()
    }

    public func act<G: RandomNumberGenerator>(_ observations: Tensor, deterministic: Bool, using rng: inout G)
        -> (actions: [Float], logProbs: [Float], values: [Double])
    {
        withNoGrad {
            let distribution = DiagGaussian(mean: actor(observations), logStd: logStd)
            let chosen = deterministic ? distribution.mode : distribution.sample(using: &rng)
            let logProbs = distribution.logProb(chosen).floats
            let values = critic(observations).floats.map(Double.init)
            return (chosen.floats, logProbs, values)
        }
    }

    public func values(_ observations: Tensor) -> [Double] {
        withNoGrad { critic(observations).floats.map(Double.init) }
    }

    public func evaluate(_ observations: Tensor, actions: [Float]) -> (logProbs: Tensor, entropy: Tensor, values: Tensor) {
        let mean = actor(observations)
        let distribution = DiagGaussian(mean: mean, logStd: logStd)
        let taken = Tensor(actions, shape: mean.shape)
        let values = critic(observations)
        return (distribution.logProb(taken), distribution.entropy(), values.reshaped([values.count]))
    }
}
