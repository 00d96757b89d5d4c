/// The one input every ``AdvantageEstimator`` reads: a right-padded batch of `count` responses of `width` tokens.
///
/// All per-token arrays are row-major `[count × width]`. Outcome rewards sit on the last valid token of each row
/// (``init(scores:groupIDs:mask:width:)`` places them); KL-in-reward penalties may be spread over all tokens.
public struct AdvantageBatch: Sendable {
    /// Token-level rewards `[count × width]`.
    public var tokenRewards: [Double]
    /// The prompt (group) each response belongs to; responses with equal ids form a group.
    public var groupIDs: [Int]
    /// 1 for response tokens that count, 0 for padding or masked-out tokens `[count × width]`.
    public var mask: [Double]
    /// Tokens per row (T).
    public var width: Int
    /// Critic values `[count × width]`, needed only by GAE.
    public var values: [Double]?

    /// The number of responses (B).
    public var count: Int { groupIDs.count }

    /// Creates a batch from token-level rewards.
    /// - Throws: ``RLVRInputError`` if array sizes disagree.
    public init(tokenRewards: [Double], groupIDs: [Int], mask: [Double], width: Int, values: [Double]? = nil)
        throws(RLVRInputError)
    {
        let n = groupIDs.count * width
        guard width > 0, tokenRewards.count == n, mask.count == n, values.map({ $0.count == n }) ?? true else {
            throw RLVRInputError(
                "AdvantageBatch: expected \(groupIDs.count) rows × \(width) tokens = \(n) entries for tokenRewards, "
                    + "mask and values; got \(tokenRewards.count), \(mask.count), \(values?.count ?? n)")
        }
        self.tokenRewards = tokenRewards
        self.groupIDs = groupIDs
        self.mask = mask
        self.width = width
        self.values = values
    }

    /// Creates a batch from one outcome score per response, placed on the last valid token of its row.
    /// - Throws: ``RLVRInputError`` if array sizes disagree.
    public init(scores: [Double], groupIDs: [Int], mask: [Double], width: Int, values: [Double]? = nil)
        throws(RLVRInputError)
    {
        guard scores.count == groupIDs.count else {
            throw RLVRInputError("AdvantageBatch: \(scores.count) scores for \(groupIDs.count) group ids")
        }
        var rewards = [Double](repeating: 0, count: mask.count)
        if mask.count == scores.count * width {
            for i in scores.indices {
                let last = (0..<width).last { mask[i * width + $0] > 0 } ?? (width - 1)
                rewards[i * width + last] = scores[i]
            }
        }
        try self.init(tokenRewards: rewards, groupIDs: groupIDs, mask: mask, width: width, values: values)
    }

    /// The sum of each row's token rewards (the outcome score plus any in-reward penalty).
    public var sequenceScores: [Double] {
        (0..<count).map { i in (0..<width).reduce(0) { $0 + tokenRewards[i * width + $1] } }
    }

    /// Row indices of each group, in first-appearance order of the group ids.
    public var groups: [[Int]] {
        var order: [Int] = []
        var members: [Int: [Int]] = [:]
        for (i, id) in groupIDs.enumerated() {
            if members[id] == nil { order.append(id) }
            members[id, default: []].append(i)
        }
        return order.map { members[$0] ?? [] }
    }
}

/// Inconsistent inputs to an RLVR computation; the message says which sizes or values disagree.
public struct RLVRInputError: Error, Equatable, CustomStringConvertible {
    /// What was wrong and how to fix it.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
