import Tensor

/// Gymnasium's `StickyAction` (Machado et al. 2018): with probability `repeatProbability` the previous action
/// is repeated instead of the agent's (for `repeatDuration` steps once it sticks).
///
/// Unlike Gymnasium (which draws from the base environment's generator), the wrapper has its own generator,
/// seeded from the reset seed, so it works with any environment.
public struct StickyAction<Base: Environment>: Environment {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    /// Probability of repeating the last action.
    public let repeatProbability: Double
    /// Steps an action stays stuck.
    public let repeatDuration: Int
    private var lastAction: Action?
    private var stuckSteps = 0
    private var random = EpisodeRandom()

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for a probability outside [0, 1) or duration < 1.
    public init(_ base: Base, repeatProbability: Double, repeatDuration: Int = 1) throws(EnvironmentError) {
        guard repeatProbability >= 0, repeatProbability < 1, repeatDuration >= 1 else {
            throw .invalidOption("StickyAction: need 0 ≤ repeatProbability < 1 and repeatDuration ≥ 1")
        }
        self.base = base
        self.repeatProbability = repeatProbability
        self.repeatDuration = repeatDuration
    }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        random.prepare(seed: seed.map { $0 ^ 0x5711_C4A1 })
        lastAction = nil
        stuckSteps = 0
        return try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        var chosen = action
        if let previous = lastAction {
            if stuckSteps > 0 {
                chosen = previous
                stuckSteps -= 1
            } else if random.random() < repeatProbability {
                chosen = previous
                stuckSteps = repeatDuration - 1
            }
        }
        lastAction = chosen
        return try base.step(chosen)
    }

    public func render() -> Frame? { base.render() }
}
