/// Fused layer normalisation over the last dimension: one pass computes the mean and variance of each row, the
/// normalised row x̂ = (x − μ)·rstd and the affine output; the backward pass reuses x̂ and rstd.
///
/// The backward rule per row (n = row length, ĝ = g ⊙ w):
/// `dx = rstd · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂))`, `dw = Σ_rows g ⊙ x̂`, `db = Σ_rows g`.
struct LayerNormKernel<T: TensorScalar> {
    let rows: Int
    let n: Int

    /// Forward: writes `y`, `xhat` and `rstd` (one per row).
    func forward(
        x: UnsafePointer<T>, weight: UnsafePointer<T>?, bias: UnsafePointer<T>?, eps: T,
        y: UnsafeMutablePointer<T>, xhat: UnsafeMutablePointer<T>, rstd: UnsafeMutablePointer<T>
    ) {
        let invN = 1 / T(n)
        for r in 0..<rows {
            let xr = x + r * n, yr = y + r * n, hr = xhat + r * n
            let mean = rowSum(xr, n) * invN
            let variance = rowSquaredDeviation(xr, n, from: mean) * invN
            let s = 1 / (variance + eps).squareRoot()
            rstd[r] = s
            for j in 0..<n { hr[j] = (xr[j] - mean) * s }
            switch (weight, bias) {
            case let (w?, b?): for j in 0..<n { yr[j] = hr[j] * w[j] + b[j] }
            case let (w?, nil): for j in 0..<n { yr[j] = hr[j] * w[j] }
            case let (nil, b?): for j in 0..<n { yr[j] = hr[j] + b[j] }
            case (nil, nil): for j in 0..<n { yr[j] = hr[j] }
            }
        }
    }

    /// Backward: writes `dx` and accumulates `dw`, `db` (zero-initialised by the caller) when given.
    func backward(
        g: UnsafePointer<T>, xhat: UnsafePointer<T>, rstd: UnsafePointer<T>, weight: UnsafePointer<T>?,
        dx: UnsafeMutablePointer<T>, dw: UnsafeMutablePointer<T>?, db: UnsafeMutablePointer<T>?
    ) {
        let invN = 1 / T(n)
        for r in 0..<rows {
            let gr = g + r * n, hr = xhat + r * n, dr = dx + r * n
            let sumG: T, sumGH: T
            if let w = weight {
                // Σ g⊙w and Σ g⊙w⊙x̂
                sumG = rowDot(gr, w, n)
                for j in 0..<n { dr[j] = gr[j] * w[j] }  // ĝ, overwritten below
                sumGH = rowDot(dr, hr, n)
            } else {
                sumG = rowSum(gr, n)
                sumGH = rowDot(gr, hr, n)
            }
            let meanG = sumG * invN, meanGH = sumGH * invN, s = rstd[r]
            if weight != nil {
                for j in 0..<n { dr[j] = s * (dr[j] - meanG - hr[j] * meanGH) }
            } else {
                for j in 0..<n { dr[j] = s * (gr[j] - meanG - hr[j] * meanGH) }
            }
            if let dw { for j in 0..<n { dw[j] += gr[j] * hr[j] } }
            if let db { for j in 0..<n { db[j] += gr[j] } }
        }
    }
}

/// Runs `body` with a base pointer of `tensor`'s elements as `T` (nil for nil tensors).
@inline(__always)
func withOptionalPointer<T: TensorScalar, R>(
    _ tensor: Tensor?, _: T.Type, _ body: (UnsafePointer<T>?) -> R
) -> R {
    guard let tensor else { return body(nil) }
    let values: [T] = tensor.array()
    return values.withUnsafeBufferPointer { body($0.baseAddress) }
}

