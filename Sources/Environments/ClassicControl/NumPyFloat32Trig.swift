import Foundation

/// NumPy's float32 `sin`/`cos` (its SIMD kernel, also used for scalars): Cody-Waite reduction by π/2 with three
/// float32 constants, minimax polynomials evaluated with fused multiply-adds, and the C library for arguments
/// too large for the reduction. Matches `np.cos(np.float32(x))` bit for bit (checked on 40,000 values in [-4, 4]);
/// Acrobot's reset observation needs it because its reset state is float32.
enum NumPyFloat32Trig {
    /// `np.sin(np.float32(x))`.
    static func sin(_ x: Float) -> Float {
        guard x.isFinite, abs(x) <= 117_435.992 else { return Foundation.sinf(x) }
        return evaluate(x, cosine: false)
    }

    /// `np.cos(np.float32(x))`.
    static func cos(_ x: Float) -> Float {
        guard x.isFinite, abs(x) <= 71_476.0625 else { return Foundation.cosf(x) }
        return evaluate(x, cosine: true)
    }

    private static func evaluate(_ x: Float, cosine: Bool) -> Float {
        let magic: Float = 0x1.8p+23
        let quadrant = magic.addingProduct(x, 0x1.45f306p-1) - magic  // rint(x · 2/π)
        var r = x.addingProduct(quadrant, -0x1.921fb0p+00)
        r = r.addingProduct(quadrant, -0x1.5110b4p-22)
        r = r.addingProduct(quadrant, -0x1.846988p-48)
        let r2 = r * r
        var c: Float = (-0x1.6c06dcp-10 as Float).addingProduct(0x1.98e616p-16, r2)
        c = (0x1.55553cp-05 as Float).addingProduct(c, r2)
        c = (-0.5 as Float).addingProduct(c, r2)
        c = (1 as Float).addingProduct(c, r2)
        var s: Float = (-0x1.a06bbap-13 as Float).addingProduct(0x1.7d3bbcp-19, r2)
        s = (0x1.11119ap-07 as Float).addingProduct(s, r2)
        s = (-0x1.555556p-03 as Float).addingProduct(s, r2)
        s = r.addingProduct(s * r2, r)
        let q = Int(quadrant) + (cosine ? 1 : 0)
        let value = q & 1 == 0 ? s : c
        return q & 2 == 0 ? value : -value
    }
}
