import Tensor

/// Gymnasium's `Discrete(n, start)`: the integers `start, start + 1, …, start + n − 1`.
public struct DiscreteSpace: Hashable, Sendable, Codable {
    /// The number of elements.
    public var n: Int
    /// The smallest element.
    public var start: Int

    /// Creates `Discrete(n, start)`.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when `n` is not positive.
    public init(_ n: Int, start: Int = 0) throws(EnvironmentError) {
        guard n > 0 else { throw .spaceMismatch("Discrete(n: \(n)): n must be positive") }
        self.n = n
        self.start = start
    }

    /// Creates a space known to be valid (`n > 0`); used for fixed environment spaces.
    init(validN n: Int, start: Int = 0) {
        self.n = max(1, n)
        self.start = start
    }

    /// Whether `value` is an integer in range.
    public func contains(_ value: Int) -> Bool { value >= start && value < start + n }

    /// Samples like Gymnasium: `start + np_random.integers(n)`.
    /// - Complexity: O(1).
    public func sample(using generator: inout NumPyGenerator) -> Int {
        start + generator.integers(low: 0, high: n)
    }
}
