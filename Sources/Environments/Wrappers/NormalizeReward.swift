/// Gymnasium's `NormalizeReward`: keeps a discounted return `G ← G·γ·(1 − terminated) + r`, updates running
/// statistics of `G` (unless frozen) and returns `r / √(var(G) + ε)`.
public struct NormalizeReward<Base: Environment>: Environment {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    /// Statistics of the discounted return.
    public var statistics = RunningMeanStd(size: 1)
    /// Whether rewards update the statistics.
    public var updatesStatistics = true
    /// γ for the discounted return.
    public let gamma: Double
    /// ε under the square root.
    public let epsilon: Double
    /// The current discounted return.
    public private(set) var discountedReturn = 0.0

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for γ outside [0, 1] or ε ≤ 0.
    public init(_ base: Base, gamma: Double = 0.99, epsilon: Double = 1e-8) throws(EnvironmentError) {
        guard (0...1).contains(gamma), epsilon > 0 else {
            throw .invalidOption("NormalizeReward: need 0 ≤ gamma ≤ 1 and epsilon > 0 (got \(gamma), \(epsilon))")
        }
        self.base = base
        self.gamma = gamma
        self.epsilon = epsilon
    }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        var result = try base.step(action)
        discountedReturn = discountedReturn * gamma * (result.terminated ? 0 : 1) + result.reward
        if updatesStatistics { statistics.update([discountedReturn]) }
        result.reward /= (statistics.variance[0] + epsilon).squareRoot()
        return result
    }

    public func render() -> Frame? { base.render() }
}

extension NormalizeReward: Sendable where Base: Sendable {}
