/// Gymnasium's `FlattenObservation`: observations become `space.flatten(obs)` as float32 (one-hot for discrete
/// parts), with the flattened Box as observation space.
public struct FlattenObservation<Base: Environment>: Environment where Base.Observation: SpaceValueConvertible {
    public typealias Observation = [Float]
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    private let flatSpace: BoxSpace

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when the observation space cannot be flattened (Text).
    public init(_ base: Base) throws(EnvironmentError) {
        self.base = base
        flatSpace = try base.observationSpace.flattened()
    }

    public var observationSpace: Space { .box(flatSpace) }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        let result = try base.reset(seed: seed, options: options)
        return Reset(observation: try flatten(result.observation), info: result.info)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<[Float]> {
        let space = base.observationSpace
        return try base.step(action).mapObservation { (observation) throws(EnvironmentError) in
            try space.flatten(observation.spaceValue).map(Float.init)
        }
    }

    private func flatten(_ observation: Base.Observation) throws(EnvironmentError) -> [Float] {
        try base.observationSpace.flatten(observation.spaceValue).map(Float.init)
    }

    public func render() -> Frame? { base.render() }
}

extension FlattenObservation: Sendable where Base: Sendable {}
