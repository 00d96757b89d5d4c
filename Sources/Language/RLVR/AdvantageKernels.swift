/// The numeric bodies of ``AdvantageEstimator``'s cases (verl `core_algos.py` semantics).
enum AdvantageKernels {
    /// Unbiased (ddof 1) standard deviation; 0 for fewer than two values.
    static func unbiasedStd(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        let mean = x.reduce(0, +) / Double(x.count)
        let ss = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (ss / Double(x.count - 1)).squareRoot()
    }

    /// One advantage per response.
    static func groupRelative(_ batch: AdvantageBatch, std scope: StdScope, eps: Double) -> [Double] {
        let scores = batch.sequenceScores
        var centred = [Double](repeating: 0, count: scores.count)
        var groupStd = [Double](repeating: 1, count: scores.count)
        for members in batch.groups {
            let values = members.map { scores[$0] }
            let single = members.count == 1
            let mean = single ? 0 : values.reduce(0, +) / Double(values.count)
            let std = single ? 1 : unbiasedStd(values)
            for i in members {
                centred[i] = scores[i] - mean
                groupStd[i] = std
            }
        }
        switch scope {
        case .group: return centred.indices.map { centred[$0] / (groupStd[$0] + eps) }
        case .batch:
            let s = unbiasedStd(scores)
            return centred.map { $0 / (s + eps) }
        case .batchOfResiduals:
            let s = unbiasedStd(centred)
            return centred.map { $0 / (s + eps) }
        case .none: return centred
        }
    }

    /// `r_i·n/(n−1) − mean·n/(n−1)` = r_i − mean of the others; unchanged for a group of one.
    static func leaveOneOut(_ batch: AdvantageBatch) -> [Double] {
        let scores = batch.sequenceScores
        var out = scores
        for members in batch.groups where members.count > 1 {
            let n = Double(members.count)
            let mean = members.reduce(0) { $0 + scores[$1] } / n
            for i in members { out[i] = (scores[i] - mean) * n / (n - 1) }
        }
        return out
    }

    /// `r_max − r_second` for each group's first best response (optionally over `std + 1e-6`), 0 elsewhere.
    static func bestOfGroup(_ batch: AdvantageBatch, normalizeByStd: Bool) throws(RLVRInputError) -> [Double] {
        let scores = batch.sequenceScores
        var out = [Double](repeating: 0, count: scores.count)
        for members in batch.groups {
            guard members.count >= 2 else {
                throw RLVRInputError("passAtK advantage needs ≥ 2 responses per group; a group has \(members.count)")
            }
            let ranked = members.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            var advantage = scores[ranked[0]] - scores[ranked[1]]
            if normalizeByStd { advantage /= unbiasedStd(members.map { scores[$0] }) + 1e-6 }
            out[ranked[0]] = advantage
        }
        return out
    }

    /// Per-response values copied to every token, times the mask.
    static func broadcast(_ perSequence: [Double], _ batch: AdvantageBatch) -> [Double] {
        var out = [Double](repeating: 0, count: batch.mask.count)
        for i in 0..<batch.count {
            for t in 0..<batch.width { out[i * batch.width + t] = perSequence[i] * batch.mask[i * batch.width + t] }
        }
        return out
    }

    /// `(x − masked mean) / sqrt(unbiased masked var + 1e-8)`, times the mask (verl `masked_whiten`).
    static func maskedWhiten(_ x: [Double], mask: [Double]) -> [Double] {
        let total = mask.reduce(0, +)
        guard total > 0 else { return x.map { _ in 0 } }
        let mean = zip(x, mask).reduce(0) { $0 + $1.0 * $1.1 } / total
        var variance = zip(x, mask).reduce(0) { $0 + ($1.0 - mean) * ($1.0 - mean) * $1.1 } / total
        if total > 1 { variance *= total / (total - 1) }
        let scale = 1 / (variance + 1e-8).squareRoot()
        return zip(x, mask).map { ($0 - mean) * scale * $1 }
    }

    /// `G_t = r_t + γ·G_{t+1}`, restarting after masked positions (verl `reinforce_plus_plus`), times the mask.
    static func discountedReturns(_ batch: AdvantageBatch, gamma: Double) -> [Double] {
        var out = [Double](repeating: 0, count: batch.mask.count)
        for i in 0..<batch.count {
            var running = 0.0
            for t in stride(from: batch.width - 1, through: 0, by: -1) {
                let k = i * batch.width + t
                running = batch.tokenRewards[k] + gamma * running
                out[k] = running * batch.mask[k]
                running *= batch.mask[k]
            }
        }
        return out
    }

    /// GAE over valid tokens only: masked positions pass the next value and running advantage through unchanged.
    /// Returns raw advantages (times mask) and returns `A + V` (times mask).
    static func generalizedAdvantage(_ batch: AdvantageBatch, values: [Double], gamma: Double, lambda: Double)
        -> ([Double], [Double])
    {
        var advantages = [Double](repeating: 0, count: batch.mask.count)
        var returns = advantages
        for i in 0..<batch.count {
            var nextValue = 0.0
            var running = 0.0
            for t in stride(from: batch.width - 1, through: 0, by: -1) {
                let k = i * batch.width + t
                let m = batch.mask[k]
                let delta = batch.tokenRewards[k] + gamma * nextValue - values[k]
                let candidate = delta + gamma * lambda * running
                nextValue = values[k] * m + (1 - m) * nextValue
                running = candidate * m + (1 - m) * running
                advantages[k] = running * m
                returns[k] = (running + values[k]) * m
            }
        }
        return (advantages, returns)
    }
}
