/// Fused `softmax(scale · scores + causal mask)` over the last axis, for attention.
///
/// `scores` is `[..., R, S]`: rows are queries and columns keys. Row `r` is the query at position
/// `r % queryLength + (S − queryLength)` (the keys are the cached prefix followed by the current tokens, and
/// several query groups may be stacked along R, as in grouped-query attention), and it may attend to keys
/// `0...position`. Masked entries are exactly 0 and get no gradient. Backward: `dx = scale · y ⊙ (g − Σ g ⊙ y)`.
struct CausalSoftmaxKernel<T: TensorScalar> {
    let rows: Int
    let keys: Int
    let queryLength: Int
    let scale: T
    /// Whether the causal limit applies (false: every key up to the mask).
    var causal = true
    /// Optional `[batch, keys]` 1/0 key mask; matrix `m` belongs to batch row `m / matricesPerBatch`.
    var keyMask: [UInt8]? = nil
    var matricesPerBatch = 1

    @inline(__always)
    func allowedKeys(row r: Int) -> Int {
        causal ? Swift.min(keys, r % queryLength + (keys - queryLength) + 1) : keys
    }

    func forward(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, matrices: Int) {
        for m in 0..<matrices {
            let maskRow = keyMask.map { ($0, (m / matricesPerBatch) * keys) }
            for r in 0..<rows {
                let base = (m * rows + r) * keys
                let xr = x + base, yr = y + base
                let allowed = allowedKeys(row: r)
                var mx = -T.infinity
                if case let (mask, offset)? = maskRow {
                    for j in 0..<allowed where mask[offset + j] != 0 { mx = Swift.max(mx, xr[j]) }
                } else {
                    for j in 0..<allowed { mx = Swift.max(mx, xr[j]) }
                }
                exponentiateRow(xr, yr, allowed, shift: mx, scale: scale)
                var s = rowSum(UnsafePointer(yr), allowed)
                if case let (mask, offset)? = maskRow {
                    s = 0
                    for j in 0..<allowed {
                        if mask[offset + j] == 0 { yr[j] = 0 } else { s += yr[j] }
                    }
                }
                let inv: T = s > 0 ? 1 / s : 0  // a row with no visible key (a padding query) is all zeros
                for j in 0..<allowed { yr[j] *= inv }
                for j in allowed..<keys { yr[j] = 0 }
            }
        }
    }

    func backward(_ g: UnsafePointer<T>, _ y: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, matrices: Int) {
        for m in 0..<matrices {
            for r in 0..<rows {
                let base = (m * rows + r) * keys
                let gr = g + base, yr = y + base, dr = dx + base
                let allowed = allowedKeys(row: r)
                let dot = rowDot(gr, yr, allowed)
                for j in 0..<allowed { dr[j] = scale * yr[j] * (gr[j] - dot) }
                for j in allowed..<keys { dr[j] = 0 }
            }
        }
    }
}

/// `y[j] = e^((x[j] − shift)·scale)` for `j < n` (`x` and `y` may be the same buffer).
@inline(__always)
func exponentiateRow<T: TensorScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int, shift: T, scale: T)
{
    if T.self == Float.self {
        exponentiateFloatRow(
            UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
            UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self), n,
            shift: unsafeBitCast(shift, to: Float.self), scale: unsafeBitCast(scale, to: Float.self))
    } else {
        for j in 0..<n { y[j] = T.exp((x[j] - shift) * scale) }
    }
}

/// The `Float` row exponential: a plain loop over ``FastMath/exp(_:)`` that the compiler vectorises.
func exponentiateFloatRow(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, shift: Float, scale: Float
) {
    for j in 0..<n { y[j] = FastMath.exp((x[j] - shift) * scale) }
}

/// Causal attention weights: `softmax(scale · scores)` over the last axis where query `i` only sees keys up to
/// its own position (and, with `keyMask`, only unmasked keys), in one fused pass (no materialised mask).
///
/// - Parameters:
///   - scores: `[..., R, S]` raw query·key products; `R` is a multiple of `queryLength`.
///   - scale: multiplier applied before the softmax (usually 1/√head_dim).
///   - queryLength: number of current query positions T; the last T of the S keys are those positions, the
///     first S − T a cached prefix every query may see. Defaults to `R` (no stacking).
///   - causal: apply the causal limit (false: a plain, optionally key-masked softmax).
///   - keyMask: optional `[B, S]` row-major, true for keys that may be attended (false for padding); the leading
///     dimensions of `scores` must start with B. A query row that sees no key gets all-zero weights.
/// - Returns: attention probabilities shaped like `scores`, exactly zero above the causal diagonal and at masked
///   keys.
/// - Complexity: O(scores.count).
public func causalSoftmax(
    _ scores: Tensor, scale: Double = 1, queryLength: Int? = nil, causal: Bool = true, keyMask: [Bool]? = nil
) -> Tensor {
    precondition(scores.rank >= 2, "causalSoftmax: scores need rank ≥ 2, got \(scores.shape)")
    let rows = scores.shape[scores.rank - 2], keys = scores.shape[scores.rank - 1]
    let t = queryLength ?? rows
    precondition(
        t > 0 && rows % t == 0 && t <= keys,
        "causalSoftmax: queryLength \(t) must divide rows \(rows) and be ≤ keys \(keys)")
    let matrices = scores.count / Swift.max(rows * keys, 1)
    var perBatch = 1
    if let keyMask {
        let batch = keyMask.count / Swift.max(keys, 1)
        precondition(
            scores.rank >= 3 && batch == scores.shape[0] && keyMask.count == batch * keys,
            "causalSoftmax: keyMask of \(keyMask.count) entries must be [\(scores.shape[0]), \(keys)]")
        perBatch = matrices / Swift.max(batch, 1)
    }
    let mask = keyMask.map { $0.map { $0 ? UInt8(1) : 0 } }
    switch scores.dtype {
    case .float32:
        let kernel = CausalSoftmaxKernel<Float>(
            rows: rows, keys: keys, queryLength: t, scale: Float(scale),
            causal: causal, keyMask: mask, matricesPerBatch: perBatch)
        return causalSoftmaxTyped(kernel, scores, matrices)
    case .float64:
        let kernel = CausalSoftmaxKernel<Double>(
            rows: rows, keys: keys, queryLength: t, scale: scale,
            causal: causal, keyMask: mask, matricesPerBatch: perBatch)
        return causalSoftmaxTyped(kernel, scores, matrices)
    }
}

private func causalSoftmaxTyped<T: TensorScalar>(_ kernel: CausalSoftmaxKernel<T>, _ x: Tensor, _ matrices: Int)
    -> Tensor
{
    let xv: [T] = x.array()
    let y = [T](unsafeUninitializedCapacity: xv.count) { buffer, n in
        xv.withUnsafeBufferPointer { px in
            if let px = px.baseAddress, let py = buffer.baseAddress { kernel.forward(px, py, matrices: matrices) }
        }
        n = xv.count
    }
    let out = Tensor(storage: T.wrap(y), shape: x.shape)
    return recordOp(out, [x]) { [shape = x.shape] g in
        let gv: [T] = g.array()
        let dx = [T](unsafeUninitializedCapacity: gv.count) { buffer, n in
            gv.withUnsafeBufferPointer { pg in
                y.withUnsafeBufferPointer { py in
                    if let pg = pg.baseAddress, let py = py.baseAddress, let pd = buffer.baseAddress {
                        kernel.backward(pg, py, pd, matrices: matrices)
                    }
                }
            }
            n = gv.count
        }
        return [Tensor(storage: T.wrap(dx), shape: shape)]
    }
}
