import Tensor

/// Gymnasium's `MultiBinary(n)`: arrays of 0/1 of a given shape.
public struct MultiBinarySpace: Hashable, Sendable, Codable {
    /// The array shape.
    public var shape: [Int]

    /// Creates `MultiBinary(shape)`.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when a dimension is not positive.
    public init(shape: [Int]) throws(EnvironmentError) {
        guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
            throw .spaceMismatch("MultiBinary(shape: \(shape)): every dimension must be positive")
        }
        self.shape = shape
    }

    /// The number of entries.
    public var count: Int { shape.reduce(1, *) }

    /// Whether `values` has the right size and holds only 0 and 1.
    public func contains(_ values: [Double]) -> Bool {
        values.count == count && values.allSatisfy { $0 == 0 || $0 == 1 }
    }

    /// Samples each entry as a fair coin, like NumPy's `integers(0, 2, size, dtype=int8)`: each byte of a
    /// 32-bit draw gives one entry (its top bit).
    public func sample(using generator: inout NumPyGenerator) -> [Double] {
        var result = [Double](repeating: 0, count: count)
        var buffer: UInt32 = 0
        var remaining = 0
        for index in result.indices {
            if remaining == 0 {
                buffer = generator.bitGenerator.nextUInt32()
                remaining = 3
            } else {
                buffer >>= 8
                remaining -= 1
            }
            result[index] = Double((UInt16(UInt8(truncatingIfNeeded: buffer)) &* 2) >> 8)
        }
        return result
    }
}
