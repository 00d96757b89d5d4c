/// Sampled completions of one training step, padded to `[count × width]` (row i = completion i).
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
    /// The padded completion width T.
    public var width: Int { max(completions.map(\.count).max() ?? 1, 1) }
    /// Number of completions B.
    public var count: Int { completions.count }

    /// The valid-token mask `[B × T]`; rows of truncated completions are zero when `maskTruncated`.
    public func mask(maskTruncated: Bool) -> [Double] {
        let t = width
        var out = [Double](repeating: 0, count: count * t)
        for (i, c) in completions.enumerated() where !(maskTruncated && truncated[i]) {
            for j in 0..<c.count { out[i * t + j] = 1 }
        }
        return out
    }

    /// The rows in `indices`, in that order.
    public func subset(_ indices: [Int]) -> RolloutBatch {
        RolloutBatch(
            prompts: indices.map { prompts[$0] }, completions: indices.map { completions[$0] },
            groupIDs: indices.map { groupIDs[$0] }, rewards: indices.map { rewards[$0] },
            correct: indices.map { correct[$0] }, truncated: indices.map { truncated[$0] })
    }
}
