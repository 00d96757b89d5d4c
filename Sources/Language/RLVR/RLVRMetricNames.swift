/// Per-step metric tags, named as TRL's `GRPOTrainer` logs them (verl's equivalents in the comments).
public enum RLVRMetricNames {
    /// Mean total reward (verl `critic/score/mean`).
    public static let reward = "reward"
    /// Std of the total reward (verl `critic/score/std`… over the batch).
    public static let rewardStd = "reward_std"
    /// Fraction of groups with constant reward.
    public static let zeroStdFraction = "frac_reward_zero_std"
    /// Fraction of completions judged correct by the first reward function's verifier.
    public static let accuracy = "accuracy"
    /// Mean token entropy of the policy on the sampled completions (verl `actor/entropy`).
    public static let entropy = "entropy"
    /// Aggregated KL to the reference (verl `actor/kl_loss`).
    public static let kl = "kl"
    /// Policy-gradient loss (verl `actor/pg_loss`).
    public static let policyLoss = "loss"
    /// Fraction of tokens where the clipped branch is active (verl `actor/pg_clipfrac`).
    public static let clipRatio = "clip_ratio/region_mean"
    /// Fraction with w < 1 − ε_low and A < 0.
    public static let clipRatioLow = "clip_ratio/low_mean"
    /// Fraction with w > 1 + ε_high and A > 0.
    public static let clipRatioHigh = "clip_ratio/high_mean"
    /// Dual-clip fraction (verl `actor/pg_clipfrac_lower`).
    public static let dualClipRatio = "clip_ratio/dual_mean"
    /// Mean completion length (verl `response_length/mean`).
    public static let meanLength = "completions/mean_length"
    /// Fraction of completions cut at the maximum length (verl `response_length/clip_ratio`).
    public static let clippedRatio = "completions/clipped_ratio"
    /// Generated plus trained tokens per second of wall-clock time.
    public static let tokensPerSecond = "tokens_per_second"
    /// Global gradient norm before clipping (verl `actor/grad_norm`).
    public static let gradNorm = "grad_norm"
    /// Value loss (PPO only; verl `critic/vf_loss`).
    public static let valueLoss = "value_loss"
    /// Largest |advantage| in the batch (digest §2 diagnostic).
    public static let maxAdvantage = "rlvr/max_abs_advantage"
    /// Completions sampled for training this step (groups × G), the x-axis of accuracy-vs-rollouts plots.
    public static let rollouts = "selection/rollouts"
    /// SELF: fraction of candidate prompts the policy solved greedily (and that were dropped).
    public static let greedySolvedFraction = "selection/greedy_solved_fraction"
    /// SELF: greedy decodes run for the filter this step.
    public static let greedyDecodes = "selection/greedy_decodes"
    /// InSight / MoPPS: mean acquisition score of the chosen prompts.
    public static let selectionScore = "selection/mean_score"
    /// InSight / MoPPS: mean belief μ of the chosen prompts before the step.
    public static let selectionMeanBelief = "selection/mean_belief"
    /// ADORA: fraction of groups classed temporarily disadvantageous (TDS) and reweighted.
    public static let adoraDisadvantagedFraction = "adora/tds_fraction"
    /// SIREN: the selected-token top-p entropy H_sel of the current minibatch.
    public static let sirenEntropy = "siren/entropy"
    /// SIREN: the anchor H₀ (H_sel of the first batch under the initial policy).
    public static let sirenAnchor = "siren/anchor"
}
