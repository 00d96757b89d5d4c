import RealModule

/// Softmax (or log-softmax) over one axis viewed as (outer, n, inner), max-subtracted for stability.
func softmaxValues<T: TensorScalar>(_ a: [T], outer: Int, n: Int, inner: Int, log: Bool) -> [T] {
    var out = a
    a.withUnsafeBufferPointer { pa in
        out.withUnsafeMutableBufferPointer { po in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * n * inner + i
                    var m = -T.infinity
                    for j in 0..<n { m = Swift.max(m, pa[base + j * inner]) }
                    if m == -T.infinity { m = 0 }
                    var s: T = 0
                    for j in 0..<n {
                        let e = fastExp(pa[base + j * inner] - m)
                        po[base + j * inner] = e
                        s += e
                    }
                    if log {
                        let ls = T.log(s) + m
                        for j in 0..<n { po[base + j * inner] = pa[base + j * inner] - ls }
                    } else {
                        let r = 1 / s
                        for j in 0..<n { po[base + j * inner] *= r }
                    }
                }
            }
        }
    }
    return out
}

/// Backward of softmax: `dx = y ⊙ (g − Σ g⊙y)`; of log-softmax: `dx = g − softmax ⊙ Σ g`.
func softmaxBackward<T: TensorScalar>(_ g: [T], _ y: [T], outer: Int, n: Int, inner: Int, log: Bool) -> [T] {
    var out = g
    for o in 0..<outer {
        for i in 0..<inner {
            let base = o * n * inner + i
            var s: T = 0
            if log {
                for j in 0..<n { s += g[base + j * inner] }
                for j in 0..<n { out[base + j * inner] = g[base + j * inner] - fastExp(y[base + j * inner]) * s }
            } else {
                for j in 0..<n { s += g[base + j * inner] * y[base + j * inner] }
                for j in 0..<n { out[base + j * inner] = y[base + j * inner] * (g[base + j * inner] - s) }
            }
        }
    }
    return out
}

extension Tensor {
    fileprivate func softmaxLike(axis: Int, log: Bool) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        let (outer, n, inner) = axisSplit(shape, ax)
        let out: Tensor
        switch storage {
        case .float32(let a):
            out = Tensor(storage: .float32(softmaxValues(a, outer: outer, n: n, inner: inner, log: log)), shape: shape)
        case .float64(let a):
            out = Tensor(storage: .float64(softmaxValues(a, outer: outer, n: n, inner: inner, log: log)), shape: shape)
        }
        return record(out, [self]) { [shape] g in
            switch (g.storage, out.storage) {
            case (.float32(let gv), .float32(let yv)):
                let d = softmaxBackward(gv, yv, outer: outer, n: n, inner: inner, log: log)
                return [Tensor(storage: .float32(d), shape: shape)]
            default:
                let d = softmaxBackward(g.doubles, out.doubles, outer: outer, n: n, inner: inner, log: log)
                return [Tensor(storage: .float64(d), shape: shape)]
            }
        }
    }
}

/// exp(x) / Σ exp(x) over `axis` (default: last).
public func softmax(_ x: Tensor, axis: Int = -1) -> Tensor { x.softmaxLike(axis: axis, log: false) }

/// x − log Σ exp(x) over `axis` (default: last), computed stably.
public func logSoftmax(_ x: Tensor, axis: Int = -1) -> Tensor { x.softmaxLike(axis: axis, log: true) }

/// e^x through ``FastMath/exp(_:)`` for `Float` (no libm call), `T.exp` otherwise.
@inline(__always)
private func fastExp<T: TensorScalar>(_ x: T) -> T {
    if T.self == Float.self { return unsafeBitCast(FastMath.exp(unsafeBitCast(x, to: Float.self)), to: T.self) }
    return T.exp(x)
}
