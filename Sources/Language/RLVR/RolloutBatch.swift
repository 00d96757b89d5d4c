/// Sampled completions of one training step, padded to `[count × width]` (row i = completion i).
///
/// Besides the on-policy samples a batch may hold synthesized rows (``TrajectorySynthesizer``): those record the
/// log-probabilities of the policy that actually produced their tokens (``behaviourLogProbs``), are flagged
/// ``offPolicy``, and may remove tokens from the loss with a per-row ``lossMasks`` entry.
public struct RolloutBatch: Sendable {
    /// Prompt token ids per completion.
    public var prompts: [[Int]]
    /// Completion token ids per completion (including a final stop token).
    public var completions: [[Int]]
    /// Group (prompt) index per completion.
    public var groupIDs: [Int]
    /// Total reward per completion.
    public var rewards: [Double]
    /// Whether the first reward function judged the completion correct.
    public var correct: [Bool]
    /// Whether the completion hit the length limit.
    public var truncated: [Bool]
    /// Per row, a 0/1 weight per completion token multiplying the valid-token mask (`nil`: every token counts).
    /// R³L's pivotal credit zeroes the shared prefix; a steered model zeroes the frozen model's tokens.
    public var lossMasks: [[Double]?]
    /// Per row, log π_behaviour of each completion token at the sampling temperature, when known (generation
    /// records them; a synthesized retry records those under its guidance prompt).
    public var behaviourLogProbs: [[Double]?]
    /// Whether the row was produced by another policy than the one scored on its prompt (a retry under a hint):
    /// its old log-probs are ``behaviourLogProbs``, not a recomputation.
    public var offPolicy: [Bool]
    /// The role that produced each row (multi-role training; `""` for the default role).
    public var roles: [String]
    /// The padded completion width T.
    public var width: Int { max(completions.map(\.count).max() ?? 1, 1) }
    /// Number of completions B.
    public var count: Int { completions.count }

    /// Creates a batch; the per-row extras default to "on-policy, every token counts, default role".
    public init(
        prompts: [[Int]], completions: [[Int]], groupIDs: [Int], rewards: [Double], correct: [Bool],
        truncated: [Bool], lossMasks: [[Double]?]? = nil, behaviourLogProbs: [[Double]?]? = nil,
        offPolicy: [Bool]? = nil, roles: [String]? = nil
    ) {
        self.prompts = prompts
        self.completions = completions
        self.groupIDs = groupIDs
        self.rewards = rewards
        self.correct = correct
        self.truncated = truncated
        self.lossMasks = lossMasks ?? Array(repeating: nil, count: completions.count)
        self.behaviourLogProbs = behaviourLogProbs ?? Array(repeating: nil, count: completions.count)
        self.offPolicy = offPolicy ?? Array(repeating: false, count: completions.count)
        self.roles = roles ?? Array(repeating: "", count: completions.count)
    }

    /// The loss mask `[B × T]`: valid tokens times each row's ``lossMasks`` entry; rows of truncated completions
    /// are zero when `maskTruncated`.
    public func mask(maskTruncated: Bool) -> [Double] {
        let t = width
        var out = [Double](repeating: 0, count: count * t)
        for (i, c) in completions.enumerated() where !(maskTruncated && truncated[i]) {
            let weights = lossMasks[i]
            for j in 0..<c.count { out[i * t + j] = weights.map { j < $0.count ? $0[j] : 1 } ?? 1 }
        }
        return out
    }

    /// The rows in `indices`, in that order.
    public func subset(_ indices: [Int]) -> RolloutBatch {
        RolloutBatch(
            prompts: indices.map { prompts[$0] }, completions: indices.map { completions[$0] },
            groupIDs: indices.map { groupIDs[$0] }, rewards: indices.map { rewards[$0] },
            correct: indices.map { correct[$0] }, truncated: indices.map { truncated[$0] },
            lossMasks: indices.map { lossMasks[$0] }, behaviourLogProbs: indices.map { behaviourLogProbs[$0] },
            offPolicy: indices.map { offPolicy[$0] }, roles: indices.map { roles[$0] })
    }

    /// The rows of `self` followed by those of `other`.
    public func appending(_ other: RolloutBatch) -> RolloutBatch {
        RolloutBatch(
            prompts: prompts + other.prompts, completions: completions + other.completions,
            groupIDs: groupIDs + other.groupIDs, rewards: rewards + other.rewards, correct: correct + other.correct,
            truncated: truncated + other.truncated, lossMasks: lossMasks + other.lossMasks,
            behaviourLogProbs: behaviourLogProbs + other.behaviourLogProbs, offPolicy: offPolicy + other.offPolicy,
            roles: roles + other.roles)
    }
}
