/// NumPy's `numpy.random.Generator` over ``PCG64``, reproducing its samples bit for bit.
///
/// `NumPyGenerator(seed: s)` is `numpy.random.Generator(numpy.random.PCG64(numpy.random.SeedSequence(s)))`, exactly
/// what Gymnasium's `np_random(s)` builds, so environments and spaces that sample through it match Gymnasium's
/// trajectories for the same seed. Array fills (`size=`) in NumPy draw the same values, in order, as repeated scalar
/// calls, so one scalar method covers both. It is `Codable` for checkpoints.
///
/// Native SwiftRL code should prefer ``Xoshiro256StarStar``; this type exists for compatibility.
public struct NumPyGenerator: RandomNumberGenerator, Codable, Sendable, Equatable {
    /// The bit generator, including NumPy's buffered 32-bit half-word.
    public var bitGenerator: PCG64

    /// `numpy.random.Generator(numpy.random.PCG64(numpy.random.SeedSequence(seed)))`.
    /// - Parameter seed: a non-negative integer seed (Gymnasium's `reset(seed=...)`).
    public init(seed: UInt64) {
        bitGenerator = PCG64(seed: seed)
    }

    /// A generator over an existing bit generator state.
    public init(bitGenerator: PCG64) {
        self.bitGenerator = bitGenerator
    }

    /// Restores a generator from ``encode(to:)``'s output (the bit generator's state).
    /// - Throws: `DecodingError` if the state is malformed.
    public init(from decoder: any Decoder) throws {
        bitGenerator = try PCG64(from: decoder)
    }

    /// Encodes the bit generator's state; see ``PCG64``.
    public func encode(to encoder: any Encoder) throws {
        try bitGenerator.encode(to: encoder)
    }

    /// The next 64 raw bits (`bit_generator.random_raw()`).
    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        bitGenerator.next()
    }

    /// A uniform double in [0, 1): `(next_uint64 >> 11) · 2^-53`, as `Generator.random()`.
    /// - Complexity: O(1).
    public mutating func random() -> Double {
        Double(bitGenerator.next() >> 11) * 0x1p-53
    }

    /// A uniform double in [low, high): `low + (high − low) · random()`, as `Generator.uniform(low, high)`.
    /// - Complexity: O(1).
    public mutating func uniform(low: Double = 0, high: Double = 1) -> Double {
        low + (high - low) * random()
    }

    /// A uniform integer in `low..<high`, as `Generator.integers(low, high)` with the default `int64` dtype:
    /// ranges below 2^32 use NumPy's Lemire method on 32-bit draws (sharing the bit generator's buffered half-word),
    /// larger ones Lemire on 64-bit draws.
    /// - Parameters:
    ///   - low: the inclusive lower bound (default 0, as `integers(high)` in NumPy).
    ///   - high: the exclusive upper bound; must be greater than `low` (NumPy raises `ValueError`; here it is a
    ///     programming error that traps, like `Int.random(in:)` with an empty range).
    /// - Complexity: O(1) expected.
    public mutating func integers(low: Int = 0, high: Int) -> Int {
        precondition(low < high, "integers(low:high:): low (\(low)) must be less than high (\(high))")
        let offset = UInt64(bitPattern: Int64(low))
        let range = UInt64(bitPattern: Int64(high - 1)) &- offset
        return Int(Int64(bitPattern: offset &+ boundedUInt64(range)))
    }

    /// `count` uniform integers in `low..<high`, as `Generator.integers(low, high, size=count)`.
    /// - Complexity: O(count).
    public mutating func integers(low: Int = 0, high: Int, count: Int) -> [Int] {
        (0..<max(count, 0)).map { _ in integers(low: low, high: high) }
    }

    /// Shuffles `array` in place like `Generator.shuffle` on a 1-D array: Fisher–Yates from the last element down,
    /// with NumPy's masked-rejection `random_interval` draws.
    /// - Complexity: O(n).
    public mutating func shuffle<Element>(_ array: inout [Element]) {
        var index = array.count - 1
        while index >= 1 {
            let other = Int(randomInterval(UInt64(index)))
            array.swapAt(index, other)
            index -= 1
        }
    }

    /// A random permutation of `0..<n`, as `Generator.permutation(n)`.
    /// - Complexity: O(n).
    public mutating func permutation(_ n: Int) -> [Int] {
        var values = Array(0..<max(n, 0))
        shuffle(&values)
        return values
    }

    /// NumPy's `random_bounded_uint64` for one value in `0...range` (unmasked Lemire).
    private mutating func boundedUInt64(_ range: UInt64) -> UInt64 {
        if range == 0 {
            return 0
        }
        if range <= 0xFFFF_FFFF {
            if range == 0xFFFF_FFFF {
                return UInt64(bitGenerator.nextUInt32())
            }
            return UInt64(boundedUInt32(UInt32(range)))
        }
        if range == .max {
            return bitGenerator.next()
        }
        let exclusive = range &+ 1
        var product = bitGenerator.next().multipliedFullWidth(by: exclusive)
        if product.low < exclusive {
            let threshold = (UInt64.max - range) % exclusive
            while product.low < threshold {
                product = bitGenerator.next().multipliedFullWidth(by: exclusive)
            }
        }
        return product.high
    }

    /// NumPy's `buffered_bounded_lemire_uint32` for one value in `0...range`, `range < 2^32 - 1`.
    private mutating func boundedUInt32(_ range: UInt32) -> UInt32 {
        let exclusive = range &+ 1
        var product = UInt64(bitGenerator.nextUInt32()) &* UInt64(exclusive)
        if UInt32(truncatingIfNeeded: product) < exclusive {
            let threshold = (UInt32.max - range) % exclusive
            while UInt32(truncatingIfNeeded: product) < threshold {
                product = UInt64(bitGenerator.nextUInt32()) &* UInt64(exclusive)
            }
        }
        return UInt32(truncatingIfNeeded: product >> 32)
    }

    /// NumPy's `random_interval`: a value in `0...max` by rejection under the smallest all-ones mask.
    private mutating func randomInterval(_ max: UInt64) -> UInt64 {
        if max == 0 {
            return 0
        }
        var mask = max
        for shift: UInt64 in [1, 2, 4, 8, 16, 32] {
            mask |= mask >> shift
        }
        if max <= 0xFFFF_FFFF {
            while true {
                let value = UInt64(bitGenerator.nextUInt32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = bitGenerator.next() & mask
            if value <= max { return value }
        }
    }
}
