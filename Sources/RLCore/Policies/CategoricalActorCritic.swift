import Tensor

/// Discrete-action actor-critic: separate MLP actor (logits) and critic (value), CleanRL's `layer_init`:
/// orthogonal weights with gain √2 on hidden layers, 0.01 on the policy head and 1 on the value head, zero biases.
/// Parameter paths: `actor.layers.<i>.weight`, `critic.layers.<i>.bias`, ….
public final class CategoricalActorCritic: Module, ActorCriticPolicy {
    /// Observations → logits.
    public let actor: MLP
    /// Observations → V(s).
    public let critic: MLP

    /// - Parameters:
    ///   - observationSize: floats per observation.
    ///   - actionCount: number of discrete actions.
    ///   - network: hidden sizes and activation.
    ///   - rng: initialisation stream.
    public init<G: RandomNumberGenerator>(
        observationSize: Int, actionCount: Int, network: PolicyNetworkConfig = PolicyNetworkConfig(), using rng: inout G
    ) {
        let hidden = Initializer.orthogonal(gain: 2.0.squareRoot())
        actor = MLP(
            [observationSize] + network.hiddenSizes + [actionCount], activation: network.activation,
            hiddenInitializer: hidden, outputInitializer: .orthogonal(gain: 0.01), using: &rng)
        critic = MLP(
            [observationSize] + network.hiddenSizes + [1], activation: network.activation,
            hiddenInitializer: hidden, outputInitializer: .orthogonal(gain: 1), using: &rng)
        super.init()
    }

    public func act<G: RandomNumberGenerator>(_ observations: Tensor, deterministic: Bool, using rng: inout G)
        -> (actions: [Float], logProbs: [Float], values: [Double])
    {
        withNoGrad {
            let distribution = Categorical(logits: actor(observations))
            let chosen = deterministic ? distribution.mode : distribution.sample(using: &rng)
            let logProbs = distribution.logProb(chosen).floats
            let values = critic(observations).floats.map(Double.init)
            return (chosen.map(Float.init), logProbs, values)
        }
    }

    public func values(_ observations: Tensor) -> [Double] {
        withNoGrad { critic(observations).floats.map(Double.init) }
    }

    public func evaluate(_ observations: Tensor, actions: [Float]) -> (logProbs: Tensor, entropy: Tensor, values: Tensor) {
        let distribution = Categorical(logits: actor(observations))
        let values = critic(observations)
        return (distribution.logProb(actions.map { Int($0) }), distribution.entropy(), values.reshaped([values.count]))
    }
}
