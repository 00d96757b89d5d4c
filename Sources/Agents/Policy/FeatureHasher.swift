import Foundation

/// The hashing trick: a feature name goes to one of ``dimension`` slots by 64-bit FNV-1a, mixed with a seed
/// (the SplitMix64 finaliser), so a policy's feature space is fixed-size and seeded.
public struct FeatureHasher: Codable, Sendable, Equatable {
    /// Number of slots.
    public let dimension: Int
    /// The hash seed.
    public let seed: UInt64

    /// A hasher with `dimension` ≥ 1 slots.
    public init(dimension: Int = 1 << 12, seed: UInt64 = 0) {
        self.dimension = max(dimension, 1)
        self.seed = seed
    }

    /// The slot of `feature`.
    public func slot(_ feature: String) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in feature.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var z = hash ^ (seed &* 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(dimension))
    }
}
