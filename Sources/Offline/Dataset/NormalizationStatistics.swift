/// Per-entry mean and standard deviation for normalising states (PRDC/TD3+BC: `(s − μ) / (σ + ε)`, ε = 1e-3).
public struct NormalizationStatistics: Sendable, Equatable, Codable {
    /// Per-entry means.
    public var mean: [Float]
    /// Per-entry population standard deviations.
    public var standardDeviation: [Float]
    /// Added to σ before dividing. TD3+BC and PRDC use 1e-3.
    public var epsilon: Float

    /// Statistics of `rows` row-major rows of `dimension` entries, accumulated in `Double`.
    /// - Complexity: O(rows · dimension).
    public init(data: [Float], dimension: Int, epsilon: Float = 1e-3) {
        let rows = dimension > 0 ? data.count / dimension : 0
        var sum = [Double](repeating: 0, count: dimension)
        var squares = [Double](repeating: 0, count: dimension)
        for row in 0..<rows {
            for j in 0..<dimension {
                let x = Double(data[row * dimension + j])
                sum[j] += x
                squares[j] += x * x
            }
        }
        let n = Double(max(rows, 1))
        mean = sum.map { Float($0 / n) }
        standardDeviation = zip(sum, squares).map { s, q in Float(max(0, q / n - (s / n) * (s / n)).squareRoot()) }
        self.epsilon = epsilon
    }

    /// `(x − μ) / (σ + ε)` for every row of `data`.
    public func normalize(_ data: [Float]) -> [Float] {
        let d = mean.count
        guard d > 0 else { return data }
        return data.indices.map { i in (data[i] - mean[i % d]) / (standardDeviation[i % d] + epsilon) }
    }

    /// The inverse of ``normalize(_:)``.
    public func denormalize(_ data: [Float]) -> [Float] {
        let d = mean.count
        guard d > 0 else { return data }
        return data.indices.map { i in data[i] * (standardDeviation[i % d] + epsilon) + mean[i % d] }
    }
}

/// Summary statistics of a dataset's rewards and episode returns.
public struct RewardStatistics: Sendable, Equatable, Codable {
    /// Mean, standard deviation, minimum and maximum of the per-step rewards.
    public var mean, standardDeviation, min, max: Double
    /// Mean, standard deviation, minimum and maximum of the episode returns.
    public var returnMean, returnStandardDeviation, returnMin, returnMax: Double
}

extension OfflineDataset {
    /// State statistics over every observation row of the transition view (s, not s′).
    public func observationStatistics(epsilon: Float = 1e-3) -> NormalizationStatistics {
        NormalizationStatistics(data: transitions.observations, dimension: observationDimension, epsilon: epsilon)
    }

    /// Reward and return statistics.
    public var rewardStatistics: RewardStatistics {
        let (m, s, lo, hi) = Self.moments(transitions.rewards.map(Double.init))
        let (rm, rs, rlo, rhi) = Self.moments(episodes.map(\.totalReward))
        return RewardStatistics(
            mean: m, standardDeviation: s, min: lo, max: hi, returnMean: rm, returnStandardDeviation: rs,
            returnMin: rlo, returnMax: rhi)
    }

    static func moments(_ values: [Double]) -> (Double, Double, Double, Double) {
        guard !values.isEmpty else { return (0, 0, 0, 0) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot(), values.min() ?? 0, values.max() ?? 0)
    }
}
