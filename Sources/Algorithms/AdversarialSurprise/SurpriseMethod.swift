/// The intrinsic-motivation methods compared on ``SurpriseRooms`` (Fickinger et al. 2021's baselines, reduced
/// to the single-policy surprise objectives).
public enum SurpriseMethod: String, Codable, Sendable, CaseIterable {
    /// Explore and Control alternate rounds on one body; Control gets log p_θ(o), Explore gets −(Control's return in
    /// the next round) (``AlternatingSchedule``).
    case adversarialSurprise = "adversarial-surprise"
    /// One policy rewarded with the surprise −log p_θ(o_{t+1}) at every step.
    case surpriseSeeking = "surprise-max"
    /// One policy rewarded with log p_θ(o_{t+1}) at every step (SMiRL, Berseth et al. 2021).
    case surpriseMinimizing = "smirl"
    /// Uniformly random actions.
    case random

    /// Label for tables and plots.
    public var label: String {
        switch self {
        case .adversarialSurprise: "Adversarial Surprise"
        case .surpriseSeeking: "surprise-max (1 policy)"
        case .surpriseMinimizing: "SMiRL (1 policy)"
        case .random: "random"
        }
    }
}

/// Settings of a ``SurpriseExplorationRun`` besides the environment and the method.
public struct SurpriseExplorationConfig: Codable, Sendable, Equatable {
    /// Rounds, round length, the reward-free fraction of Control's rounds and who starts.
    public var schedule: AlternatingSchedule
    /// The tabular Q-learner of each policy (α 0.1, γ 0.99, ε 1 → 0.05 over the first half of training).
    public var learner: TabularTDConfig
    /// The policies see (latent cell, time bucket): the episode is cut into this many equal time buckets, default 16.
    public var timeBuckets: Int
    /// The density model's floor on θ (the authors' 1e-3).
    public var densityFloor: Double
    /// ε of the behaviour policies during evaluation, default 0.05.
    public var evaluationEpsilon: Double

    /// Settings.
    /// - Throws: ``SurpriseError/invalidConfiguration(_:)`` naming the bad field.
    public init(
        schedule: AlternatingSchedule, learner: TabularTDConfig = TabularTDConfig(), timeBuckets: Int = 16,
        densityFloor: Double = 1e-3, evaluationEpsilon: Double = 0.05
    ) throws(SurpriseError) {
        guard timeBuckets >= 1, timeBuckets <= schedule.episodeLength else {
            throw .invalidConfiguration(
                "timeBuckets must be in 1…\(schedule.episodeLength) (the episode length), got \(timeBuckets)")
        }
        guard (0...1).contains(evaluationEpsilon) else {
            throw .invalidConfiguration("evaluationEpsilon must be in [0, 1], got \(evaluationEpsilon)")
        }
        guard learner.method == .qLearning else {
            throw .invalidConfiguration("the learner must be Q-learning (transitions are replayed after the round)")
        }
        do { try learner.validate() } catch { throw .invalidConfiguration("learner: \(error)") }
        self.schedule = schedule
        self.learner = learner
        self.timeBuckets = timeBuckets
        self.densityFloor = densityFloor
        self.evaluationEpsilon = evaluationEpsilon
    }
}
