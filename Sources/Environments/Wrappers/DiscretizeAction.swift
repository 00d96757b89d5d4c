/// Gymnasium's `DiscretizeAction`: a bounded Box action space becomes `Discrete(bins^d)`; action `k` is the grid
/// point whose per-entry bin indices are `k` unravelled row-major, each bin `i` at `low + i·(high − low)/(bins − 1)`.
public struct DiscretizeAction<Base: Environment>: Environment where Base.Action: FlatConvertible {
    public typealias Observation = Base.Observation
    public typealias Action = Int

    /// The wrapped environment.
    public var base: Base
    /// Bins per action entry.
    public let bins: Int
    private let bounds: BoxSpace

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the action space is not a bounded Box or `bins < 2`.
    public init(_ base: Base, bins: Int) throws(EnvironmentError) {
        guard case let .box(box) = base.actionSpace, box.isBounded else {
            throw .invalidOption("DiscretizeAction needs a bounded Box action space, got \(base.actionSpace)")
        }
        guard bins >= 2 else { throw .invalidOption("DiscretizeAction: bins must be ≥ 2, got \(bins)") }
        self.base = base
        self.bins = bins
        bounds = box
    }

    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space {
        .discrete(DiscreteSpace(validN: Int(pow(Double(bins), Double(bounds.count)).rounded())))
    }
    public var metadata: EnvironmentMetadata { base.metadata }

    /// The continuous action for discrete action `index`.
    public func continuousAction(_ index: Int) -> [Float] {
        var remainder = index
        var values = [Float](repeating: 0, count: bounds.count)
        for entry in stride(from: bounds.count - 1, through: 0, by: -1) {
            let bin = remainder % bins
            remainder /= bins
            values[entry] = Float(
                bounds.low[entry] + Double(bin) * (bounds.high[entry] - bounds.low[entry]) / Double(bins - 1))
        }
        return values
    }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation> {
        try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Observation> {
        guard case let .discrete(space) = actionSpace, space.contains(action) else {
            throw .invalidAction("DiscretizeAction: action \(action) is outside \(actionSpace)")
        }
        return try base.step(Base.Action(flatArray: continuousAction(action)))
    }

    public func render() -> Frame? { base.render() }
}

extension DiscretizeAction: Sendable where Base: Sendable {}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(exponent) { result *= base }
    return result
}
