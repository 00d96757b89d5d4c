/// Gymnasium 1.x's `Autoreset` wrapper (next-step mode): the step after an episode ends resets the
/// environment and returns the reset observation with reward 0, both flags false and the reset info;
/// that step's action is ignored.
public struct Autoreset<Base: Environment>: Environment {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    private var needsReset = false

    /// Wraps `base`.
    public init(_ base: Base) { self.base = base }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata {
        var metadata = base.metadata
        metadata.autoresetMode = .nextStep
        return metadata
    }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        needsReset = false
        return try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        if needsReset {
            let reset = try base.reset(seed: nil, options: [:])
            needsReset = false
            return Step(
                observation: reset.observation, reward: 0, terminated: false, truncated: false,
                info: reset.info)
        }
        let result = try base.step(action)
        needsReset = result.isDone
        return result
    }

    public func render() -> Frame? { base.render() }
}

extension Autoreset: Sendable where Base: Sendable {}
