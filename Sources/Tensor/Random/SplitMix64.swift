/// SplitMix64 (Steele, Lea & Flood 2014): a tiny 64-bit generator with a single word of state.
///
/// Fast and statistically solid for seeding and light use; SwiftRL's default generator is
/// ``Xoshiro256StarStar``, which is seeded through SplitMix64 as its authors recommend.
/// The state is a plain counter, so two generators are equal exactly when they will produce the same stream.
public struct SplitMix64: RandomNumberGenerator, Codable, Sendable, Equatable {
    /// The counter; advanced by the golden-ratio increment on every draw.
    public var state: UInt64

    /// Creates a generator whose stream is fully determined by `seed`.
    /// - Parameter seed: any 64-bit value, zero included.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    /// - Complexity: O(1).
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for the named sub-stream (e.g. `"env"`, `"policy"`), derived from this generator's state without
    /// advancing it: the same state and name always give the same stream, different names give unrelated streams.
    /// - Parameter name: the stream's name, hashed with FNV-1a.
    public func derived(_ name: String) -> SplitMix64 {
        derived(key: StreamMixing.key(name: name))
    }

    /// A generator for the sub-stream number `index` (e.g. one per vectorised environment); see ``derived(_:)``.
    public func derived(index: Int) -> SplitMix64 {
        derived(key: StreamMixing.key(index: index))
    }

    /// Draws from this generator to seed and return a new, independent generator (the parent advances by one draw).
    public mutating func split() -> SplitMix64 {
        SplitMix64(seed: StreamMixing.mix64(next() ^ 0x7370_6C69_7421_2121))  // "split!!!"
    }

    private func derived(key: UInt64) -> SplitMix64 {
        SplitMix64(seed: StreamMixing.mix64(state ^ key) &+ key)
    }
}
