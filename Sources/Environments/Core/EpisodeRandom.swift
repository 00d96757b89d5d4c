import Tensor

/// An environment's own NumPy-compatible generator (Gymnasium's `env.np_random`) with Gymnasium's seeding
/// rule: `reset(seed: s)` replaces it with `np_random(s)`; `reset(seed: nil)` keeps the stream going, and an
/// environment that was never seeded draws its seed from the operating system's entropy, as Gymnasium does.
public struct EpisodeRandom: Sendable {
    /// The generator; nil until the first reset.
    public private(set) var generator: NumPyGenerator?

    /// Creates an unseeded holder.
    public init() {}

    /// Applies the seeding rule for a reset with `seed`.
    public mutating func prepare(seed: UInt64?) {
        if let seed {
            generator = NumPyGenerator(seed: seed)
        } else if generator == nil {
            var entropy = SystemRandomNumberGenerator()
            generator = NumPyGenerator(seed: entropy.next())
        }
    }

    /// A uniform double in `[low, high)`, as `np_random.uniform(low, high)`.
    public mutating func uniform(low: Double, high: Double) -> Double {
        prepare(seed: nil)
        return generator?.uniform(low: low, high: high) ?? low
    }

    /// A uniform double in `[0, 1)`, as `np_random.random()`.
    public mutating func random() -> Double {
        prepare(seed: nil)
        return generator?.random() ?? 0
    }

    /// An integer in `[low, high)`, as `np_random.integers(low, high)`.
    public mutating func integers(low: Int, high: Int) -> Int {
        prepare(seed: nil)
        return generator?.integers(low: low, high: high) ?? low
    }

    /// A standard normal draw, as `np_random.standard_normal()`.
    public mutating func standardNormal() -> Double {
        prepare(seed: nil)
        return generator?.standardNormal() ?? 0
    }
}

/// Reads `low`/`high` reset options like Gymnasium's `utils.maybe_parse_reset_bounds`.
/// - Throws: ``EnvironmentError/invalidOption(_:)`` when `low > high`.
func resetBounds(_ options: ResetOptions, defaultLow: Double, defaultHigh: Double) throws(EnvironmentError)
    -> (low: Double, high: Double)
{
    let low = options["low"] ?? defaultLow, high = options["high"] ?? defaultHigh
    guard low <= high else {
        throw .invalidOption("reset option low (\(low)) must be ≤ high (\(high))")
    }
    return (low, high)
}
