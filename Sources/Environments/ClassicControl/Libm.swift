import Foundation

/// C-library functions looked up at run time, for results identical to NumPy's:
///
/// - `x ** y` on NumPy float64/float32 scalars uses `pow`/`powf` (`np.float64(x) ** 2` differs from `x * x` in
///   about 1 of 1,000 cases). Calling them through `dlsym` stops the optimiser from rewriting `pow(x, 2)` into
///   `x * x`, which would break bit-compatibility in release builds.
/// - `sincos` gives exactly glibc's `sin` and `cos` (checked on 3 million arguments) in one call.
enum Libm {
    typealias DoublePower = @convention(c) (Double, Double) -> Double
    typealias FloatPower = @convention(c) (Float, Float) -> Float
    typealias SineCosine = @convention(c) (Double, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void

    nonisolated(unsafe) private static let library = dlopen(nil, RTLD_NOW)
    private static let doublePower: DoublePower? = dlsym(library, "pow").map { unsafeBitCast($0, to: DoublePower.self) }
    private static let floatPower: FloatPower? = dlsym(library, "powf").map { unsafeBitCast($0, to: FloatPower.self) }
    private static let sineCosine: SineCosine? = dlsym(library, "sincos").map { unsafeBitCast($0, to: SineCosine.self) }

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

    /// `(sin(x), cos(x))`, identical to calling both.
    @inline(__always)
    static func sinCos(_ x: Double) -> (sin: Double, cos: Double) {
        guard let sineCosine else { return (Foundation.sin(x), Foundation.cos(x)) }
        var s = 0.0, c = 0.0
        sineCosine(x, &s, &c)
        return (s, c)
    }
}
