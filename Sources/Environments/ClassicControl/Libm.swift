import Foundation

/// `x ** y` on NumPy float64/float32 scalars, which NumPy evaluates with the C library's `pow`/`powf`
/// (`np.float64(x) ** 2` differs from `x * x` in about 1 of 1,000 cases).
///
/// The functions are looked up at run time so the optimiser cannot rewrite `pow(x, 2)` into `x * x`
/// (LLVM does that for calls it can see), which would break bit-compatibility in release builds.
enum ScalarPower {
    typealias DoublePower = @convention(c) (Double, Double) -> Double
    typealias FloatPower = @convention(c) (Float, Float) -> Float

    nonisolated(unsafe) private static let libm = dlopen(nil, RTLD_NOW)
    private static let doublePower: DoublePower? = dlsym(libm, "pow").map { unsafeBitCast($0, to: DoublePower.self) }
    private static let floatPower: FloatPower? = dlsym(libm, "powf").map { unsafeBitCast($0, to: FloatPower.self) }

    /// `np.float64(x) ** y`.
    static func power(_ x: Double, _ y: Double) -> Double {
        if let doublePower { return doublePower(x, y) }
        return Foundation.pow(x, y)
    }

    /// `np.float32(x) ** y`.
    static func power(_ x: Float, _ y: Float) -> Float {
        if let floatPower { return floatPower(x, y) }
        return Foundation.powf(x, y)
    }
}
