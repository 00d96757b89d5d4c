/// Gymnasium's `TimeLimit`: sets `truncated` once `maxEpisodeSteps` steps have been taken in an episode.
public struct TimeLimit<Base: Environment>: Environment {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    /// The episode length after which `truncated` is set.
    public let maxEpisodeSteps: Int
    /// Steps taken in the current episode.
    public private(set) var elapsedSteps = 0

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when `maxEpisodeSteps` is not positive.
    public init(_ base: Base, maxEpisodeSteps: Int) throws(EnvironmentError) {
        guard maxEpisodeSteps > 0 else {
            throw .invalidOption("TimeLimit: maxEpisodeSteps must be positive, got \(maxEpisodeSteps)")
        }
        self.base = base
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        elapsedSteps = 0
        return try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        var result = try base.step(action)
        elapsedSteps += 1
        if elapsedSteps >= maxEpisodeSteps { result.truncated = true }
        return result
    }

    public func render() -> Frame? { base.render() }
}

extension TimeLimit: Sendable where Base: Sendable {}
