import RealModule

/// An elementwise function of two broadcast operands.
protocol BinaryFunction {
    static func value<T: TensorScalar>(_ a: T, _ b: T) -> T
}

enum AddF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a + b } }
enum SubF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a - b } }
enum MulF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a * b } }
enum DivF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a / b } }
enum PowF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { .pow(a, b) } }
enum MaxF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a >= b ? a : b } }
enum MinF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a <= b ? a : b } }
enum GreaterF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a > b ? 1 : 0 } }
enum GreaterEqualF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a >= b ? 1 : 0 } }
enum LessF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a < b ? 1 : 0 } }
enum LessEqualF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a <= b ? 1 : 0 } }
enum EqualF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a == b ? 1 : 0 } }
enum NotEqualF: BinaryFunction { static func value<T: TensorScalar>(_ a: T, _ b: T) -> T { a != b ? 1 : 0 } }

/// Broadcast elementwise kernel with fast paths for equal shapes, scalars and trailing (bias-like) operands.
func broadcastValues<T: TensorScalar, F: BinaryFunction>(
    _ a: [T], _ aShape: [Int], _ b: [T], _ bShape: [Int], _: F.Type
) -> (values: [T], shape: [Int]) {
    if aShape == bShape {
        let v = [T](unsafeUninitializedCapacity: a.count) { out, n in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in for i in 0..<pa.count { out[i] = F.value(pa[i], pb[i]) } }
            }
            n = a.count
        }
        return (v, aShape)
    }
    let shape = broadcastShapes(aShape, bShape)
    let total = shape.reduce(1, *)
    if b.count == 1 && a.count == total {
        let s = b[0]
        return (a.map { F.value($0, s) }, shape)
    }
    if a.count == 1 && b.count == total {
        let s = a[0]
        return (b.map { F.value(s, $0) }, shape)
    }
    if a.count == total && isTrailing(bShape, of: shape) {
        let period = b.count
        let v = [T](unsafeUninitializedCapacity: total) { out, n in
            n = total
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    guard let src = pa.baseAddress, let row = pb.baseAddress, let dst = out.baseAddress else { return }
                    for r in 0..<(total / max(period, 1)) {
                        let x = src + r * period, y = dst + r * period
                        for j in 0..<period { y[j] = F.value(x[j], row[j]) }
                    }
                }
            }
        }
        return (v, shape)
    }
    let sa = broadcastStrides(aShape, to: shape), sb = broadcastStrides(bShape, to: shape)
    let v = [T](unsafeUninitializedCapacity: total) { out, n in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                forEachBroadcast(shape, sa, sb) { o, ia, ib in out[o] = F.value(pa[ia], pb[ib]) }
            }
        }
        n = total
    }
    return (v, shape)
}

/// Whether `small` (ignoring leading 1s) equals the trailing dimensions of `shape`.
func isTrailing(_ small: [Int], of shape: [Int]) -> Bool {
    var s = small[...]
    while s.first == 1 { s = s.dropFirst() }
    return s.count <= shape.count && Array(shape.suffix(s.count)) == Array(s)
}

extension Tensor {
    /// Elementwise `F(self, other)` with broadcasting (no gradient recorded here).
    func broadcastOp<F: BinaryFunction>(_ other: Tensor, _: F.Type) -> Tensor {
        switch (storage, other.storage) {
        case (.float32(let a), .float32(let b)):
            let r = broadcastValues(a, shape, b, other.shape, F.self)
            return Tensor(storage: .float32(r.values), shape: r.shape)
        default:
            precondition(dtype == other.dtype, "dtype mismatch: \(dtype) and \(other.dtype); use cast(_:)")
            let r = broadcastValues(doubles, shape, other.doubles, other.shape, F.self)
            return Tensor(storage: .float64(r.values), shape: r.shape)
        }
    }

    /// Sums a broadcast gradient back down to `target` shape.
    func reduced(to target: [Int]) -> Tensor {
        if shape == target { return self }
        let offset = rank - target.count
        var axes: [Int] = Array(0..<offset)
        for i in 0..<target.count where target[i] == 1 && shape[i + offset] != 1 { axes.append(i + offset) }
        var r = axes.isEmpty ? self : sum(axes: axes, keepDims: true)
        if r.shape != target { r = r.reshaped(target) }
        return r
    }

    /// A scalar tensor of this tensor's dtype.
    func scalarLike(_ value: Double) -> Tensor {
        dtype == .float32 ? Tensor(Float(value)) : Tensor(value)
    }
}

// MARK: - Differentiable arithmetic

/// Elementwise sum with broadcasting.
public func + (a: Tensor, b: Tensor) -> Tensor {
    let out = a.broadcastOp(b, AddF.self)
    return a.record(out, [a, b]) { g in [g.reduced(to: a.shape), g.reduced(to: b.shape)] }
}

/// Elementwise difference with broadcasting.
public func - (a: Tensor, b: Tensor) -> Tensor {
    let out = a.broadcastOp(b, SubF.self)
    return a.record(out, [a, b]) { g in [g.reduced(to: a.shape), b.tape == nil ? nil : (-g).reduced(to: b.shape)] }
}

/// Elementwise product with broadcasting.
public func * (a: Tensor, b: Tensor) -> Tensor {
    let out = a.broadcastOp(b, MulF.self)
    return a.record(out, [a, b]) { g in
        [a.tape == nil ? nil : (g * b).reduced(to: a.shape), b.tape == nil ? nil : (g * a).reduced(to: b.shape)]
    }
}

