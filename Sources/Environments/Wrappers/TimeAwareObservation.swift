/// Gymnasium's `TimeAwareObservation` (flattened): appends the number of steps taken in the episode to the
/// observation, or `t / maxEpisodeSteps` when `normalizeTime`.
public struct TimeAwareObservation<Base: Environment>: Environment where Base.Observation: FlatConvertible {
    public typealias Observation = [Float]
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    /// The episode length used for the time entry's bound.
    public let maxEpisodeSteps: Int
    /// Whether the time entry is `t / maxEpisodeSteps`.
    public let normalizeTime: Bool
    /// Steps taken in the current episode.
    public private(set) var elapsedSteps = 0

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when `maxEpisodeSteps < 1` or the observation space is not a Box.
    public init(_ base: Base, maxEpisodeSteps: Int, normalizeTime: Bool = false) throws(EnvironmentError) {
        guard maxEpisodeSteps >= 1 else { throw .invalidOption("TimeAwareObservation: maxEpisodeSteps must be ≥ 1") }
        guard case .box = base.observationSpace else {
            throw .invalidOption("TimeAwareObservation needs a Box observation space, got \(base.observationSpace)")
        }
        self.base = base
        self.maxEpisodeSteps = maxEpisodeSteps
        self.normalizeTime = normalizeTime
    }

    public var observationSpace: Space {
        guard case let .box(box) = base.observationSpace else { return base.observationSpace }
        return .box(.fixed(low: box.low + [0], high: box.high + [normalizeTime ? 1 : Double(maxEpisodeSteps)]))
    }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        let result = try base.reset(seed: seed, options: options)
        elapsedSteps = 0
        return Reset(observation: result.observation.flatArray + [time], info: result.info)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<[Float]> {
        let result = try base.step(action)
        elapsedSteps += 1
        return Step(
            observation: result.observation.flatArray + [time], reward: result.reward,
            terminated: result.terminated, truncated: result.truncated, info: result.info)
    }

    private var time: Float {
        normalizeTime ? Float(Double(elapsedSteps) / Double(maxEpisodeSteps)) : Float(elapsedSteps)
    }

    public func render() -> Frame? { base.render() }
}

extension TimeAwareObservation: Sendable where Base: Sendable {}
