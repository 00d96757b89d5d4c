import RLCore
import Tensor

/// What an off-policy algorithm saves besides tensors (weights, optimizer moments, replay contents, action log).
public struct OffPolicyState: Codable, Equatable, Sendable {
    /// Environment steps so far.
    public var stepCount: Int
    /// Vector steps so far.
    public var vectorSteps: Int
    /// Gradient steps so far.
    public var updates: Int
    /// Exploration stream.
    public var rng: Xoshiro256StarStar
    /// Replay-sampling and target-noise stream.
    public var replayRNG: Xoshiro256StarStar
    /// Stream of stochastic `predict` calls.
    public var predictionRNG: Xoshiro256StarStar
    /// Replay counters.
    public var replay: ReplayBufferState
    /// Normalisation statistics and action-log length.
    public var environment: TrainingEnvironmentState
    /// Algorithm-specific scalars (e.g. SAC's log α is a tensor; DQN has none).
    public var extra: [String: Double] = [:]
    /// Pending n-step transitions (nil in checkpoints written before they were saved).
    public var recorder: TransitionRecorder.State? = nil
}
