extension RLVRTrainer {
    /// The update half of ``step(nextPrompts:using:)`` on an already sampled batch: old (and reference)
    /// log-probabilities, advantages, then `epochs × miniBatches` optimizer steps. For custom samplers and
    /// benchmarks.
    /// - Returns: the update metrics (``RLVRMetricNames``).
    /// - Throws: ``RLVRInputError`` for inconsistent shapes.
    public func train<G: RandomNumberGenerator>(on batch: RolloutBatch, using rng: inout G) throws -> [String: Double] {
        try update(batch, using: &rng)
    }
}

extension RolloutBatch {
    /// A batch assembled outside ``RLVRTrainer/rollout(_:using:)`` (one entry per completion in every array).
    /// - Throws: ``RLVRInputError`` if the arrays have different lengths or a completion is empty.
    public static func validated(
        prompts: [[Int]], completions: [[Int]], groupIDs: [Int], rewards: [Double], correct: [Bool],
        truncated: [Bool]
    ) throws(RLVRInputError) -> RolloutBatch {
        let n = completions.count
        guard prompts.count == n, groupIDs.count == n, rewards.count == n, correct.count == n, truncated.count == n
        else {
            throw RLVRInputError(
                "RolloutBatch: prompts, completions, groupIDs, rewards, correct and truncated need one entry per completion")
        }
        guard completions.allSatisfy({ !$0.isEmpty }), prompts.allSatisfy({ !$0.isEmpty }) else {
            throw RLVRInputError("RolloutBatch: every prompt and completion needs at least one token")
        }
        return RolloutBatch(
            prompts: prompts, completions: completions, groupIDs: groupIDs, rewards: rewards, correct: correct,
            truncated: truncated)
    }
}
