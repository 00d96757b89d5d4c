/// Gymnasium's `ClipAction`: clips each action entry into the base Box action space; the wrapper's action space
/// is unbounded.
public struct ClipAction<Base: Environment>: Environment where Base.Action: FlatConvertible {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action

    /// The wrapped environment.
    public var base: Base
    private let bounds: BoxSpace

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the action space is not a Box.
    public init(_ base: Base) throws(EnvironmentError) {
        guard case let .box(box) = base.actionSpace else {
            throw .invalidOption("ClipAction needs a Box action space, got \(base.actionSpace)")
        }
        self.base = base
        bounds = box
    }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space {
        .box(
            .fixed(
                low: Array(repeating: -.infinity, count: bounds.count),
                high: Array(repeating: .infinity, count: bounds.count)))
    }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation> {
        let clipped = action.flatArray.enumerated().map { index, value in
            Float(min(max(Double(value), bounds.low[index]), bounds.high[index]))
        }
        return try base.step(Action(flatArray: clipped))
    }

    public func render() -> Frame? { base.render() }
}

extension ClipAction: Sendable where Base: Sendable {}