/// Layer normalisation over the last dimension (PyTorch `layer_norm` with `normalized_shape = [n]`): each row is
/// shifted to mean 0, scaled to variance 1 (population variance, ε inside the square root), then multiplied by
/// `weight` and shifted by `bias` when given. One fused kernel forward and backward.
///
/// - Parameters:
///   - x: input `[..., n]`.
///   - weight: optional scale `[n]` (γ).
///   - bias: optional shift `[n]` (β).
///   - eps: ε added to the variance (PyTorch default 1e-5).
/// - Returns: a tensor shaped like `x`.
/// - Complexity: O(x.count) forward and backward.
public func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Double = 1e-5) -> Tensor {
    let n = x.shape.last ?? 1
    precondition(x.rank >= 1 && n > 0, "layerNorm: input needs a non-empty last dimension, got \(x.shape)")
    for p in [weight, bias].compactMap({ $0 }) {
        precondition(
            p.shape == [n] && p.dtype == x.dtype,
            "layerNorm: weight/bias \(p.shape) \(p.dtype) must be [\(n)] \(x.dtype) for input \(x.shape)")
    }
    switch x.dtype {
    case .float32: return layerNormTyped(Float.self, x, weight, bias, eps, n)
    case .float64: return layerNormTyped(Double.self, x, weight, bias, eps, n)
    }
}

private func layerNormTyped<T: TensorScalar>(
    _: T.Type, _ x: Tensor, _ weight: Tensor?, _ bias: Tensor?, _ eps: Double, _ n: Int
) -> Tensor {
    let rows = x.count / n
    let kernel = LayerNormKernel<T>(rows: rows, n: n)
    let xv: [T] = x.array()
    var y = [T](repeating: 0, count: x.count), xhat = y, rstd = [T](repeating: 0, count: rows)
    withOptionalPointer(weight, T.self) { w in
        withOptionalPointer(bias, T.self) { b in
            xv.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    xhat.withUnsafeMutableBufferPointer { ph in
                        rstd.withUnsafeMutableBufferPointer { ps in
                            guard let px = px.baseAddress, let py = py.baseAddress, let ph = ph.baseAddress,
                                let ps = ps.baseAddress
                            else { return }
                            kernel.forward(x: px, weight: w, bias: b, eps: T(eps), y: py, xhat: ph, rstd: ps)
                        }
                    }
                }
            }
        }
    }
    let out = Tensor(storage: T.wrap(y), shape: x.shape)
    let inputs = [x] + [weight, bias].compactMap { $0 }
    return recordOp(out, inputs) { [shape = x.shape] g in
        let gv: [T] = g.array()
        var dx = [T](repeating: 0, count: gv.count)
        var dw: [T]? = weight?.tape == nil ? nil : [T](repeating: 0, count: n)
        var db: [T]? = bias?.tape == nil ? nil : [T](repeating: 0, count: n)
        withOptionalPointer(weight, T.self) { w in
            gv.withUnsafeBufferPointer { pg in
                xhat.withUnsafeBufferPointer { ph in
                    rstd.withUnsafeBufferPointer { ps in
                        dx.withUnsafeMutableBufferPointer { pdx in
                            withOptionalMutablePointer(&dw) { pdw in
                                withOptionalMutablePointer(&db) { pdb in
                                    guard let pg = pg.baseAddress, let ph = ph.baseAddress, let ps = ps.baseAddress,
                                        let pdx = pdx.baseAddress
                                    else { return }
                                    kernel.backward(g: pg, xhat: ph, rstd: ps, weight: w, dx: pdx, dw: pdw, db: pdb)
                                }
                            }
                        }
                    }
                }
            }
        }
        var grads: [Tensor?] = [Tensor(storage: T.wrap(dx), shape: shape)]
        if weight != nil { grads.append(dw.map { Tensor(storage: T.wrap($0), shape: [n]) }) }
        if bias != nil { grads.append(db.map { Tensor(storage: T.wrap($0), shape: [n]) }) }
        return grads
    }
}

/// Runs `body` with a mutable pointer into `array`'s elements, or nil when `array` is nil.
@inline(__always)
func withOptionalMutablePointer<T, R>(_ array: inout [T]?, _ body: (UnsafeMutablePointer<T>?) -> R) -> R {
    guard var values = array else { return body(nil) }
    array = nil
    defer { array = values }
    return values.withUnsafeMutableBufferPointer { body($0.baseAddress) }
}
