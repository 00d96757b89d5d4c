import RLCore

/// How ``OfflineTrainer`` samples, logs and evaluates (the algorithm-independent part of an offline run).
public struct OfflineTrainerSettings: Codable, Equatable, Sendable {
    /// Transitions per gradient step (TD3+BC, IQL, CQL, PRDC, A2PR: 256).
    public var batchSize: Int
    /// Normalise states with the dataset's mean and std (TD3+BC §5, PRDC, A2PR: on; d3rlpy: per algorithm).
    public var normalizeStates: Bool
    /// ε added to σ in the state normalisation (TD3+BC/PRDC code: 10⁻³).
    public var stateEpsilon: Float
    /// Gradient steps between metric reports (averages over the window).
    public var logEvery: Int
    /// Gradient steps between evaluations (0: only at the end), episodes per evaluation, seed offset.
    public var evaluation: EvaluationSettings
    /// Returns that normalise the evaluation score (`100 · (R − R_random)/(R_expert − R_random)`), if known.
    public var referenceReturns: ReferenceReturns?
    /// k: condition on windows of the last k steps of the observation history (Hong, Dragan & Levine 2024) instead
    /// of the observation. The dataset becomes ``HistoryWindowLayout`` windows and evaluation runs on
    /// `history<k>/<env>`; states are not normalised (the mask entries stay 0/1). nil (default): observations.
    /// Discrete actions only.
    public var historyLength: Int? = nil

    /// Settings; defaults: batch 256, state normalisation on, log every 1000 steps, evaluate every 5000 steps
    /// over 10 deterministic episodes (A2PR's schedule; PRDC evaluates every 1000 steps over 50 episodes).
    public init(
        batchSize: Int = 256, normalizeStates: Bool = true, stateEpsilon: Float = 1e-3, logEvery: Int = 1000,
        evaluation: EvaluationSettings = EvaluationSettings(every: 5000, episodes: 10),
        referenceReturns: ReferenceReturns? = nil
    ) {
        self.batchSize = batchSize
        self.normalizeStates = normalizeStates
        self.stateEpsilon = stateEpsilon
        self.logEvery = logEvery
        self.evaluation = evaluation
        self.referenceReturns = referenceReturns
    }
}

/// One periodic evaluation of an offline policy.
public struct OfflineEvaluationRecord: Codable, Equatable, Sendable {
    /// Gradient steps when evaluated.
    public var step: Int
    /// The episodes' returns and lengths.
    public var result: EvaluationResult
    /// `100 · (mean − R_random)/(R_expert − R_random)`, when reference returns were given.
    public var normalizedScore: Double?

    /// A record.
    public init(step: Int, result: EvaluationResult, normalizedScore: Double?) {
        self.step = step
        self.result = result
        self.normalizedScore = normalizedScore
    }
}

/// Metric tags the offline trainer adds to the algorithms' own.
public enum OfflineMetricTag {
    /// Mean evaluation return (raw).
    public static let evaluationReturn = "eval/mean_return"
    /// Standard deviation of evaluation returns.
    public static let evaluationStd = "eval/std_return"
    /// D4RL-normalised evaluation score.
    public static let normalizedScore = "eval/normalized_score"
    /// Gradient steps per second.
    public static let stepsPerSecond = "charts/SPS"
    /// The behaviour-cloning term of the actor loss (mean squared distance to the target action).
    public static let bcLoss = "losses/bc_loss"
    /// λ = α / mean|Q| of TD3+BC-style actors.
    public static let lambda = "losses/lambda"
    /// State-value loss (IQL, A2PR).
    public static let valueLoss = "losses/value_loss"
    /// VAE loss (A2PR).
    public static let vaeLoss = "losses/vae_loss"
    /// PRDC: mean distance from (β·s, π(s)) to its nearest dataset key.
    public static let neighborDistance = "losses/nn_distance"
    /// A2PR: fraction of actor targets taken from the VAE (rather than the dataset action).
    public static let vaeTargetFraction = "losses/vae_target_fraction"
    /// A2PR: fraction of samples without behaviour constraint (neither candidate has positive advantage).
    public static let unconstrainedFraction = "losses/unconstrained_fraction"
    /// CQL: TD loss plus conservative penalty.
    public static let criticTotalLoss = "losses/critic_total_loss"
    /// CQL's conservative penalty.
    public static let conservativeLoss = "losses/cql_loss"
}