/// Elementwise quotient with broadcasting.
public func / (a: Tensor, b: Tensor) -> Tensor {
    let out = a.broadcastOp(b, DivF.self)
    return a.record(out, [a, b]) { g in
        [a.tape == nil ? nil : (g / b).reduced(to: a.shape),
         b.tape == nil ? nil : (-(g * out) / b).reduced(to: b.shape)]
    }
}

/// `a` raised to `b` elementwise (gradient with respect to `b` assumes `a > 0`).
public func pow(_ a: Tensor, _ b: Tensor) -> Tensor {
    let out = a.broadcastOp(b, PowF.self)
    return a.record(out, [a, b]) { g in
        let da = (g * b * pow(a, b - b.scalarLike(1))).reduced(to: a.shape)
        let db = b.tape == nil ? nil : (g * out * log(a)).reduced(to: b.shape)
        return [da, db]
    }
}

/// `a` raised to a constant power.
public func pow(_ a: Tensor, _ exponent: Double) -> Tensor { pow(a, a.scalarLike(exponent)) }

/// Elementwise maximum (gradient to `a` where `a >= b`, as `torch.maximum` splits ties… to the first operand).
public func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
    let out = a.broadcastOp(b, MaxF.self)
    return a.record(out, [a, b]) { g in
        let mask = a.broadcastOp(b, GreaterEqualF.self)
        return [(g * mask).reduced(to: a.shape), (g * (mask.scalarLike(1) - mask)).reduced(to: b.shape)]
    }
}

/// Elementwise minimum (gradient to `a` where `a <= b`).
public func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
    let out = a.broadcastOp(b, MinF.self)
    return a.record(out, [a, b]) { g in
        let mask = a.broadcastOp(b, LessEqualF.self)
        return [(g * mask).reduced(to: a.shape), (g * (mask.scalarLike(1) - mask)).reduced(to: b.shape)]
    }
}

// MARK: - Scalars on either side

public func + (a: Tensor, b: Double) -> Tensor { a + a.scalarLike(b) }
public func + (a: Double, b: Tensor) -> Tensor { b.scalarLike(a) + b }
public func - (a: Tensor, b: Double) -> Tensor { a - a.scalarLike(b) }
public func - (a: Double, b: Tensor) -> Tensor { b.scalarLike(a) - b }
public func * (a: Tensor, b: Double) -> Tensor { a * a.scalarLike(b) }
public func * (a: Double, b: Tensor) -> Tensor { b.scalarLike(a) * b }
public func / (a: Tensor, b: Double) -> Tensor { a * a.scalarLike(1 / b) }
public func / (a: Double, b: Tensor) -> Tensor { b.scalarLike(a) / b }

// MARK: - Comparisons (masks of 0/1 in the operands' dtype; not differentiable)

extension Tensor {
    /// 1 where `self > other`, else 0.
    public func greater(_ other: Tensor) -> Tensor { broadcastOp(other, GreaterF.self) }
    /// 1 where `self >= other`, else 0.
    public func greaterEqual(_ other: Tensor) -> Tensor { broadcastOp(other, GreaterEqualF.self) }
    /// 1 where `self < other`, else 0.
    public func less(_ other: Tensor) -> Tensor { broadcastOp(other, LessF.self) }
    /// 1 where `self <= other`, else 0.
    public func lessEqual(_ other: Tensor) -> Tensor { broadcastOp(other, LessEqualF.self) }
    /// 1 where `self == other`, else 0.
    public func equal(_ other: Tensor) -> Tensor { broadcastOp(other, EqualF.self) }
    /// 1 where `self != other`, else 0.
    public func notEqual(_ other: Tensor) -> Tensor { broadcastOp(other, NotEqualF.self) }
    /// 1 where `self > value`, else 0.
    public func greater(_ value: Double) -> Tensor { greater(scalarLike(value)) }
    /// 1 where `self < value`, else 0.
    public func less(_ value: Double) -> Tensor { less(scalarLike(value)) }
}

/// `condition ? a : b` elementwise, with broadcasting; `condition` is a 0/1 mask (nonzero = true).
public func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
    let mask = condition.notEqual(condition.scalarLike(0)).cast(a.dtype)
    let inverse = mask.scalarLike(1) - mask
    return a * mask + b * inverse
}

/// `x` limited to `[low, high]` elementwise (gradient 1 inside the range, 0 outside, as PyTorch).
public func clamp(_ x: Tensor, min low: Double? = nil, max high: Double? = nil) -> Tensor {
    func run<T: TensorScalar>(_: T.Type) -> (Tensor, Tensor) {
        let lo = low.map { T($0) } ?? -T.infinity, hi = high.map { T($0) } ?? T.infinity
        let v: [T] = x.array()
        var out = v, inside = v
        for i in v.indices {
            out[i] = Swift.min(Swift.max(v[i], lo), hi)
            inside[i] = v[i] >= lo && v[i] <= hi ? 1 : 0
        }
        return (Tensor(storage: T.wrap(out), shape: x.shape), Tensor(storage: T.wrap(inside), shape: x.shape))
    }
    let (out, inside) = x.dtype == .float32 ? run(Float.self) : run(Double.self)
    return x.record(out, [x]) { g in [g * inside] }
}
