import Foundation

/// C-GRPO's reward (digest §2): the outcome mixed with the rubric reward inside a group of rollouts.
///
/// The paper's figure: R_i = 0 if the answer is wrong, else (1 − α) + α·R_rubric,i / max_j R_rubric,j
/// (``normalizeByGroupMax`` true). The released code (`sglang_rollout.py`, `--normalize-rubric-reward
/// --rubric-only-positive`) computes the group maximum but then uses the un-normalised rubric reward:
/// R_i = (1 − α)·o_i + α·R_rubric,i for correct answers (``normalizeByGroupMax`` false). With
/// ``onlyPositive`` false every rollout gets (1 − α)·o_i + α·R̂_rubric,i. A zero group maximum leaves R_rubric
/// as is (the code's rule).
public struct CGRPOReward: Codable, Sendable, Equatable {
    /// α: weight of the rubric reward (`--rubric-reward-ratio`), default 0.3.
    public var alpha: Double
    /// Divide the rubric reward by the group maximum (the paper's figure), default true; false is the code's variant.
    public var normalizeByGroupMax: Bool
    /// Add the rubric reward to correct answers only (`--rubric-only-positive`), default true.
    public var onlyPositive: Bool

    /// The reward with the paper's defaults.
    public init(alpha: Double = 0.3, normalizeByGroupMax: Bool = true, onlyPositive: Bool = true) {
        self.alpha = alpha
        self.normalizeByGroupMax = normalizeByGroupMax
        self.onlyPositive = onlyPositive
    }

    /// Checks α ∈ [0, 1].
    /// - Throws: ``AgentInputError`` naming `alpha`.
    public func validate() throws(AgentInputError) {
        guard alpha.isFinite, (0...1).contains(alpha) else {
            throw AgentInputError("CGRPOReward.alpha must be in [0, 1], got \(alpha)")
        }
    }

    /// The combined reward of each rollout of one group (`outcomes` ∈ [0, 1], `rubrics` ∈ [0, 1]).
    public func combine(outcomes: [Double], rubrics: [Double]) -> [Double] {
        let maximum = rubrics.max() ?? 0
        return zip(outcomes, rubrics).map { outcome, rubric in
            let normalized = normalizeByGroupMax && maximum > 0 ? rubric / maximum : rubric
            if onlyPositive { return outcome > 0 ? (1 - alpha) * outcome + alpha * normalized : outcome }
            return (1 - alpha) * outcome + alpha * normalized
        }
    }
}
