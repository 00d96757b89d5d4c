/// Branch-free single-precision `exp` and `tanh`, written as straight-line scalar code so that loops over buffers
/// auto-vectorise (Swift's SIMD `min`/`max`/`rounded` lower to per-lane loops, scalar selects do not). Used on
/// `Float` tensors in place of libm calls, which dominated small-network steps. Accuracy is checked against
/// `Double` in the tests: relative error ≤ 3e-7 for `exp` on [−87, 88], absolute error ≤ 3e-7 for `tanh`.
enum FastMath {
    /// e^x: x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite split of ln2), e^r by a degree-7 Taylor polynomial, then
    /// scaled by 2^n through the exponent bits. Inputs are clamped to [−87.33, 88.37] (results 1.2e-38 … 2.4e38,
    /// never denormal or infinite).
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        var c = x < 88.37 ? x : 88.37
        c = c > -87.33 ? c : -87.33
        // round-to-nearest of c·log₂e by the 1.5·2²³ trick
        let magic: Float = 12_582_912
        let n = (c * 1.442_695_04 + magic) - magic
        var r = c - n * 0.693_359_375  // ln2 high part (exact in float)
        r = r - n * -2.121_944_4e-4  // ln2 low part
        var p: Float = 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        // 2^n: n + 127 lands in the low mantissa bits of n + (2^23 + 127), exactly (n is integral, |n| ≤ 127).
        let biased = (n + 8_388_735).bitPattern & 0x7F_FFFF
        return p * Float(bitPattern: biased << 23)
    }

    /// tanh′(x) = sech²(x) = 4t / (1 + t)², t = e^−2|x|, computed from x. The usual 1 − tanh²(x) from the output is
    /// exactly 0 once tanh rounds to ±1 (|x| ≳ 7.9 here, ≳ 9 in libm), so a saturated tanh unit — e.g. a TD3 actor
    /// pushed to full throttle by Adam — never receives a gradient again; sech² keeps a tiny, correctly signed one
    /// (8e-9 at x = 10) that Adam's normalisation turns into a step back. Used by `saturationSafeTanh`.
    @inline(__always)
    static func sech2(_ x: Float) -> Float {
        let t = exp(-2 * Swift.abs(x))
        let d = 1 + t
        return 4 * t / (d * d)
    }

    /// tanh: an odd rational minimax approximation p(x)/q(x) (degree 13/6, the form used by Eigen's fast float
    /// tanh) on x clamped to ±7.9053, where tanh rounds to ±1 in single precision.
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let bound: Float = 7.905_311_107_635_498
        var c = x < bound ? x : bound
        c = c > -bound ? c : -bound
        let x2 = c * c
        var p: Float = -2.760_768_477_423_55e-16
        p = p * x2 + 2.000_187_904_824_77e-13
        p = p * x2 + -8.604_671_522_137_35e-11
        p = p * x2 + 5.122_297_090_371_14e-08
        p = p * x2 + 1.485_722_357_179_79e-05
        p = p * x2 + 6.372_619_288_754_36e-04
        p = p * x2 + 4.893_524_558_917_86e-03
        p = p * c
        var q: Float = 1.198_258_394_667_02e-06
        q = q * x2 + 1.185_347_056_866_54e-04
        q = q * x2 + 2.268_434_632_439_00e-03
        q = q * x2 + 4.893_525_185_543_85e-03
        return p / q
    }
}

/// A unary function with fast `Float` forward and derivative passes (no libm calls).
protocol VectorizedUnary: UnaryFunction {
    static func fast(_ x: Float) -> Float
    static func fastDerivative(x: Float, y: Float) -> Float
}

extension ExpF: VectorizedUnary {
    @inline(__always) static func fast(_ x: Float) -> Float { FastMath.exp(x) }
    @inline(__always) static func fastDerivative(x: Float, y: Float) -> Float { y }
}

extension TanhF: VectorizedUnary {
    @inline(__always) static func fast(_ x: Float) -> Float { FastMath.tanh(x) }
    @inline(__always) static func fastDerivative(x: Float, y: Float) -> Float { 1 - y * y }
}

extension TanhSech2F: VectorizedUnary {
    @inline(__always) static func fast(_ x: Float) -> Float { FastMath.tanh(x) }
    @inline(__always) static func fastDerivative(x: Float, y: Float) -> Float { FastMath.sech2(x) }
}

extension SigmoidF: VectorizedUnary {
    // 1/(1 + e^−x); e^−x is clamped to [1.2e-38, 2.4e38], giving 1 or ~4e-39 at the ends without NaNs.
    @inline(__always) static func fast(_ x: Float) -> Float { 1 / (1 + FastMath.exp(-x)) }
    @inline(__always) static func fastDerivative(x: Float, y: Float) -> Float { y * (1 - y) }
}

extension GeluTanhF: VectorizedUnary {
    static let k: Float = 0.797_884_560_802_865_4  // √(2/π)

    @inline(__always) static func fast(_ x: Float) -> Float {
        x * (1 + FastMath.tanh(k * (x + 0.044715 * x * x * x))) * 0.5
    }

    @inline(__always) static func fastDerivative(x: Float, y: Float) -> Float {
        let t = FastMath.tanh(k * (x + 0.044715 * x * x * x))
        return (1 + t) * 0.5 + x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x) * 0.5
    }
}

extension SiluF: VectorizedUnary {
    // x·σ(x) with the same clamped exp as SigmoidF; derivative σ(x)·(1 + x·(1 − σ(x))).
    @inline(__always) static func fast(_ x: Float) -> Float { x / (1 + FastMath.exp(-x)) }
    @inline(__always) static func fastDerivative(x: Float, y: Float) -> Float {
        let s = 1 / (1 + FastMath.exp(-x))
        return s * (1 + x * (1 - s))
    }
}
