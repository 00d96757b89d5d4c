/// xoshiro256** (Blackman & Vigna 2018): SwiftRL's default random number generator.
///
/// 256 bits of state, period 2^256 − 1, passes BigCrush and PractRand; about a nanosecond per draw. Seeded through
/// ``SplitMix64`` as its authors recommend. Use ``derived(_:)`` / ``derived(index:)`` to give every component
/// (environment, policy, replay buffer, …) its own stream from one run seed, and ``split()`` to fork a stream.
public struct Xoshiro256StarStar: RandomNumberGenerator, Codable, Sendable, Equatable {
    /// The four state words; never all zero.
    public var state: SIMD4<UInt64> { SIMD4(s0, s1, s2, s3) }

    // Four scalars rather than a SIMD4, so the compiler keeps them in general-purpose registers.
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Creates a generator whose stream is fully determined by `seed` (four SplitMix64 draws fill the state).
    /// - Parameter seed: any 64-bit value, zero included.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        (s0, s1, s2, s3) = (seeder.next(), seeder.next(), seeder.next(), seeder.next())
    }

    /// Creates a generator from explicit state words, e.g. restored from a checkpoint.
    /// - Parameter state: the four words; all-zero state (the one fixed point) is replaced by the state of seed 0.
    public init(state: SIMD4<UInt64>) {
        let words = state == .zero ? Xoshiro256StarStar(seed: 0).state : state
        (s0, s1, s2, s3) = (words[0], words[1], words[2], words[3])
    }

    private enum CodingKeys: String, CodingKey { case state }

    /// Restores a generator encoded by ``encode(to:)``.
    /// - Throws: `DecodingError` if the `state` array of four words is missing or malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(state: try container.decode(SIMD4<UInt64>.self, forKey: .state))
    }

    /// Encodes the state as `{"state": [w0, w1, w2, w3]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
    }

    /// The next 64 random bits.
    /// - Complexity: O(1).
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let shifted = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A generator for the named sub-stream (e.g. `"env"`, `"policy"`), derived from this generator's state without
    /// advancing it: the same state and name always give the same stream, different names give unrelated streams.
    /// - Parameter name: the stream's name, hashed with FNV-1a.
    public func derived(_ name: String) -> Xoshiro256StarStar {
        derived(key: StreamMixing.key(name: name))
    }

    /// A generator for the sub-stream number `index` (e.g. one per vectorised environment); see ``derived(_:)``.
    public func derived(index: Int) -> Xoshiro256StarStar {
        derived(key: StreamMixing.key(index: index))
    }

    /// Draws four words from this generator to seed and return a new, independent generator.
    public mutating func split() -> Xoshiro256StarStar {
        let words = SIMD4(next(), next(), next(), next())
        return Xoshiro256StarStar(
            state: SIMD4(
                StreamMixing.mix64(words[0]), StreamMixing.mix64(words[1]),
                StreamMixing.mix64(words[2]), StreamMixing.mix64(words[3])))
    }

    private func derived(key: UInt64) -> Xoshiro256StarStar {
        var words = SIMD4<UInt64>.zero
        for lane in 0..<4 {
            let laneKey = StreamMixing.mix64(key &+ UInt64(lane + 1) &* StreamMixing.golden)
            words[lane] = StreamMixing.mix64(state[lane] ^ laneKey)
        }
        return Xoshiro256StarStar(state: words)
    }
}

@inlinable @inline(__always)
func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 &- count))
}
