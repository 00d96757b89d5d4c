/// R³L's positive amplification (arXiv:2601.03715; `OPMDReweightAdvGroupAdvantage`): after the baseline
/// advantage, a successful response (reward ≥ ``successThreshold``) gets the fixed advantage 1, a partial
/// success with A ≥ 0 gets α·A, and a failure keeps its negative advantage.
public struct PositiveAmplification: Codable, Equatable, Sendable {
    /// Whether the rule applies (off by default).
    public var isEnabled: Bool
    /// α: multiplier of non-negative advantages of unsuccessful responses (R³L §3.3), default 3.
    public var alpha: Double
    /// Reward at or above which a response counts as a success and gets A = 1 (R³L code: 1.0).
    public var successThreshold: Double

    /// Creates the rule (disabled unless `isEnabled`).
    public init(isEnabled: Bool = false, alpha: Double = 3, successThreshold: Double = 1) {
        self.isEnabled = isEnabled
        self.alpha = alpha
        self.successThreshold = successThreshold
    }

    /// The paper's setting: on, α 3, success at reward ≥ 1.
    public static let paper = PositiveAmplification(isEnabled: true)

    /// Checks α.
    /// - Throws: ``RLVRInputError`` when α is negative or not finite.
    public func validate() throws(RLVRInputError) {
        guard alpha.isFinite, alpha >= 0, successThreshold.isFinite else {
            throw RLVRInputError(
                "amplification.alpha must be a finite value ≥ 0 (R³L uses 3) and successThreshold finite; got \(alpha), \(successThreshold)")
        }
    }

    /// The rule applied to one response's sequence advantage.
    public func amplify(_ advantage: Double, reward: Double) -> Double {
        if reward >= successThreshold { return 1 }
        return advantage >= 0 ? alpha * advantage : advantage
    }

    /// Token advantages `[B × T]` with the rule applied row by row (the row's advantage is read at its first
    /// valid token; masked tokens stay 0).
    public func apply(advantages: [Double], rewards: [Double], mask: [Double], width: Int) -> [Double] {
        var out = advantages
        for row in rewards.indices {
            let range = (row * width)..<(row * width + width)
            let first = range.first { mask[$0] > 0 }
            let a = first.map { advantages[$0] } ?? 0
            let amplified = amplify(a, reward: rewards[row])
            for k in range { out[k] = mask[k] > 0 ? amplified : 0 }
        }
        return out
    }
}
