/// The observation is the window of the last `length` steps of the history h_t = (o_0, a_0, …, o_t) (Hong,
/// Dragan & Levine 2024): `length` rows, oldest first, each `[o_j, one-hot(a_{j−1}), mask]` — the previous action
/// one-hot (zeros at the episode's first step), mask 1 for a real step and 0 for padding rows (all zeros) before
/// the episode's start. Offline's `OfflineDataset.historyWindows(length:actionCount:)` builds the same layout from
/// recorded episodes.
///
/// The registry builds it for any environment with Discrete actions and a Box or Discrete observation space
/// under the id `history<k>/<id>`, e.g. `history4/NoisyCorridor-v0`.
// `@unchecked Sendable`: `AnyEnvironment` is a copy-on-write value (each copy owns its box), and a vector environment
// steps every sub-environment from one thread at a time.
public struct HistoryWindowObservation: Environment, @unchecked Sendable {
    public typealias Observation = [Float]
    public typealias Action = Int

    /// The wrapped environment.
    public var base: AnyEnvironment
    /// k, the steps per window.
    public let length: Int
    /// d, entries per raw observation.
    public let observationSize: Int
    /// n, the number of actions.
    public let actionCount: Int
    private var rows: [Float]

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for `length < 1`, non-Discrete actions or an observation
    ///   space without a flat form.
    public init(_ base: AnyEnvironment, length: Int) throws(EnvironmentError) {
        guard length >= 1 else {
            throw .invalidOption("HistoryWindowObservation: length must be ≥ 1 (the window k), got \(length)")
        }
        guard case let .discrete(actions) = base.actionSpace else {
            throw .invalidOption(
                "HistoryWindowObservation needs Discrete actions (the previous action is one-hot encoded); "
                    + "\(base.typeName) has \(base.actionSpace)")
        }
        guard let size = base.observationSpace.flatObservationSize else {
            throw .invalidOption("HistoryWindowObservation needs a Box or Discrete observation space")
        }
        self.base = base
        self.length = length
        observationSize = size
        actionCount = actions.n
        rows = []
    }

    private var stepWidth: Int { observationSize + actionCount + 1 }

    public var observationSpace: Space {
        var low: [Double], high: [Double]
        switch base.observationSpace {
        case let .box(box): (low, high) = (box.low.map { Swift.min($0, 0) }, box.high.map { Swift.max($0, 0) })
        default: (low, high) = ([0], [Double(Swift.max((base.observationSpace.flatDimension ?? 1) - 1, 1))])
        }
        low += Array(repeating: 0, count: actionCount + 1)
        high += Array(repeating: 1, count: actionCount + 1)
        let lows = Array(repeatElement(low, count: length).joined())
        let highs = Array(repeatElement(high, count: length).joined())
        return .box(.fixed(low: lows, high: highs))
    }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        let result = try base.reset(seed: seed, options: options)
        rows = Array(repeating: 0, count: length * stepWidth)
        push(try flat(result.observation), previousAction: nil)
        return Reset(observation: rows, info: result.info)
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<[Float]> {
        guard !rows.isEmpty else { throw .resetNeeded("HistoryWindowObservation: call reset(seed:) before step(_:)") }
        let result = try base.step(.int(action))
        push(try flat(result.observation), previousAction: action)
        return Step(
            observation: rows, reward: result.reward, terminated: result.terminated, truncated: result.truncated,
            info: result.info)
    }

    private func flat(_ value: SpaceValue) throws(EnvironmentError) -> [Float] {
        switch value {
        case let .array(values) where values.count == observationSize: return values.map(Float.init)
        case let .int(index) where observationSize == 1: return [Float(index)]
        default:
            throw .invalidOption("HistoryWindowObservation: observation \(value.summary) has no flat form of size "
                + "\(observationSize)")
        }
    }

    private mutating func push(_ observation: [Float], previousAction: Int?) {
        rows.removeFirst(stepWidth)
        var row = observation
        var oneHot = [Float](repeating: 0, count: actionCount)
        if let previousAction, (0..<actionCount).contains(previousAction) { oneHot[previousAction] = 1 }
        row += oneHot
        row.append(1)
        rows += row
    }

    public func render() -> Frame? { base.render() }
}
