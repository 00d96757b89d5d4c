import Foundation

/// NumPy's ziggurat samplers (Marsaglia & Tsang 2000, "The Ziggurat Method for Generating Random Variables"), over
/// any 64-bit generator. With ``NumPyGenerator`` they reproduce `Generator.standard_normal()` and
/// `Generator.standard_exponential()` bit for bit; with other generators they are simply fast exact samplers.
@usableFromInline
enum Ziggurat {
    /// r, the start of the normal ziggurat's tail.
    @usableFromInline static let normalTailStart = 3.6541528853610087963519472518
    /// 1 / r.
    @usableFromInline static let normalTailStartInverse = 0.27366123732975827203338247596
    /// r, the start of the exponential ziggurat's tail.
    @usableFromInline static let exponentialTailStart = 7.69711747013104971

    /// A uniform double in [0, 1): `(next() >> 11) · 2^-53`.
    @inlinable @inline(__always)
    static func unit<G: RandomNumberGenerator>(_ rng: inout G) -> Double {
        Double(rng.next() >> 11) * 0x1p-53
    }

    /// Standard normal: 256 layers on one 64-bit draw (8 bits of layer, 1 sign bit, 52 bits of magnitude), with the
    /// wedge test and Marsaglia's tail method as fallbacks.
    @inlinable
    static func normal<G: RandomNumberGenerator>(_ rng: inout G) -> Double {
        while true {
            var bits = rng.next()
            let layer = Int(bits & 0xFF)
            bits >>= 8
            let negative = bits & 1 == 1
            let magnitude = (bits >> 1) & 0x000F_FFFF_FFFF_FFFF
            var x = Double(magnitude) * ZigguratTables.wi[layer]
            if negative {
                x = -x
            }
            if magnitude < ZigguratTables.ki[layer] {
                return x
            }
            if layer == 0 {
                while true {
                    let xx = -normalTailStartInverse * log1p(-unit(&rng))
                    let yy = -log1p(-unit(&rng))
                    if yy + yy > xx * xx {
                        let tail = normalTailStart + xx
                        return (magnitude >> 8) & 1 == 1 ? -tail : tail
                    }
                }
            }
            let fi = ZigguratTables.fi
            if (fi[layer - 1] - fi[layer]) * unit(&rng) + fi[layer] < exp(-0.5 * x * x) {
                return x
            }
        }
    }

    /// Standard exponential: 256 layers on one 64-bit draw (low 3 bits dropped, 8 bits of layer, 53 bits of
    /// magnitude), with the wedge test and the memoryless tail as fallbacks.
    @inlinable
    static func exponential<G: RandomNumberGenerator>(_ rng: inout G) -> Double {
        while true {
            var bits = rng.next() >> 3
            let layer = Int(bits & 0xFF)
            bits >>= 8
            let x = Double(bits) * ZigguratTables.we[layer]
            if bits < ZigguratTables.ke[layer] {
                return x
            }
            if layer == 0 {
                return exponentialTailStart - log1p(-unit(&rng))
            }
            let fe = ZigguratTables.fe
            if (fe[layer - 1] - fe[layer]) * unit(&rng) + fe[layer] < exp(-x) {
                return x
            }
        }
    }
}
