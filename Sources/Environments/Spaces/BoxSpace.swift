import Tensor

/// Gymnasium's `Box(low, high, shape, dtype)`: a (possibly unbounded) box in ℝⁿ, stored row-major.
public struct BoxSpace: Hashable, Sendable, Codable {
    /// Lower bounds per entry (cast to ``dtype``; `-infinity` when unbounded below).
    public private(set) var low: [Double]
    /// Upper bounds per entry (cast to ``dtype``; `+infinity` when unbounded above).
    public private(set) var high: [Double]
    /// The array shape.
    public private(set) var shape: [Int]
    /// The element type.
    public private(set) var dtype: ScalarType

    /// Creates a box with per-entry bounds.
    /// - Parameters:
    ///   - low: Lower bounds, one per entry.
    ///   - high: Upper bounds, one per entry.
    ///   - shape: The shape; defaults to `[low.count]`.
    ///   - dtype: The element type; bounds are cast to it like NumPy does.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when sizes disagree or `low > high` somewhere.
    public init(low: [Double], high: [Double], shape: [Int]? = nil, dtype: ScalarType = .float32)
        throws(EnvironmentError)
    {
        let shape = shape ?? [low.count]
        let count = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 >= 0 }), low.count == count, high.count == count else {
            throw .spaceMismatch(
                "Box: low has \(low.count) and high \(high.count) entries but shape \(shape) needs \(count)")
        }
        for index in 0..<count where !(low[index] <= high[index]) {
            throw .spaceMismatch("Box: low[\(index)] = \(low[index]) must be ≤ high[\(index)] = \(high[index])")
        }
        self.shape = shape
        self.dtype = dtype
        self.low = low.map { $0.isInfinite ? $0 : dtype.cast($0) }
        self.high = high.map { $0.isInfinite ? $0 : dtype.cast($0) }
    }

    /// Creates a box with the same bounds for every entry.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when `low > high`.
    public init(low: Double, high: Double, shape: [Int], dtype: ScalarType = .float32) throws(EnvironmentError) {
        let count = shape.reduce(1, *)
        try self.init(
            low: Array(repeating: low, count: count), high: Array(repeating: high, count: count),
            shape: shape, dtype: dtype)
    }

    /// A float32 box whose bounds are known to be valid (used for fixed environment spaces).
    static func fixed(low: [Double], high: [Double]) -> BoxSpace {
        (try? BoxSpace(low: low, high: high)) ?? BoxSpace(unchecked: low, high: high)
    }

    private init(unchecked low: [Double], high: [Double]) {
        self.low = low
        self.high = high
        shape = [low.count]
        dtype = .float32
    }

    /// The number of entries.
    public var count: Int { low.count }

    /// Whether every entry is bounded on both sides.
    public var isBounded: Bool { low.allSatisfy(\.isFinite) && high.allSatisfy(\.isFinite) }

    /// Whether `values` has the right size, is representable in ``dtype`` and lies within the bounds.
    public func contains(_ values: [Double]) -> Bool {
        guard values.count == count else { return false }
        for index in values.indices {
            let value = dtype.cast(values[index])
            guard value >= low[index], value <= high[index] else { return false }
            if !dtype.isFloatingPoint, value != values[index] { return false }
        }
        return true
    }

    /// Samples like Gymnasium's `Box.sample`: normal for unbounded entries, shifted exponential for half-bounded
    /// ones, uniform for bounded ones (integer boxes sample `[low, high + 1)` and floor), drawn in that order.
    /// - Complexity: O(count).
    public func sample(using generator: inout NumPyGenerator) -> [Double] {
        var result = [Double](repeating: 0, count: count)
        let isInteger = !dtype.isFloatingPoint
        for index in 0..<count where low[index].isInfinite && high[index].isInfinite {
            result[index] = generator.standardNormal()
        }
        for index in 0..<count where low[index].isFinite && high[index].isInfinite {
            result[index] = generator.standardExponential() + low[index]
        }
        for index in 0..<count where low[index].isInfinite && high[index].isFinite {
            let upper = isInteger ? high[index] + 1 : high[index]
            result[index] = -generator.standardExponential() + upper
        }
        for index in 0..<count where low[index].isFinite && high[index].isFinite {
            let upper = isInteger ? high[index] + 1 : high[index]
            result[index] = generator.uniform(low: low[index], high: upper)
        }
        if isInteger {
            let range = dtype.range
            for index in 0..<count {
                result[index] = min(max(result[index].rounded(.down), range.lowerBound), range.upperBound)
            }
        } else {
            for index in 0..<count { result[index] = dtype.cast(result[index]) }
        }
        return result
    }

    /// Clips each entry of `values` into the bounds.
    public func clip(_ values: [Double]) -> [Double] {
        values.indices.map { min(max(values[$0], low[$0]), high[$0]) }
    }
}
