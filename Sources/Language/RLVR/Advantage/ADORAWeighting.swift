/// ADORA's advantage reweighting (Dynamic Advantage Estimation, arXiv:2602.10019; code `ShadeCloak/ADORA`): each
/// group (prompt) is a temporarily advantageous sample (TAS) or temporarily disadvantageous (TDS) by one criterion,
/// and its advantages are multiplied by `advantageousWeight` (TAS) or λ (TDS).
///
/// - `length` (the released code, `compute_grpo_outcome_advantage_ADORA`, and the VLM setting): TAS when the longest
///   correct completion is longer than the mean length of the incorrect, non-truncated ones; a group without a
///   correct completion is TDS, one without a (non-truncated) incorrect completion is TAS. The code attenuates TDS
///   with λ 0.1.
/// - `difficulty` (the paper's LLM setting, as quoted in its reviews): TAS when the group's success rate is at most
///   0.5; TAS groups are amplified (×2), TDS kept (×1).
public struct ADORAWeighting: Codable, Equatable, Sendable {
    /// How a group is classed.
    public enum Criterion: String, Codable, Equatable, Sendable, CaseIterable {
        /// Length advantage (code).
        case length
        /// Difficulty advantage: success rate ≤ 0.5.
        case difficulty
    }

    /// λ: the advantage multiplier of TDS groups (ADORA `lamda`), default 1 (off); the code uses 0.1 to attenuate.
    public var lambda: Double
    /// The advantage multiplier of TAS groups, default 1; the paper's LLM setting amplifies with 2.
    public var advantageousWeight: Double
    /// The TAS/TDS criterion, default `length` (the released code).
    public var criterion: Criterion

    /// Creates a setting; the defaults leave advantages unchanged.
    public init(lambda: Double = 1, advantageousWeight: Double = 1, criterion: Criterion = .length) {
        self.lambda = lambda
        self.advantageousWeight = advantageousWeight
        self.criterion = criterion
    }

    /// Whether the reweighting changes anything.
    public var isEnabled: Bool { lambda != 1 || advantageousWeight != 1 }

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
            let tas: Bool
            switch criterion {
            case .length:
                tas = Self.isAdvantageous(
                    lengths: rows.map { lengths[$0] }, correct: rows.map { correct[$0] },
                    truncated: rows.map { truncated[$0] })
            case .difficulty:
                tas = Double(rows.filter { correct[$0] }.count) <= 0.5 * Double(rows.count)
            }
            if !tas { disadvantaged += 1 }
            for row in rows { weights[row] = tas ? advantageousWeight : lambda }
        }
        return (weights, Double(disadvantaged) / Double(max(rowsOf.count, 1)))
    }

    /// Checks λ.
    /// - Throws: ``RLVRInputError`` naming the field.
    public func validate() throws(RLVRInputError) {
        guard lambda >= 0 && lambda.isFinite else {
            throw RLVRInputError("RLVRConfig.adora: lambda must be ≥ 0 (0.1 attenuates TDS groups, 1 is off); got \(lambda)")
        }
        guard advantageousWeight >= 0 && advantageousWeight.isFinite else {
            throw RLVRInputError(
                "RLVRConfig.adora: advantageousWeight must be ≥ 0 (2 amplifies TAS groups, 1 is off); got \(advantageousWeight)")
        }
    }
}
