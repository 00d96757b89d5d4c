import RealModule

/// ψ(x) = d/dx log Γ(x) in Double: reflection for x < 0.5, upward recurrence to x ≥ 10, then the asymptotic
/// series ln x − 1/(2x) − Σ B₂ₖ/(2k·x²ᵏ). Absolute error ≈ 1e-15 away from the poles (non-positive integers,
/// where it returns NaN or ±infinity).
func digammaValue(_ input: Double) -> Double {
    var x = input
    if x <= 0 && x == x.rounded(.down) { return .nan }
    var result = 0.0
    if x < 0.5 {
        // ψ(1 − x) − ψ(x) = π cot(πx)
        result -= Double.pi / Double.tan(Double.pi * x)
        x = 1 - x
    }
    while x < 10 {
        result -= 1 / x
        x += 1
    }
    let r = 1 / (x * x)
    let series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132)))))
    return result + Double.log(x) - 0.5 / x - series
}

/// ψ₁(x) = d²/dx² log Γ(x) in Double: reflection, recurrence to x ≥ 10, asymptotic series
/// 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹.
func trigammaValue(_ input: Double) -> Double {
    var x = input
    if x <= 0 && x == x.rounded(.down) { return .infinity }
    var result = 0.0
    var sign = 1.0
    if x < 0.5 {
        // ψ₁(1 − x) + ψ₁(x) = π² / sin²(πx)
        let s = Double.sin(Double.pi * x)
        result = Double.pi * Double.pi / (s * s)
        sign = -1
        x = 1 - x
    }
    var accumulated = 0.0
    while x < 10 {
        accumulated += 1 / (x * x)
        x += 1
    }
    let r = 1 / (x * x)
    let series = 1 / x + r / 2 + r / x * (1.0 / 6 - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30 - r * (5.0 / 66)))))
    return result + sign * (accumulated + series)
}

enum LogGammaF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { .logGamma(x) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { T(digammaValue(Double(x))) }
}

enum DigammaF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { T(digammaValue(Double(x))) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { T(trigammaValue(Double(x))) }
}

/// log |Γ(x)| elementwise (PyTorch `lgamma`); its gradient is ``digamma(_:)``.
/// - Complexity: O(x.count).
public func lgamma(_ x: Tensor) -> Tensor { x.apply(LogGammaF.self) }

/// ψ(x), the derivative of log Γ, elementwise (PyTorch `digamma`); its gradient is the trigamma function.
/// - Complexity: O(x.count).
public func digamma(_ x: Tensor) -> Tensor { x.apply(DigammaF.self) }

/// ψ(x), the digamma function d/dx log Γ(x), of one Double (see `digammaValue`: ≈ 1e-15 absolute error, NaN at the
/// poles 0, −1, −2, …).
public func digamma(_ x: Double) -> Double { digammaValue(x) }
