import Tensor

/// Gymnasium's `MultiDiscrete(nvec, start)`: a vector of independent discrete variables.
public struct MultiDiscreteSpace: Hashable, Sendable, Codable {
    /// The number of values of each variable.
    public var nvec: [Int]
    /// The smallest value of each variable.
    public var start: [Int]

    /// Creates `MultiDiscrete(nvec, start)`.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when a count is not positive or `start` has the wrong length.
    public init(_ nvec: [Int], start: [Int]? = nil) throws(EnvironmentError) {
        guard nvec.allSatisfy({ $0 > 0 }) else {
            throw .spaceMismatch("MultiDiscrete(nvec: \(nvec)): every count must be positive")
        }
        let start = start ?? Array(repeating: 0, count: nvec.count)
        guard start.count == nvec.count else {
            throw .spaceMismatch("MultiDiscrete: start has \(start.count) entries but nvec has \(nvec.count)")
        }
        self.nvec = nvec
        self.start = start
    }

    /// Whether `values` has the right length and every entry is in range.
    public func contains(_ values: [Double]) -> Bool {
        guard values.count == nvec.count else { return false }
        for index in values.indices {
            let value = values[index]
            guard value == value.rounded(), value >= Double(start[index]),
                value < Double(start[index] + nvec[index])
            else { return false }
        }
        return true
    }

    /// Samples like Gymnasium: `(np_random.random(shape) * nvec).astype(int64) + start`.
    public func sample(using generator: inout NumPyGenerator) -> [Double] {
        nvec.indices.map { index in
            let scaled = generator.random() * Double(nvec[index])
            return scaled.rounded(.towardZero) + Double(start[index])
        }
    }
}
