import Foundation

extension RandomNumberGenerator {
    /// A uniform `Float` in [0, 1) with 24 random bits (every value is a multiple of 2^-24).
    /// - Complexity: O(1), one draw.
    @inlinable
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform `Double` in [0, 1) with 53 random bits (every value is a multiple of 2^-53).
    /// - Complexity: O(1), one draw.
    @inlinable
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal sample (mean 0, standard deviation 1) by NumPy's 256-layer ziggurat (Marsaglia & Tsang
    /// 2000): one draw 99.3% of the time, exact in distribution (no cut-off tail). With ``NumPyGenerator`` this is
    /// the same stream as its ``NumPyGenerator/standardNormal()``.
    /// - Complexity: O(1) expected.
    @inlinable
    public mutating func normal() -> Double {
        Ziggurat.normal(&self)
    }

    /// A standard exponential sample (rate 1) by NumPy's 256-layer ziggurat; one draw 98.9% of the time.
    /// - Complexity: O(1) expected.
    @inlinable
    public mutating func exponential() -> Double {
        Ziggurat.exponential(&self)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire 2019, "Fast random integer generation in an
    /// interval"): one draw almost always, more only when the first falls in the small rejected zone.
    /// - Parameter bound: the exclusive upper bound; must be positive (a non-positive bound is a programming error
    ///   and traps, as `Int.random(in:)` does for an empty range).
    /// - Complexity: O(1) expected.
    @inlinable
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "int(below:) needs a positive bound, got \(bound)")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }
}
