/// Gymnasium's `TransformObservation`: applies `transform` to every observation; `observationSpace` is the new space.
public struct TransformObservation<Base: Environment, Observation>: Environment {
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    /// The space of transformed observations.
    public let observationSpace: Space
    private let transform: (Base.Observation) -> Observation

    /// Wraps `base`.
    public init(_ base: Base, observationSpace: Space, transform: @escaping (Base.Observation) -> Observation) {
        self.base = base
        self.observationSpace = observationSpace
        self.transform = transform
    }

    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        let result = try base.reset(seed: seed, options: options)
        return Reset(observation: transform(result.observation), info: result.info)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        let result = try base.step(action)
        return Step(
            observation: transform(result.observation), reward: result.reward, terminated: result.terminated,
            truncated: result.truncated, info: result.info)
    }

    public func render() -> Frame? { base.render() }
}

/// Gymnasium's `TransformAction`: the agent's action is mapped by `transform` before reaching the base.
public struct TransformAction<Base: Environment, Action>: Environment {
    public typealias Observation = Base.Observation

    /// The wrapped environment.
    public var base: Base
    /// The agent-side action space.
    public let actionSpace: Space
    private let transform: (Action) -> Base.Action

    /// Wraps `base`.
    public init(_ base: Base, actionSpace: Space, transform: @escaping (Action) -> Base.Action) {
        self.base = base
        self.actionSpace = actionSpace
        self.transform = transform
    }

    public var observationSpace: Space { base.observationSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        try base.step(transform(action))
    }

    public func render() -> Frame? { base.render() }
}

/// Gymnasium's `TransformReward`: rewards are mapped by `transform`.
public struct TransformReward<Base: Environment>: Environment {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    private let transform: (Double) -> Double

    /// Wraps `base`.
    public init(_ base: Base, transform: @escaping (Double) -> Double) {
        self.base = base
        self.transform = transform
    }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        var result = try base.step(action)
        result.reward = transform(result.reward)
        return result
    }

    public func render() -> Frame? { base.render() }
}
