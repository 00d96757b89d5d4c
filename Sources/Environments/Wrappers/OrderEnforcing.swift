/// Gymnasium's `OrderEnforcing`: stepping before the first reset throws ``EnvironmentError/resetNeeded(_:)``.
public struct OrderEnforcing<Base: Environment>: Environment {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    /// Whether `reset` has been called.
    public private(set) var hasReset = false

    /// Wraps `base`.
    public init(_ base: Base) { self.base = base }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        let result = try base.reset(seed: seed, options: options)
        hasReset = true
        return result
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        guard hasReset else { throw .resetNeeded("cannot call step(_:) before reset(seed:options:)") }
        return try base.step(action)
    }

    /// Renders, or returns nil before the first reset (Gymnasium raises there).
    public func render() -> Frame? { hasReset ? base.render() : nil }
}

extension OrderEnforcing: Sendable where Base: Sendable {}
