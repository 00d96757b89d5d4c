import Environments

/// Reward scaling by the running standard deviation of the discounted return (SB3 `VecNormalize(norm_reward=True)`,
/// Gymnasium `NormalizeReward`): G ← γ·G + r per sub-environment, statistics of G updated each step, rewards
/// divided by √(Var G + ε) and clipped to ±`clip`; G restarts at episode ends.
public struct RewardNormalizer: Codable, Equatable, Sendable {
    /// Running statistics of the discounted return.
    public var statistics: RunningMeanStd
    /// The discounted return of each sub-environment's current episode.
    public var discountedReturns: [Double]
    /// γ of the discounted return.
    public let gamma: Double
    /// ε under the square root (SB3 1e-8).
    public let epsilon: Double
    /// Clip range of the scaled rewards (SB3 10).
    public let clip: Double

    /// A normaliser for `count` sub-environments.
    public init(count: Int, gamma: Double, epsilon: Double = 1e-8, clip: Double = 10) {
        statistics = RunningMeanStd(size: 1)
        discountedReturns = Array(repeating: 0, count: count)
        self.gamma = gamma
        self.epsilon = epsilon
        self.clip = clip
    }

    /// Updates the statistics with this step's rewards and returns them scaled.
    /// - Parameters:
    ///   - rewards: one raw reward per sub-environment.
    ///   - done: whether the step ended the episode (terminated or truncated).
    ///   - valid: false for next-step-autoreset steps, which neither update nor get scaled (their reward is 0).
    /// - Complexity: O(count).
    public mutating func callAsFunction(_ rewards: [Double], done: [Bool], valid: [Bool]) -> [Double] {
        var batch: [Double] = []
        batch.reserveCapacity(rewards.count)
        for i in rewards.indices where valid[i] {
            discountedReturns[i] = discountedReturns[i] * gamma + rewards[i]
            batch.append(discountedReturns[i])
        }
        if !batch.isEmpty {
            let mean = batch.reduce(0, +) / Double(batch.count)
            let variance = batch.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(batch.count)
            statistics.update(batchMean: [mean], batchVariance: [variance], batchCount: Double(batch.count))
        }
        let scale = 1 / (statistics.variance[0] + epsilon).squareRoot()
        var scaled = rewards
        for i in rewards.indices {
            scaled[i] = valid[i] ? min(max(rewards[i] * scale, -clip), clip) : 0
            if done[i] { discountedReturns[i] = 0 }
        }
        return scaled
    }
}
