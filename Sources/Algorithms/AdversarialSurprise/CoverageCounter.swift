/// Latent-state coverage: the distinct cells a body visited (the start cell included), and the steps spent on
/// chosen kinds of cells.
public struct CoverageCounter: Sendable, Equatable {
    /// The visited cells.
    public private(set) var visited: Set<Int> = []
    /// Number of cells recorded (steps + 1 when the start is recorded).
    public private(set) var visits = 0

    /// An empty counter.
    public init() {}

    /// Records a visit to `cell`.
    public mutating func visit(_ cell: Int) {
        visited.insert(cell)
        visits += 1
    }

    /// Number of distinct cells visited.
    public var distinct: Int { visited.count }
}
