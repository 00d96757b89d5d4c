import RealModule

enum ReluF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { x > 0 ? x : 0 }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { x > 0 ? 1 : 0 }
}
enum TanhF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { .tanh(x) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { 1 - y * y }
}
/// tanh with the derivative sech²(x) computed from x (see `FastMath.sech2`).
enum TanhSech2F: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { .tanh(x) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T {
        let t = T.exp(-2 * Swift.abs(x))
        return 4 * t / ((1 + t) * (1 + t))
    }
}
enum SigmoidF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { x >= 0 ? 1 / (1 + .exp(-x)) : .exp(x) / (1 + .exp(x)) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { y * (1 - y) }
}
enum SoftplusF: UnaryFunction {
    // log(1 + e^x) = max(x, 0) + log1p(e^-|x|)
    static func value<T: TensorScalar>(_ x: T) -> T { Swift.max(x, 0) + .log(onePlus: .exp(-Swift.abs(x))) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { SigmoidF.value(x) }
}
enum SiluF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { x * SigmoidF.value(x) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T {
        let s = SigmoidF.value(x)
        return s * (1 + x * (1 - s))
    }
}
/// GELU with the exact Gaussian CDF (PyTorch `gelu`, HF `gelu`).
enum GeluF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { x * (1 + .erf(x / T.sqrt(2))) / 2 }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T {
        let cdf = (1 + T.erf(x / T.sqrt(2))) / 2
        let pdf = T.exp(-x * x / 2) / T.sqrt(2 * T.pi)
        return cdf + x * pdf
    }
}
/// GELU with the tanh approximation (PyTorch `gelu(approximate="tanh")`, HF `gelu_new`, GPT-2).
enum GeluTanhF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T {
        let k = T.sqrt(2 / T.pi)
        return x * (1 + .tanh(k * (x + T(0.044715) * x * x * x))) / 2
    }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T {
        let k = T.sqrt(2 / T.pi)
        let u = k * (x + T(0.044715) * x * x * x)
        let t = T.tanh(u)
        return (1 + t) / 2 + x * (1 - t * t) * k * (1 + 3 * T(0.044715) * x * x) / 2
    }
}

/// max(x, 0).
public func relu(_ x: Tensor) -> Tensor { x.apply(ReluF.self) }
/// Hyperbolic tangent; its derivative is 1 − tanh²(x) from the output (PyTorch's), which is exactly 0 once tanh(x)
/// rounds to ±1 (|x| ≳ 7.9 in `Float`). For a squashing output layer use ``saturationSafeTanh(_:)``.
public func tanh(_ x: Tensor) -> Tensor { x.apply(TanhF.self) }
/// Hyperbolic tangent whose derivative is sech²(x) = 4e^−2|x| / (1 + e^−2|x|)², computed from the input: the same
/// values as ``tanh(_:)`` and a gradient that never becomes exactly 0 (8.2e-9 at x = 10, where 1 − tanh² is 0).
/// Meant for tanh output heads (TD3's actor): with Adam, a run of same-signed gradients can push such a unit past
/// the point where 1 − tanh² rounds to 0, and it would never move again. Costs one `exp` per element in the
/// backward pass, so hidden layers use ``tanh(_:)``.
public func saturationSafeTanh(_ x: Tensor) -> Tensor { x.apply(TanhSech2F.self) }
/// 1 / (1 + e^−x), computed without overflow.
public func sigmoid(_ x: Tensor) -> Tensor { x.apply(SigmoidF.self) }
/// log(1 + e^x), computed without overflow.
public func softplus(_ x: Tensor) -> Tensor { x.apply(SoftplusF.self) }
/// x · sigmoid(x) (a.k.a. swish).
public func silu(_ x: Tensor) -> Tensor { x.apply(SiluF.self) }

/// GELU: x·Φ(x), exact by default; `approximateTanh` gives GPT-2's tanh form.
public func gelu(_ x: Tensor, approximateTanh: Bool = false) -> Tensor {
    approximateTanh ? x.apply(GeluTanhF.self) : x.apply(GeluF.self)
}

/// x for x > 0, `negativeSlope`·x otherwise (PyTorch default slope 0.01).
public func leakyRelu(_ x: Tensor, negativeSlope: Double = 0.01) -> Tensor {
    let positive = x.greater(0)
    return x * (positive + (1 - positive) * negativeSlope)
}

/// x for x > 0, α(eˣ − 1) otherwise (PyTorch default α = 1).
public func elu(_ x: Tensor, alpha: Double = 1) -> Tensor {
    let positive = x.greater(0)
    return `where`(positive, x, (exp(minimum(x, x.scalarLike(0))) - 1) * alpha)
}
