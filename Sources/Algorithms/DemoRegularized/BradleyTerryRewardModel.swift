import Foundation

/// A preference between two trajectories, given as their state-action visit counts `φ(τ)` (length S·A).
public struct TrajectoryPreference: Equatable, Sendable {
    /// Visit counts of the first trajectory.
    public var first: [Double]
    /// Visit counts of the second trajectory.
    public var second: [Double]
    /// 1 if the first is preferred, 0 otherwise.
    public var label: Double

    /// A preference.
    public init(first: [Double], second: [Double], label: Double) {
        self.first = first
        self.second = second
        self.label = label
    }
}

/// A tabular Bradley–Terry reward model for the RLHF variant of demonstration-regularised RL (Tiapkin et al. 2024,
/// §5, reconstructed): `P(τ¹ ≻ τ²) = σ(r·φ(τ¹) − r·φ(τ²))`, fitted by maximum likelihood (gradient ascent with an
/// L2 term `(ridge/2)‖r‖²` that fixes the otherwise free offset).
public struct BradleyTerryRewardModel: Sendable {
    /// `r(s, a)`, indexed `s·A + a`.
    public var reward: [Double]

    /// A zero reward of `pairs` entries.
    public init(pairs: Int) { reward = Array(repeating: 0, count: max(0, pairs)) }

    /// Mean log-likelihood minus `(ridge/2)‖r‖²`.
    public func objective(_ data: [TrajectoryPreference], ridge: Double) -> Double {
        guard !data.isEmpty else { return 0 }
        var total = 0.0
        for item in data {
            let margin = score(item.first) - score(item.second)
            total += item.label * Self.logSigmoid(margin) + (1 - item.label) * Self.logSigmoid(-margin)
        }
        return total / Double(data.count) - 0.5 * ridge * reward.reduce(0) { $0 + $1 * $1 }
    }

    /// The gradient of ``objective(_:ridge:)``: `mean[(y − σ(Δ))(φ¹ − φ²)] − ridge·r`.
    public func gradient(_ data: [TrajectoryPreference], ridge: Double) -> [Double] {
        var grad = reward.map { -ridge * $0 }
        guard !data.isEmpty else { return grad }
        for item in data {
            let weight = (item.label - Self.sigmoid(score(item.first) - score(item.second))) / Double(data.count)
            for index in grad.indices { grad[index] += weight * (item.first[index] - item.second[index]) }
        }
        return grad
    }

    /// Gradient ascent: `steps` steps of size `learningRate`.
    public mutating func fit(
        _ data: [TrajectoryPreference], ridge: Double = 1e-3, learningRate: Double = 0.5, steps: Int = 500
    ) {
        for _ in 0..<max(0, steps) {
            let grad = gradient(data, ridge: ridge)
            for index in reward.indices { reward[index] += learningRate * grad[index] }
        }
    }

    /// `r·φ`.
    public func score(_ visits: [Double]) -> Double { zip(reward, visits).reduce(0) { $0 + $1.0 * $1.1 } }

    static func sigmoid(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }
    static func logSigmoid(_ x: Double) -> Double { x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x)) }
}
