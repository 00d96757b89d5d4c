import RLCore
import Tensor

/// What an on-policy algorithm saves besides tensors: counters, RNG streams and the environment's normalisation.
public struct OnPolicyState: Codable, Equatable, Sendable {
    /// Environment steps so far.
    public var stepCount: Int
    /// Completed updates.
    public var iterations: Int
    /// The training stream (action sampling, minibatch shuffling).
    public var rng: Xoshiro256StarStar
    /// The stream of stochastic `predict` calls (kept apart so evaluation never perturbs training).
    public var predictionRNG: Xoshiro256StarStar
    /// Normalisation statistics and the length of the action log.
    public var environment: TrainingEnvironmentState
}
