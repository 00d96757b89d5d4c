import Tensor

/// What on-policy algorithms need from a policy: sample actions with their log-probabilities and values during
/// rollouts (no tape), and re-evaluate stored actions differentiably during updates.
public protocol ActorCriticPolicy: Module {
    /// Actions, log π(a|s) and V(s) for a batch of observations `[B, obs]`, without recording gradients.
    /// - Returns: `B × actionSize` action floats (discrete actions as whole numbers), `B` log-probs, `B` values.
    func act<G: RandomNumberGenerator>(_ observations: Tensor, deterministic: Bool, using rng: inout G)
        -> (actions: [Float], logProbs: [Float], values: [Double])
    /// V(s) `[B]`, without recording gradients.
    func values(_ observations: Tensor) -> [Double]
    /// log π(a|s) `[B]`, entropy `[B]` and V(s) `[B]` for stored actions, differentiable.
    func evaluate(_ observations: Tensor, actions: [Float]) -> (logProbs: Tensor, entropy: Tensor, values: Tensor)
}

/// Network shape shared by the actor-critic policies.
public struct PolicyNetworkConfig: Codable, Equatable, Sendable {
    /// Hidden layer widths of the actor and of the critic (separate networks, as CleanRL and SB3's MlpPolicy).
    public var hiddenSizes: [Int]
    /// Hidden activation.
    public var activation: Activation
    /// Initial log σ of Gaussian policies (SB3 `log_std_init`, CleanRL 0).
    public var logStdInit: Double

    /// Defaults: two tanh layers of 64, log σ = 0 (SB3 / CleanRL).
    public init(hiddenSizes: [Int] = [64, 64], activation: Activation = .tanh, logStdInit: Double = 0) {
        self.hiddenSizes = hiddenSizes
        self.activation = activation
        self.logStdInit = logStdInit
    }
}
