/// Reward normalisation for vector environments, like Gymnasium's `wrappers.vector.NormalizeReward`: each
/// sub-environment keeps a discounted return `G ← G·γ·(1 − terminated) + r`; the batch of returns updates running
/// statistics (unless frozen) and rewards are divided by `√(var(G) + ε)`.
public struct VectorRewardNormalizer: Equatable, Sendable {
    /// Statistics of the discounted returns.
    public var statistics = RunningMeanStd(size: 1)
    /// Whether batches update the statistics.
    public var updatesStatistics = true
    /// γ of the discounted return.
    public let gamma: Double
    /// ε under the square root.
    public let epsilon: Double
    /// The current discounted return of each sub-environment.
    public private(set) var returns: [Double]

    /// Creates a normaliser for `count` sub-environments.
    public init(count: Int, gamma: Double = 0.99, epsilon: Double = 1e-8) {
        returns = Array(repeating: 0, count: max(0, count))
        self.gamma = gamma
        self.epsilon = max(epsilon, .leastNonzeroMagnitude)
    }

    /// Normalises one batch of rewards given the batch's termination flags.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when the batch size differs from `count`.
    public mutating func callAsFunction(_ rewards: [Double], terminations: [Bool]) throws(EnvironmentError)
        -> [Double]
    {
        guard rewards.count == returns.count, terminations.count == returns.count else {
            throw .spaceMismatch(
                "reward normaliser: got \(rewards.count) rewards and \(terminations.count) flags for \(returns.count) sub-environments")
        }
        for index in returns.indices {
            returns[index] = returns[index] * gamma * (terminations[index] ? 0 : 1) + rewards[index]
        }
        if updatesStatistics, !returns.isEmpty {
            let mean = returns.reduce(0, +) / Double(returns.count)
            let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count)
            statistics.update(batchMean: [mean], batchVariance: [variance], batchCount: Double(returns.count))
        }
        let scale = 1 / (statistics.variance[0] + epsilon).squareRoot()
        return rewards.map { $0 * scale }
    }
}
