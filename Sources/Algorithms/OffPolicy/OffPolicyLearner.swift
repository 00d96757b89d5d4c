import Environments
import RLCore
import Tensor

/// What the shared off-policy loop (``OffPolicyRunner``) needs from DQN, SAC or TD3: exploration actions, one
/// gradient step on a replay batch, and deterministic/stochastic prediction. Actions are in the learner's own
/// units: an index (as a float) for discrete spaces, [−1, 1] per dimension for boxes (the runner maps them
/// to the box, like SB3's `scale_action`/`unscale_action`).
protocol OffPolicyLearner: AnyObject {
    /// Behaviour actions for `count` observations at global step `step` (ε-greedy, sampled, or with noise).
    func explorationActions(observations: [Float], count: Int, step: Int, using rng: inout Xoshiro256StarStar) -> [Float]
    /// Greedy / mode actions (`deterministic`) or sampled ones.
    func policyActions(observations: [Float], count: Int, deterministic: Bool, using rng: inout Xoshiro256StarStar)
        -> [Float]
    /// One gradient step on `batch` (gradient step number `update`, counted from 0); returns logged scalars and,
    /// for prioritized replay, |δ| per row.
    func train(batch: ReplayBatch, update: Int, step: Int, using rng: inout Xoshiro256StarStar) throws -> OffPolicyUpdate
    /// Called after every vector step with the global step (DQN's hard target updates and ε count env steps).
    func environmentStepped(vectorSteps: Int, step: Int, totalSteps: Int) throws
    /// Called after every vector step with which sub-environments ended an episode (terminated or truncated),
    /// e.g. to reset temporally correlated exploration noise.
    func episodesEnded(_ done: [Bool])
}

extension OffPolicyLearner {
    func environmentStepped(vectorSteps: Int, step: Int, totalSteps: Int) throws {}
    func episodesEnded(_ done: [Bool]) {}
}

/// The result of one off-policy gradient step.
struct OffPolicyUpdate {
    /// Scalars for the log (CleanRL tags).
    var metrics: [Metric]
    /// TD errors per batch row, for prioritized replay (nil when the learner does not compute them).
    var tdErrors: [Float]?
}
