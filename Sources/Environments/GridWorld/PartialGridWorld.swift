/// A partially observable ``GridWorld``: the observation is the `(2r + 1) × (2r + 1)` window of cell codes
/// (0 floor, 1 wall/outside, 2 lava, 3 goal) centred on the agent, row-major, as float32.
public struct PartialGridWorld: Environment, Sendable {
    /// The underlying grid world.
    public var world: GridWorld
    /// The view radius `r`.
    public let viewRadius: Int

    /// Wraps a grid world.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the radius is negative.
    public init(_ world: GridWorld, viewRadius: Int = 1) throws(EnvironmentError) {
        guard viewRadius >= 0 else { throw .invalidOption("PartialGridWorld: viewRadius must be ≥ 0") }
        self.world = world
        self.viewRadius = viewRadius
    }

    private var side: Int { 2 * viewRadius + 1 }

    public var observationSpace: Space {
        .box(.fixed(low: Array(repeating: 0, count: side * side), high: Array(repeating: 3, count: side * side)))
    }
    public var actionSpace: Space { world.actionSpace }
    public var metadata: EnvironmentMetadata { world.metadata }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<[Float]> {
        let result = try world.reset(seed: seed, options: options)
        return Reset(observation: view(), info: result.info)
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<[Float]> {
        let result = try world.step(action)
        return Step(
            observation: view(), reward: result.reward, terminated: result.terminated,
            truncated: result.truncated, info: result.info)
    }

    /// The window around the agent.
    public func view() -> [Float] {
        let row = world.state / world.columns, column = world.state % world.columns
        var result: [Float] = []
        result.reserveCapacity(side * side)
        for dr in -viewRadius...viewRadius {
            for dc in -viewRadius...viewRadius { result.append(world.cellCode(row: row + dr, column: column + dc)) }
        }
        return result
    }

    public func render() -> Frame? { world.render() }
}
