/// Gymnasium's `RescaleAction`: the agent acts in `[minAction, maxAction]` per entry, mapped affinely onto the
/// base Box action space `[low, high]`.
public struct RescaleAction<Base: Environment>: Environment where Base.Action: FlatConvertible {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    /// The agent-side bounds.
    public let minAction: Double, maxAction: Double
    private let bounds: BoxSpace

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the base action space is not a bounded Box or
    ///   `minAction ≥ maxAction`.
    public init(_ base: Base, minAction: Double = -1, maxAction: Double = 1) throws(EnvironmentError) {
        guard case let .box(box) = base.actionSpace, box.isBounded else {
            throw .invalidOption("RescaleAction needs a bounded Box action space, got \(base.actionSpace)")
        }
        guard minAction < maxAction else {
            throw .invalidOption("RescaleAction: minAction (\(minAction)) must be < maxAction (\(maxAction))")
        }
        self.base = base
        self.minAction = minAction
        self.maxAction = maxAction
        bounds = box
    }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space {
        .box(
            .fixed(
                low: Array(repeating: minAction, count: bounds.count),
                high: Array(repeating: maxAction, count: bounds.count)))
    }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        let mapped = action.flatArray.enumerated().map { index, value in
            let fraction = (Double(value) - minAction) / (maxAction - minAction)
            return Float(bounds.low[index] + (bounds.high[index] - bounds.low[index]) * fraction)
        }
        return try base.step(Action(flatArray: mapped))
    }

    public func render() -> Frame? { base.render() }
}

extension RescaleAction: Sendable where Base: Sendable {}
