/// DAPO's length treatments (Yu et al. 2025, arXiv:2503.14476; verl `reward_manager/dapo.py`).
public struct OverlongShaping: Codable, Equatable, Sendable {
    /// L_max, the maximum response length in tokens.
    public var maxLength: Int
    /// L_c, the soft-punishment buffer in tokens (DAPO: 4096 of 20480).
    public var buffer: Int
    /// Penalty scale (DAPO: 1.0).
    public var factor: Double

    /// Creates the shaping.
    /// - Throws: ``RLVRInputError`` unless `0 < buffer ≤ maxLength`.
    public init(maxLength: Int, buffer: Int, factor: Double = 1) throws(RLVRInputError) {
        guard buffer > 0, buffer <= maxLength else {
            throw RLVRInputError("OverlongShaping: need 0 < buffer ≤ maxLength; got buffer \(buffer), max \(maxLength)")
        }
        self.maxLength = maxLength
        self.buffer = buffer
        self.factor = factor
    }

    /// Soft overlong punishment `min(−(|y| − (L_max − L_c)) / L_c · factor, 0)`, added to the reward.
    public func penalty(length: Int) -> Double {
        let exceed = Double(length - (maxLength - buffer))
        return min(-exceed / Double(buffer) * factor, 0)
    }

    /// Overlong filtering: a copy of `mask` (`[B × width]`) with truncated rows zeroed
    /// (TRL `mask_truncated_completions`).
    public static func maskTruncated(_ mask: [Double], truncated: [Bool], width: Int) -> [Double] {
        var out = mask
        for (i, cut) in truncated.enumerated() where cut {
            for t in 0..<width where i * width + t < out.count { out[i * width + t] = 0 }
        }
        return out
    }
}

/// DAPO dynamic sampling: keep only groups whose rewards are not all equal (all-correct or all-wrong groups
/// have zero advantage). verl keeps groups with std > 0, so a group of one response is dropped.
public enum DynamicSampling {
    /// Indices of responses in groups with non-constant rewards, in input order.
    public static func keptIndices(rewards: [Double], groupIDs: [Int]) -> [Int] {
        var minimum: [Int: Double] = [:], maximum: [Int: Double] = [:]
        for (r, g) in zip(rewards, groupIDs) {
            minimum[g] = min(minimum[g] ?? r, r)
            maximum[g] = max(maximum[g] ?? r, r)
        }
        return groupIDs.indices.filter { i in
            let g = groupIDs[i]
            return (maximum[g] ?? 0) > (minimum[g] ?? 0)
        }
    }

    /// The fraction of groups whose rewards all equal (TRL `frac_reward_zero_std`).
    public static func zeroStdFraction(rewards: [Double], groupIDs: [Int]) -> Double {
        let kept = Set(keptIndices(rewards: rewards, groupIDs: groupIDs).map { groupIDs[$0] })
        let all = Set(groupIDs)
        return all.isEmpty ? 0 : Double(all.count - kept.count) / Double(all.count)
    }
}
