/// NumPy's `numpy.random.SeedSequence`: turns a user seed into well-mixed generator state, bit for bit.
///
/// Entropy is split into 32-bit words (least significant first), mixed into a pool of four words with
/// multiply–xorshift hashing, and ``generateState(wordCount:)`` draws output words from the pool with a second
/// hash. Constants and the mixing order follow NumPy's `bit_generator.pyx` (O'Neill's `seed_seq_fe` design), so
/// `SeedSequence(entropy: 42)` here gives the same state as `numpy.random.SeedSequence(42)`.
public struct SeedSequence: Sendable, Equatable {
    /// The mixed pool of four 32-bit words.
    public let pool: [UInt32]

    private static let poolSize = 4
    private static let initA: UInt32 = 0x43B0_D7E5
    private static let multA: UInt32 = 0x931E_8875
    private static let initB: UInt32 = 0x8B51_F9DD
    private static let multB: UInt32 = 0x58F3_8DED
    private static let mixMultL: UInt32 = 0xCA01_F9DD
    private static let mixMultR: UInt32 = 0x4973_F715
    private static let xShift: UInt32 = 16

    /// A seed sequence for a non-negative integer seed, like `numpy.random.SeedSequence(seed)` (and Gymnasium's
    /// `np_random(seed)`).
    /// - Parameter entropy: the seed.
    public init(entropy: UInt64) {
        let low = UInt32(truncatingIfNeeded: entropy)
        let high = UInt32(truncatingIfNeeded: entropy >> 32)
        self.init(words: high == 0 ? [low] : [low, high])
    }

    /// A seed sequence from entropy already split into 32-bit words (least significant first), plus an optional
    /// spawn key, like `SeedSequence(entropy, spawn_key=spawnKey)` for an entropy integer with these words.
    /// - Parameters:
    ///   - words: entropy words; `[0]` for seed 0 (an empty array is treated the same way).
    ///   - spawnKey: the spawn key words (empty for a root sequence).
    public init(words: [UInt32], spawnKey: [UInt32] = []) {
        var entropy = words.isEmpty ? [0] : words
        if !spawnKey.isEmpty && entropy.count < Self.poolSize {
            entropy += Array(repeating: 0, count: Self.poolSize - entropy.count)
        }
        entropy += spawnKey
        pool = Self.mixEntropy(entropy)
    }

    /// `count` 32-bit state words, like `generate_state(count, np.uint32)`.
    /// - Complexity: O(count).
    public func generateState(wordCount count: Int) -> [UInt32] {
        var hashConstant = Self.initB
        var output: [UInt32] = []
        output.reserveCapacity(count)
        for index in 0..<max(count, 0) {
            var value = pool[index % Self.poolSize]
            value ^= hashConstant
            hashConstant &*= Self.multB
            value &*= hashConstant
            value ^= value >> Self.xShift
            output.append(value)
        }
        return output
    }

    /// `count` 64-bit state words, like `generate_state(count, np.uint64)` (pairs of 32-bit words, low word first).
    /// - Complexity: O(count).
    public func generateState64(wordCount count: Int) -> [UInt64] {
        let words = generateState(wordCount: 2 * max(count, 0))
        return (0..<max(count, 0)).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
    }

    private static func hashMix(_ input: UInt32, _ hashConstant: inout UInt32) -> UInt32 {
        var value = input ^ hashConstant
        hashConstant &*= multA
        value &*= hashConstant
        return value ^ (value >> xShift)
    }

    private static func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
        let result = mixMultL &* x &- mixMultR &* y
        return result ^ (result >> xShift)
    }

    private static func mixEntropy(_ entropy: [UInt32]) -> [UInt32] {
        var hashConstant = initA
        var mixer = [UInt32](repeating: 0, count: poolSize)
        for index in 0..<poolSize {
            mixer[index] = hashMix(index < entropy.count ? entropy[index] : 0, &hashConstant)
        }
        for source in 0..<poolSize {
            for destination in 0..<poolSize where source != destination {
                mixer[destination] = mix(mixer[destination], hashMix(mixer[source], &hashConstant))
            }
        }
        for source in poolSize..<max(poolSize, entropy.count) {
            for destination in 0..<poolSize {
                mixer[destination] = mix(mixer[destination], hashMix(entropy[source], &hashConstant))
            }
        }
        return mixer
    }
}
