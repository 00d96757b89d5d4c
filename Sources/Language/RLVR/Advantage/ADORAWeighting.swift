/// ADORA's advantage reweighting (Dynamic Advantage Estimation, arXiv:2602.10019; code `ShadeCloak/ADORA`,
/// `compute_grpo_outcome_advantage_ADORA`): each group is a temporarily advantageous sample (TAS) when its longest
/// correct completion is longer than the mean length of its incorrect, non-truncated completions (the "length
/// advantage"), otherwise temporarily disadvantageous (TDS); TDS groups' advantages are multiplied by λ.
/// A group without a correct completion is TDS; one without a (non-truncated) incorrect completion is TAS.
public struct ADORAWeighting: Codable, Equatable, Sendable {
    /// λ: the advantage multiplier of TDS groups (ADORA `lamda`), default 1 (off); the paper uses 0.1 to attenuate.
    public var lambda: Double

    /// Creates a setting; `lambda` 1 leaves advantages unchanged.
    public init(lambda: Double = 1) { self.lambda = lambda }

    /// Whether the reweighting changes anything.
    public var isEnabled: Bool { lambda != 1 }

    /// Whether a group is TAS: `max(len | correct) > mean(len | incorrect, not truncated)`.
    public static func isAdvantageous(lengths: [Int], correct: [Bool], truncated: [Bool]) -> Bool {
        let positive = zip(lengths, correct).filter { $0.1 }.map { Double($0.0) }
        let negative = lengths.indices.filter { !correct[$0] && !truncated[$0] }.map { Double(lengths[$0]) }
        guard let longest = positive.max() else { return false }
        guard !negative.isEmpty else { return true }
        return longest > negative.reduce(0, +) / Double(negative.count)
    }

    /// The multiplier of each row's advantage (1 for TAS groups, λ for TDS groups) and the TDS share of groups.
    public func rowWeights(
        lengths: [Int], correct: [Bool], truncated: [Bool], groupIDs: [Int]
    ) -> (weights: [Double], disadvantagedFraction: Double) {
        var rowsOf: [Int: [Int]] = [:]
        for (row, group) in groupIDs.enumerated() { rowsOf[group, default: []].append(row) }
        var weights = [Double](repeating: 1, count: groupIDs.count)
        var disadvantaged = 0
        for rows in rowsOf.values {
            let tas = Self.isAdvantageous(
                lengths: rows.map { lengths[$0] }, correct: rows.map { correct[$0] }, truncated: rows.map { truncated[$0] })
            if !tas {
                disadvantaged += 1
                for row in rows { weights[row] = lambda }
            }
        }
        return (weights, Double(disadvantaged) / Double(max(rowsOf.count, 1)))
    }

    /// Checks λ.
    /// - Throws: ``RLVRInputError`` naming the field.
    public func validate() throws(RLVRInputError) {
        guard lambda >= 0 && lambda.isFinite else {
            throw RLVRInputError("RLVRConfig.adora: lambda must be ≥ 0 (0.1 attenuates TDS groups, 1 is off); got \(lambda)")
        }
    }
}
