/// Gymnasium 1.x's `FrameStackObservation`: the observation is the last `stackSize` observations, oldest first,
/// concatenated (shape `(stackSize, …)`). At reset the stack is padded with the reset observation (`.reset`,
/// Gymnasium's default) or zeros (`.zero`).
public struct FrameStackObservation<Base: Environment>: Environment where Base.Observation: FlatConvertible {
    public typealias Observation = [Float]
    public typealias Action = Base.Action

    /// How the stack is filled at reset.
    public enum Padding: String, Sendable { case reset, zero }

    /// The wrapped environment.
    public var base: Base
    /// Frames kept.
    public let stackSize: Int
    /// Padding at reset.
    public let padding: Padding
    private let frameSize: Int
    private var frames: [Float]

    /// Wraps `base`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for `stackSize < 1` or a non-Box observation space.
    public init(_ base: Base, stackSize: Int, padding: Padding = .reset) throws(EnvironmentError) {
        guard stackSize >= 1 else {
            throw .invalidOption("FrameStackObservation: stackSize must be ≥ 1, got \(stackSize)")
        }
        guard let size = base.observationSpace.flatObservationSize else {
            throw .invalidOption("FrameStackObservation needs a Box or Discrete observation space")
        }
        self.base = base
        self.stackSize = stackSize
        self.padding = padding
        frameSize = size
        frames = Array(repeating: 0, count: stackSize * size)
    }

    public var observationSpace: Space {
        let low: [Double], high: [Double], shape: [Int]
        switch base.observationSpace {
        case let .box(box): (low, high, shape) = (box.low, box.high, box.shape)
        default: (low, high, shape) = ([0], [Double((base.observationSpace.flatDimension ?? 1) - 1)], [1])
        }
        let lows = Array(repeatElement(low, count: stackSize).joined())
        let highs = Array(repeatElement(high, count: stackSize).joined())
        return .box(
            (try? BoxSpace(low: lows, high: highs, shape: [stackSize] + shape)) ?? .fixed(low: lows, high: highs))
    }
    public var actionSpace: Space { base.actionSpace }
    public var metadata: EnvironmentMetadata { base.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        let result = try base.reset(seed: seed, options: options)
        let frame = result.observation.flatArray
        for slot in 0..<stackSize {
            for index in 0..<frameSize { frames[slot * frameSize + index] = padding == .reset ? frame[index] : 0 }
        }
        push(frame)
        return Reset(observation: frames, info: result.info)
    }

    public mutating func step(_ action: Action) throws(EnvironmentError) -> Step<[Float]> {
        let result = try base.step(action)
        push(result.observation.flatArray)
        return Step(
            observation: frames, reward: result.reward, terminated: result.terminated,
            truncated: result.truncated, info: result.info)
    }

    private mutating func push(_ frame: [Float]) {
        frames.removeFirst(frameSize)
        frames.append(contentsOf: frame)
    }

    public func render() -> Frame? { base.render() }
}

extension FrameStackObservation: Sendable where Base: Sendable {}
