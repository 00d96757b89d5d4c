/// Gymnasium's `NormalizeObservation`: each observation updates running statistics (unless frozen) and is
/// returned as `(obs − mean) / √(var + ε)`. ``statistics`` can be saved and restored; set
/// ``updatesStatistics`` to false to freeze them for evaluation.
public struct NormalizeObservation<Base: Environment>: Environment where Base.Observation: FlatConvertible {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    /// The running statistics.
    public var statistics: RunningMeanStd
    /// Whether observations update the statistics (Gymnasium's `update_running_mean`).
    public var updatesStatistics = true
    /// ε under the square root.
    public let epsilon: Double

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when `epsilon ≤ 0` or the observation size is unknown.
    public init(_ base: Base, epsilon: Double = 1e-8) throws(EnvironmentError) {
        guard epsilon > 0 else {
            throw .invalidOption("NormalizeObservation: epsilon must be positive, got \(epsilon)")
        }
        guard let size = base.observationSpace.flatObservationSize else {
            throw .invalidOption("NormalizeObservation: observation space \(base.observationSpace) is not a Box")
        }
        self.base = base
        self.epsilon = epsilon
        statistics = RunningMeanStd(size: size)
    }

    public var observationSpace: Space {
        let size = statistics.mean.count
        return .box(
            .fixed(low: Array(repeating: -.infinity, count: size), high: Array(repeating: .infinity, count: size)))
    }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        var result = try base.reset(seed: seed, options: options)
        result.observation = normalize(result.observation)
        return result
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        var result = try base.step(action)
        result.observation = normalize(result.observation)
        return result
    }

    private mutating func normalize(_ observation: Observation) -> Observation {
        let values = observation.flatArray.map(Double.init)
        if updatesStatistics { statistics.update(values) }
        let normalized = values.indices.map { index in
            Float((values[index] - statistics.mean[index]) / (statistics.variance[index] + epsilon).squareRoot())
        }
        return Observation(flatArray: normalized)
    }

    public func render() -> Frame? { base.render() }
}

extension NormalizeObservation: Sendable where Base: Sendable {}
