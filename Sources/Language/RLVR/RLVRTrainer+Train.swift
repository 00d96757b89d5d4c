import Tensor

extension RLVRTrainer {
    /// One training step on prompts of a finite dataset: `promptsPerStep` drawn at random (without replacement) for
    /// uniform and SELF selection, or chosen from the whole pool by their Beta beliefs for MoPPS / InSight /
    /// difficulty selection. `rng` also drives sampling and minibatch shuffling.
    /// - Returns: metrics named by ``RLVRMetricNames``.
    /// - Throws: ``RLVRInputError`` for an empty pool; tokenizer, generation or shape errors.
    public func step<G: RandomNumberGenerator>(pool: [TaskProblem], using rng: inout G) throws -> [String: Double] {
        guard !pool.isEmpty else { throw RLVRInputError("RLVRTrainer.step(pool:): the prompt pool is empty") }
        var problemRNG = SplitMix64(seed: rng.next())
        let count = min(config.promptsPerStep, pool.count)
        let wholePool = config.selection.usesBeliefs
        return try step(
            nextPrompts: {
                if wholePool { return pool }
                var indices = Array(pool.indices)
                for i in 0..<count { indices.swapAt(i, i + problemRNG.int(below: indices.count - i)) }
                return indices.prefix(count).map { pool[$0] }
            }, using: &rng)
    }

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
