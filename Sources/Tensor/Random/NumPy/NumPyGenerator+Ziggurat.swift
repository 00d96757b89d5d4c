import Foundation

extension NumPyGenerator {
    /// r, the start of the normal ziggurat's tail.
    private static let normalTailStart = 3.6541528853610087963519472518
    /// 1 / r.
    private static let normalTailStartInverse = 0.27366123732975827203338247596
    /// r, the start of the exponential ziggurat's tail.
    private static let exponentialTailStart = 7.69711747013104971

    /// A standard normal sample, as `Generator.standard_normal()`: NumPy's 256-layer ziggurat (Marsaglia & Tsang 2000)
    /// on one 64-bit draw (8 bits of layer, 1 sign bit, 52 bits of magnitude), with NumPy's tables and its wedge and
    /// tail fallbacks.
    /// - Complexity: O(1) expected; one draw 99.3% of the time.
    public mutating func standardNormal() -> Double {
        while true {
            var bits = next()
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
                    let xx = -Self.normalTailStartInverse * log1p(-random())
                    let yy = -log1p(-random())
                    if yy + yy > xx * xx {
                        let tail = Self.normalTailStart + xx
                        return (magnitude >> 8) & 1 == 1 ? -tail : tail
                    }
                }
            }
            let fi = ZigguratTables.fi
            if (fi[layer - 1] - fi[layer]) * random() + fi[layer] < exp(-0.5 * x * x) {
                return x
            }
        }
    }

    /// A normal sample with mean `loc` and standard deviation `scale`: `loc + scale · standardNormal()`, as
    /// `Generator.normal(loc, scale)`.
    /// - Complexity: O(1) expected.
    public mutating func normal(loc: Double = 0, scale: Double = 1) -> Double {
        loc + scale * standardNormal()
    }

    /// A standard exponential sample (rate 1), as `Generator.standard_exponential()`: NumPy's 256-layer ziggurat on
    /// one 64-bit draw (the low 3 bits dropped, 8 bits of layer, 53 bits of magnitude). Gymnasium's `Box.sample`
    /// uses it for half-bounded boxes.
    /// - Complexity: O(1) expected; one draw 98.9% of the time.
    public mutating func standardExponential() -> Double {
        while true {
            var bits = next() >> 3
            let layer = Int(bits & 0xFF)
            bits >>= 8
            let x = Double(bits) * ZigguratTables.we[layer]
            if bits < ZigguratTables.ke[layer] {
                return x
            }
            if layer == 0 {
                return Self.exponentialTailStart - log1p(-random())
            }
            let fe = ZigguratTables.fe
            if (fe[layer - 1] - fe[layer]) * random() + fe[layer] < exp(-x) {
                return x
            }
        }
    }

    /// An exponential sample with mean `scale`: `scale · standardExponential()`, as `Generator.exponential(scale)`.
    /// - Complexity: O(1) expected.
    public mutating func exponential(scale: Double = 1) -> Double {
        scale * standardExponential()
    }
}
