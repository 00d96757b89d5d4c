/// Which standard deviation divides the group-centred reward (``AdvantageEstimator/groupRelative(std:eps:)``).
public enum StdScope: String, Codable, Equatable, Sendable, CaseIterable {
    /// The group's own reward std (GRPO).
    case group
    /// The std of the raw rewards over the whole batch (Lite PPO as TRL `scale_rewards="batch"` and ROLL
    /// `reward_norm(norm_std_type="batch")`).
    case batch
    /// The std over the batch of the group-centred residuals `r − mean_group` (ROLL `group_reward_norm`,
    /// `div_std_global=True`).
    case batchOfResiduals
    /// No division (Dr. GRPO).
    case none
}

/// How advantages are formed: one input type (``AdvantageBatch``) for all cases, so a new method is one more arm.
/// Formulas follow verl `verl/trainer/ppo/core_algos.py`; standard deviations are unbiased (ddof 1) as `torch.std`.
public enum AdvantageEstimator: Codable, Equatable, Sendable {
    /// `(r − group mean) / (std over scope + eps)`, broadcast over the response's tokens. A group of one response
    /// gets mean 0 and (for `.group`) std 1, as verl.
    case groupRelative(std: StdScope, eps: Double)
    /// Leave-one-out baseline: `r_i − mean_{j≠i} r_j` (Ahmadian et al. 2024, arXiv:2402.14740; verl `rloo`).
    case rloo
    /// REINFORCE++-baseline: `r − group mean`, then whitened over all valid tokens of the batch
    /// (Hu 2025, arXiv:2501.03262; verl `reinforce_plus_plus_baseline`).
    case reinforcePlusPlusBaseline
    /// REINFORCE++: discounted token returns, whitened over all valid tokens of the batch
    /// (verl `reinforce_plus_plus`).
    case reinforcePlusPlus(gamma: Double)
    /// Pass@k advantage (Chen et al. 2025, arXiv:2503.19595; verl `grpo_passk`): only each group's best response
    /// gets `r_max − r_second`, divided by `std(group) + 1e-6` when `normalizeByStd`; the others get 0.
    /// Needs at least two responses per group.
    case passAtK(normalizeByStd: Bool)
    /// GAE with a critic (Schulman et al. 2016, arXiv:1506.02438); advantages whitened over valid tokens (verl `gae`).
    case gae(gamma: Double, lambda: Double)

    /// GRPO: group mean and std, eps 1e-6 as verl (Shao et al. 2024, arXiv:2402.03300).
    public static let grpo = Self.groupRelative(std: .group, eps: 1e-6)
    /// Dr. GRPO: group mean only (Liu et al. 2025, arXiv:2503.20783).
    public static let drGRPO = Self.groupRelative(std: .none, eps: 0)
    /// Lite PPO: group mean, batch std of raw rewards (Liu et al. 2025, arXiv:2508.08221; ROLL eps 1e-6).
    public static let litePPO = Self.groupRelative(std: .batch, eps: 1e-6)
    /// PPO for LLMs as verl's defaults: γ = 1, λ = 1.
    public static let ppo = Self.gae(gamma: 1, lambda: 1)

    /// Whether this estimator needs critic values.
    public var needsValues: Bool {
        if case .gae = self { return true }
        return false
    }

    /// Token-level advantages and returns `[count × width]`, zero at masked positions.
    /// - Throws: ``RLVRInputError`` if GAE is asked without values.
    public func advantages(for batch: AdvantageBatch) throws(RLVRInputError) -> (
        advantages: [Double], returns: [Double]
    ) {
        switch self {
        case let .groupRelative(std, eps):
            let a = AdvantageKernels.broadcast(AdvantageKernels.groupRelative(batch, std: std, eps: eps), batch)
            return (a, a)
        case .rloo:
            let a = AdvantageKernels.broadcast(AdvantageKernels.leaveOneOut(batch), batch)
            return (a, a)
        case .reinforcePlusPlusBaseline:
            let centred = AdvantageKernels.groupRelative(batch, std: .none, eps: 0)
            let a = AdvantageKernels.maskedWhiten(AdvantageKernels.broadcast(centred, batch), mask: batch.mask)
            return (a, a)
        case let .reinforcePlusPlus(gamma):
            let returns = AdvantageKernels.discountedReturns(batch, gamma: gamma)
            return (AdvantageKernels.maskedWhiten(returns, mask: batch.mask), returns)
        case let .passAtK(normalizeByStd):
            let best = try AdvantageKernels.bestOfGroup(batch, normalizeByStd: normalizeByStd)
            let a = AdvantageKernels.broadcast(best, batch)
            return (a, a)
        case let .gae(gamma, lambda):
            guard let values = batch.values else {
                throw RLVRInputError("GAE needs critic values: pass `values` to AdvantageBatch (a value head)")
            }
            let (raw, returns) = AdvantageKernels.generalizedAdvantage(
                batch, values: values, gamma: gamma, lambda: lambda)
            return (AdvantageKernels.maskedWhiten(raw, mask: batch.mask), returns)
        }
    }
}
