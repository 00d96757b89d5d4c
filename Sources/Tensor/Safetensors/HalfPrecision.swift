/// Bit-level conversions between `Float` and the 16-bit formats of safetensors files (IEEE binary16 and bfloat16),
/// written out so they work on every platform (Swift's `Float16` is missing on Intel macOS).
enum HalfPrecision {
    /// bfloat16 → Float: the 16 bits are the top half of a binary32 value (exact).
    static func float(fromBFloat16 bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// Float → bfloat16 with round-to-nearest-even (PyTorch's rounding); NaN stays a quiet NaN.
    static func bfloat16(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN {
            return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040
        }
        let rounding: UInt32 = 0x7FFF + ((bits >> 16) & 1)
        return UInt16(truncatingIfNeeded: (bits &+ rounding) >> 16)
    }

    /// IEEE binary16 → Float (exact, subnormals included).
    static func float(fromFloat16 bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        if exponent == 0x1F {  // infinity or NaN
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        if exponent == 0 {  // zero or subnormal: mantissa · 2^-24
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
    }

    /// Float → IEEE binary16 with round-to-nearest-even; overflow gives infinity, NaN stays NaN.
    static func float16(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
        if value.isNaN {
            return sign | 0x7E00
        }
        let magnitude = abs(value)
        if magnitude >= 65520 {  // rounds to infinity
            return sign | 0x7C00
        }
        if magnitude < 0x1p-14 {  // subnormal or zero: round mantissa · 2^24 to an integer, ties to even
            return sign | UInt16((magnitude * 0x1p24).rounded(.toNearestOrEven))
        }
        let exponent = Int((bits >> 23) & 0xFF) - 127 + 15
        let mantissa = bits & 0x7F_FFFF
        var half = UInt32(exponent) << 10 | (mantissa >> 13)
        let remainder = mantissa & 0x1FFF
        if remainder > 0x1000 || (remainder == 0x1000 && half & 1 == 1) {
            half += 1  // may carry into the exponent, which is still correct
        }
        return sign | UInt16(half)
    }
}
