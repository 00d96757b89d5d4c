/// Fused root-mean-square normalisation over the last dimension (Zhang & Sennrich 2019; the Llama/Qwen2 form):
/// `y = x · rsqrt(mean(x²) + ε) · w`.
///
/// Backward per row with x̂ = x·rstd and ĝ = g ⊙ w: `dx = rstd · (ĝ − x̂ · mean(ĝ ⊙ x̂))`, `dw = Σ_rows g ⊙ x̂`.
struct RMSNormKernel<T: TensorScalar> {
    let rows: Int
    let n: Int

    func forward(
        x: UnsafePointer<T>, weight: UnsafePointer<T>?, eps: T,
        y: UnsafeMutablePointer<T>, rstd: UnsafeMutablePointer<T>
    ) {
        let invN = 1 / T(n)
        for r in 0..<rows {
            let xr = x + r * n, yr = y + r * n
            let s = 1 / (rowDot(xr, xr, n) * invN + eps).squareRoot()
            rstd[r] = s
            if let w = weight {
                for j in 0..<n { yr[j] = xr[j] * s * w[j] }
            } else {
                for j in 0..<n { yr[j] = xr[j] * s }
            }
        }
    }

    func backward(
        g: UnsafePointer<T>, x: UnsafePointer<T>, rstd: UnsafePointer<T>, weight: UnsafePointer<T>?,
        dx: UnsafeMutablePointer<T>, dw: UnsafeMutablePointer<T>?
    ) {
        let invN = 1 / T(n)
        for r in 0..<rows {
            let gr = g + r * n, xr = x + r * n, dr = dx + r * n
            let s = rstd[r]
            let sumGH: T
            if let w = weight {
                for j in 0..<n { dr[j] = gr[j] * w[j] }  // ĝ, overwritten below
                sumGH = rowDot(dr, xr, n)
            } else {
                sumGH = rowDot(gr, xr, n)
            }
            // mean(ĝ ⊙ x̂) = s · Σ ĝ x / n; dx = s·ĝ − s·x̂·that = s·ĝ − s³·x·Σĝx/n
            let c = s * s * s * sumGH * invN
            if weight != nil {
                for j in 0..<n { dr[j] = s * dr[j] - c * xr[j] }
            } else {
                for j in 0..<n { dr[j] = s * gr[j] - c * xr[j] }
            }
            if let dw { for j in 0..<n { dw[j] += gr[j] * xr[j] * s } }
        }
    }
}

/// Root-mean-square normalisation over the last dimension as in Llama and Qwen2 (`Qwen2RMSNorm`):
/// `x · rsqrt(mean(x²) + ε) · weight`. One fused kernel forward and backward.
///
/// - Parameters:
///   - x: input `[..., n]`.
///   - weight: optional scale `[n]`.
///   - eps: ε inside the square root (Qwen2 1e-6, Llama 1e-5 or 1e-6 depending on the checkpoint).
/// - Returns: a tensor shaped like `x`.
/// - Complexity: O(x.count) forward and backward.
public func rmsNorm(_ x: Tensor, weight: Tensor?, eps: Double = 1e-6) -> Tensor {
    let n = x.shape.last ?? 1
    precondition(x.rank >= 1 && n > 0, "rmsNorm: input needs a non-empty last dimension, got \(x.shape)")
    if let weight {
        precondition(
            weight.shape == [n] && weight.dtype == x.dtype,
            "rmsNorm: weight \(weight.shape) \(weight.dtype) must be [\(n)] \(x.dtype) for input \(x.shape)")
    }
    switch x.dtype {
    case .float32: return rmsNormTyped(Float.self, x, weight, eps, n)
    case .float64: return rmsNormTyped(Double.self, x, weight, eps, n)
    }
}

private func rmsNormTyped<T: TensorScalar>(_: T.Type, _ x: Tensor, _ weight: Tensor?, _ eps: Double, _ n: Int) -> Tensor
{
    let rows = x.count / n
    let kernel = RMSNormKernel<T>(rows: rows, n: n)
    let xv: [T] = x.array()
    var y = [T](repeating: 0, count: x.count), rstd = [T](repeating: 0, count: rows)
    withOptionalPointer(weight, T.self) { w in
        xv.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                rstd.withUnsafeMutableBufferPointer { ps in
                    guard let px = px.baseAddress, let py = py.baseAddress, let ps = ps.baseAddress else { return }
                    kernel.forward(x: px, weight: w, eps: T(eps), y: py, rstd: ps)
                }
            }
        }
    }
    let out = Tensor(storage: T.wrap(y), shape: x.shape)
    let inputs = [x] + [weight].compactMap { $0 }
    return recordOp(out, inputs) { [shape = x.shape] g in
        let gv: [T] = g.array()
        var dx = [T](repeating: 0, count: gv.count)
        var dw: [T]? = weight?.tape == nil ? nil : [T](repeating: 0, count: n)
        withOptionalPointer(weight, T.self) { w in
            gv.withUnsafeBufferPointer { pg in
                xv.withUnsafeBufferPointer { px in
                    rstd.withUnsafeBufferPointer { ps in
                        dx.withUnsafeMutableBufferPointer { pdx in
                            withOptionalMutablePointer(&dw) { pdw in
                                guard let pg = pg.baseAddress, let px = px.baseAddress, let ps = ps.baseAddress,
                                    let pdx = pdx.baseAddress
                                else { return }
                                kernel.backward(g: pg, x: px, rstd: ps, weight: w, dx: pdx, dw: pdw)
                            }
                        }
                    }
                }
            }
        }
        var grads: [Tensor?] = [Tensor(storage: T.wrap(dx), shape: shape)]
        if weight != nil { grads.append(dw.map { Tensor(storage: T.wrap($0), shape: [n]) }) }
        return grads
    }
}
