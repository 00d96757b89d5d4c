/// Deterministic hashing used to derive independent random streams from a generator's state and a stream key.
///
/// `mix64` is the SplitMix64 output finaliser (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
/// generators"), a bijection on `UInt64` with good avalanche; names are hashed with 64-bit FNV-1a over their UTF-8
/// bytes. These functions are part of the stream contract: changing them changes every derived stream.
enum StreamMixing {
    /// The golden-ratio increment of SplitMix64, 2^64 / φ rounded to odd.
    static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The SplitMix64 finaliser: a bijective 64-bit mixer.
    @inline(__always)
    static func mix64(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The stream key of a name. Names and indices use different domain constants, so `"0"` and index 0 differ.
    static func key(name: String) -> UInt64 {
        mix64(fnv1a(name) ^ 0x6E61_6D65_6B65_7921)  // "namekey!"
    }

    /// The stream key of an integer index.
    static func key(index: Int) -> UInt64 {
        mix64(UInt64(bitPattern: Int64(index)) ^ 0x696E_6465_786B_6579)  // "indexkey"
    }
}
