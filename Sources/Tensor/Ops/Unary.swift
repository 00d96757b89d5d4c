import RealModule

/// An elementwise function with its derivative written beside it (micrograd style): `dy/dx` from `x` and `y`.
protocol UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T
    static func derivative<T: TensorScalar>(x: T, y: T) -> T
}

extension Tensor {
    /// Applies `F` elementwise and records its derivative.
    @inline(__always)
    func apply<F: UnaryFunction>(_: F.Type) -> Tensor {
        let out: Tensor
        switch storage {
        case .float32(let a):
            if let vectorized = F.self as? any VectorizedUnary.Type {
                out = Tensor(storage: .float32(mapVectorized(a, vectorized)), shape: shape)
            } else {
                out = Tensor(storage: .float32(mapValues(a, F.self)), shape: shape)
            }
        case .float64(let a): out = Tensor(storage: .float64(mapValues(a, F.self)), shape: shape)
        }
        return record(out, [self]) { [self] g in [Tensor.chain(g, x: self, y: out, F.self)] }
    }

    /// `g * F'(x)` elementwise.
    static func chain<F: UnaryFunction>(_ g: Tensor, x: Tensor, y: Tensor, _: F.Type) -> Tensor {
        switch (g.storage, x.storage, y.storage) {
        case (.float32(let gv), .float32(let xv), .float32(let yv)):
            if let vectorized = F.self as? any VectorizedUnary.Type {
                return Tensor(storage: .float32(chainVectorized(gv, xv, yv, vectorized)), shape: x.shape)
            }
            return Tensor(storage: .float32(chainValues(gv, xv, yv, F.self)), shape: x.shape)
        default:
            return Tensor(storage: .float64(chainValues(g.doubles, x.doubles, y.doubles, F.self)), shape: x.shape)
        }
    }
}

@inline(__always)
private func mapValues<T: TensorScalar, F: UnaryFunction>(_ a: [T], _: F.Type) -> [T] {
    [T](unsafeUninitializedCapacity: a.count) { out, n in
        a.withUnsafeBufferPointer { pa in
            for i in 0..<pa.count { out[i] = F.value(pa[i]) }
        }
        n = a.count
    }
}

private func mapVectorized(_ a: [Float], _ f: any VectorizedUnary.Type) -> [Float] {
    func run<F: VectorizedUnary>(_: F.Type) -> [Float] {
        [Float](unsafeUninitializedCapacity: a.count) { out, n in
            a.withUnsafeBufferPointer { pa in
                for i in 0..<pa.count { out[i] = F.fast(pa[i]) }
            }
            n = a.count
        }
    }
    return run(f)
}

private func chainVectorized(_ g: [Float], _ x: [Float], _ y: [Float], _ f: any VectorizedUnary.Type) -> [Float] {
    func run<F: VectorizedUnary>(_: F.Type) -> [Float] {
        [Float](unsafeUninitializedCapacity: x.count) { out, n in
            g.withUnsafeBufferPointer { pg in
                x.withUnsafeBufferPointer { px in
                    y.withUnsafeBufferPointer { py in
                        for i in 0..<px.count { out[i] = pg[i] * F.fastDerivative(x: px[i], y: py[i]) }
                    }
                }
            }
            n = x.count
        }
    }
    return run(f)
}

@inline(__always)
private func chainValues<T: TensorScalar, F: UnaryFunction>(_ g: [T], _ x: [T], _ y: [T], _: F.Type) -> [T] {
    [T](unsafeUninitializedCapacity: x.count) { out, n in
        g.withUnsafeBufferPointer { pg in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeBufferPointer { py in
                    for i in 0..<px.count { out[i] = pg[i] * F.derivative(x: px[i], y: py[i]) }
                }
            }
        }
        n = x.count
    }
}

enum NegF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { -x }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { -1 }
}
enum ExpF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { .exp(x) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { y }
}
enum LogF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { .log(x) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { 1 / x }
}
enum Log1pF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { .log(onePlus: x) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { 1 / (1 + x) }
}
enum SqrtF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { x.squareRoot() }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { 1 / (2 * y) }
}
enum RsqrtF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { 1 / x.squareRoot() }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { -y * y * y / 2 }
}
enum SquareF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { x * x }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { 2 * x }
}
enum AbsF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { Swift.abs(x) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}
enum SignF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { x > 0 ? 1 : (x < 0 ? -1 : 0) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { 0 }
}
enum SinF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { .sin(x) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { .cos(x) }
}
enum CosF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { .cos(x) }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { -.sin(x) }
}
enum ReciprocalF: UnaryFunction {
    static func value<T: TensorScalar>(_ x: T) -> T { 1 / x }
    static func derivative<T: TensorScalar>(x: T, y: T) -> T { -y * y }
}

/// e^x elementwise.
public func exp(_ x: Tensor) -> Tensor { x.apply(ExpF.self) }
/// Natural logarithm elementwise.
public func log(_ x: Tensor) -> Tensor { x.apply(LogF.self) }
/// log(1 + x) elementwise, accurate for small x.
public func log1p(_ x: Tensor) -> Tensor { x.apply(Log1pF.self) }
/// Square root elementwise.
public func sqrt(_ x: Tensor) -> Tensor { x.apply(SqrtF.self) }
/// 1/√x elementwise.
public func rsqrt(_ x: Tensor) -> Tensor { x.apply(RsqrtF.self) }
/// |x| elementwise (derivative 0 at 0, as PyTorch).
public func abs(_ x: Tensor) -> Tensor { x.apply(AbsF.self) }
/// −1, 0 or 1 elementwise (zero gradient).
public func sign(_ x: Tensor) -> Tensor { x.apply(SignF.self) }
/// Sine elementwise.
public func sin(_ x: Tensor) -> Tensor { x.apply(SinF.self) }
/// Cosine elementwise.
public func cos(_ x: Tensor) -> Tensor { x.apply(CosF.self) }

extension Tensor {
    /// x² elementwise.
    public func square() -> Tensor { apply(SquareF.self) }
    /// 1/x elementwise.
    public func reciprocal() -> Tensor { apply(ReciprocalF.self) }
    /// −x.
    public static prefix func - (x: Tensor) -> Tensor { x.apply(NegF.self) }
}
