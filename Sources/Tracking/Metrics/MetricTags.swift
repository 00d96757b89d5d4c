/// The fixed metric vocabulary (CleanRL's tag names), so every algorithm logs the same keys and TensorBoard,
/// CSV and plots line up across algorithms. Use these constants instead of string literals.
public enum MetricTag {
    /// Undiscounted return of a finished training episode.
    public static let episodicReturn = "charts/episodic_return"
    /// Length in steps of a finished training episode.
    public static let episodicLength = "charts/episodic_length"
    /// Environment steps per second since the start of training.
    public static let stepsPerSecond = "charts/SPS"
    /// Current optimiser learning rate (after any schedule).
    public static let learningRate = "charts/learning_rate"

    /// Critic / value-function loss (PPO, A2C).
    public static let valueLoss = "losses/value_loss"
    /// Clipped surrogate policy loss (PPO).
    public static let policyLoss = "losses/policy_loss"
    /// Mean policy entropy.
    public static let entropy = "losses/entropy"
    /// KL estimate `((ratio − 1) − log ratio).mean()` (http://joschu.net/blog/kl-approx.html).
    public static let approxKL = "losses/approx_kl"
    /// KL estimate `(−log ratio).mean()` (the older, biased estimator).
    public static let oldApproxKL = "losses/old_approx_kl"
    /// Fraction of samples whose ratio was clipped.
    public static let clipFraction = "losses/clipfrac"
    /// Explained variance of the value predictions w.r.t. the returns.
    public static let explainedVariance = "losses/explained_variance"

    /// Mean Q1 value on the sampled batch (SAC, TD3).
    public static let qf1Values = "losses/qf1_values"
    /// Q1 regression loss (SAC, TD3).
    public static let qf1Loss = "losses/qf1_loss"
    /// Sum of both Q regression losses (SAC, TD3).
    public static let qfLoss = "losses/qf_loss"
    /// Actor loss (SAC, TD3).
    public static let actorLoss = "losses/actor_loss"
    /// Entropy temperature α (SAC).
    public static let alpha = "losses/alpha"
    /// Temperature loss when α is tuned automatically (SAC).
    public static let alphaLoss = "losses/alpha_loss"

    /// Text tag holding the run's hyper-parameters as a markdown table (CleanRL's `hyperparameters`).
    public static let hyperparameters = "hyperparameters"

    /// Every scalar tag above, in a stable order (charts first, then losses).
    public static let allScalars: [String] = [
        episodicReturn, episodicLength, stepsPerSecond, learningRate,
        valueLoss, policyLoss, entropy, approxKL, oldApproxKL, clipFraction, explainedVariance,
        qf1Values, qf1Loss, qfLoss, actorLoss, alpha, alphaLoss,
    ]

    /// The scalar tags PPO logs each iteration, in CSV column order.
    public static let ppo: [String] = [
        episodicReturn, episodicLength, stepsPerSecond, learningRate,
        valueLoss, policyLoss, entropy, oldApproxKL, approxKL, clipFraction, explainedVariance,
    ]

    /// The scalar tags SAC logs, in CSV column order.
    public static let sac: [String] = [
        episodicReturn, episodicLength, stepsPerSecond,
        qf1Values, qf1Loss, qfLoss, actorLoss, alpha, alphaLoss,
    ]
}
