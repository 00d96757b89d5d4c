import Environments

/// The outcome of one ``TrainingEnvironment`` step, per sub-environment.
public struct EnvironmentStep: Sendable {
    /// Rewards for learning (scaled when reward normalisation is on).
    public var rewards: [Double]
    /// `terminated` flags.
    public var terminated: [Bool]
    /// `truncated` flags.
    public var truncated: [Bool]
    /// False where the step was a next-step-autoreset step (the action was ignored; nothing to learn).
    public var valid: [Bool]
    /// Training episodes that ended in this step, with raw (unnormalised) returns.
    public var finishedEpisodes: [FinishedEpisode]
}
