/// `C = α·op(A)·op(B) + β·C` with explicit leading dimensions, for either scalar type.
@inline(__always)
func stridedGEMM<T: TensorScalar>(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: T,
    a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, beta: T, c: UnsafeMutablePointer<T>, ldc: Int
) {
    if T.self == Float.self {
        GEMM.sgemm(
            transA: transA, transB: transB, m: m, n: n, k: k, alpha: Float(alpha),
            a: UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), lda: lda,
            b: UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), ldb: ldb, beta: Float(beta),
            c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), ldc: ldc)
    } else {
        GEMM.dgemm(
            transA: transA, transB: transB, m: m, n: n, k: k, alpha: Double(alpha),
            a: UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), lda: lda,
            b: UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), ldb: ldb, beta: Double(beta),
            c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), ldc: ldc)
    }
}

/// An array of `count` elements whose values are unspecified until written (callers overwrite every element).
@inline(__always)
func uninitializedArray<T: TensorScalar>(_: T.Type, count: Int) -> [T] {
    [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}

/// Scaled dot-product attention on the projection layout `[B, T, heads, D]`, without moving heads forward: each
/// (batch, head) product reads its rows in place through the GEMM leading dimension (`heads·D`), so there are no
/// permute copies forward or backward. Query head `h` uses key/value head `h / (H / Hkv)` (grouped-query).
struct AttentionKernel<T: TensorScalar> {
    let batch: Int, queries: Int, keys: Int, heads: Int, kvHeads: Int, headDim: Int
    /// Positions per batch row in the key/value buffers (≥ `keys`; larger for a preallocated cache).
    let keyCapacity: Int
    let softmax: CausalSoftmaxKernel<T>

    var group: Int { heads / kvHeads }
    /// Offset of (b, t = 0, h) in a `[B, L, H', D]` buffer with `H'` heads and `L` positions.
    @inline(__always)
    func offset(_ b: Int, _ h: Int, length: Int, heads count: Int) -> Int { (b * length * count + h) * headDim }

    /// Forward: fills `probabilities [B, H, T, S]` and `out [B, T, H, D]`.
    func forward(
        q: UnsafePointer<T>, k: UnsafePointer<T>, v: UnsafePointer<T>,
        probabilities p: UnsafeMutablePointer<T>, out: UnsafeMutablePointer<T>
    ) {
        if queries == 1 { return singleQueryForward(q: q, k: k, v: v, probabilities: p, out: out) }
        let qStride = heads * headDim, kvStride = kvHeads * headDim, matrix = queries * keys
        for b in 0..<batch {
            for h in 0..<heads {
                stridedGEMM(
                    transA: false, transB: true, m: queries, n: keys, k: headDim, alpha: 1,
                    a: q + offset(b, h, length: queries, heads: heads), lda: qStride,
                    b: k + offset(b, h / group, length: keyCapacity, heads: kvHeads), ldb: kvStride,
                    beta: 0, c: p + (b * heads + h) * matrix, ldc: keys)
            }
        }
        softmax.forward(p, p, matrices: batch * heads)
        for b in 0..<batch {
            for h in 0..<heads {
                stridedGEMM(
                    transA: false, transB: false, m: queries, n: headDim, k: keys, alpha: 1,
                    a: p + (b * heads + h) * matrix, lda: keys,
                    b: v + offset(b, h / group, length: keyCapacity, heads: kvHeads), ldb: kvStride,
                    beta: 0, c: out + offset(b, h, length: queries, heads: heads), ldc: qStride)
            }
        }
    }

    /// Backward from `g [B, T, H, D]`: writes `dq`, `dk` and `dv` (the first head of a group writes, the others add),
    /// so none of the outputs needs initialising.
    func backward(
        g: UnsafePointer<T>, q: UnsafePointer<T>, k: UnsafePointer<T>, v: UnsafePointer<T>,
        probabilities p: UnsafePointer<T>, scratch ds: UnsafeMutablePointer<T>,
        dq: UnsafeMutablePointer<T>, dk: UnsafeMutablePointer<T>, dv: UnsafeMutablePointer<T>
    ) {
        let qStride = heads * headDim, kvStride = kvHeads * headDim, matrix = queries * keys
        for b in 0..<batch {
            for h in 0..<heads {
                let qo = offset(b, h, length: queries, heads: heads)
                let kvo = offset(b, h / group, length: keyCapacity, heads: kvHeads)
                let pm = (b * heads + h) * matrix
                // dP = dO·Vᵀ, dV += Pᵀ·dO
                stridedGEMM(
                    transA: false, transB: true, m: queries, n: keys, k: headDim, alpha: 1,
                    a: g + qo, lda: qStride, b: v + kvo, ldb: kvStride, beta: 0, c: ds + pm, ldc: keys)
                stridedGEMM(
                    transA: true, transB: false, m: keys, n: headDim, k: queries, alpha: 1,
                    a: p + pm, lda: keys, b: g + qo, ldb: qStride, beta: h % group == 0 ? 0 : 1,
                    c: dv + kvo, ldc: kvStride)
            }
        }
        softmax.backward(ds, p, ds, matrices: batch * heads)  // dS = scale·P ⊙ (dP − Σ dP ⊙ P), in place
        for b in 0..<batch {
            for h in 0..<heads {
                let qo = offset(b, h, length: queries, heads: heads)
                let kvo = offset(b, h / group, length: keyCapacity, heads: kvHeads)
                let pm = (b * heads + h) * matrix
                // dQ = dS·K, dK += dSᵀ·Q
                stridedGEMM(
                    transA: false, transB: false, m: queries, n: headDim, k: keys, alpha: 1,
                    a: ds + pm, lda: keys, b: k + kvo, ldb: kvStride, beta: 0, c: dq + qo, ldc: qStride)
                stridedGEMM(
                    transA: true, transB: false, m: keys, n: headDim, k: queries, alpha: 1,
                    a: ds + pm, lda: keys, b: q + qo, ldb: qStride, beta: h % group == 0 ? 0 : 1,
                    c: dk + kvo, ldc: kvStride)
            }
        }
    }
}

/// Scaled dot-product attention `softmax(scale·QKᵀ + mask)·V` in the `[batch, T, heads, headDim]` layout the
/// projections produce (no head permutes), with a causal mask, an optional key padding mask and grouped-query
/// key/value heads. One recorded op; the backward pass uses the saved attention probabilities.
///
/// - Parameters:
///   - query: `[B, T, H, D]`.
///   - key: `[B, S, Hkv, D]` with `Hkv` dividing `H` and `S ≥ T` when causal (the last T keys are the queries'
///     own positions, the first S − T a cached prefix).
///   - value: `[B, S, Hkv, D]`.
///   - scale: score multiplier; default 1/√D.
///   - causal: query t sees keys up to position `S − T + t` only.
///   - keyMask: optional `[B, S]` row-major, false for padding keys (never attended; a query with no visible key
///     gets a zero output).
///   - keyLength: use only the first `keyLength` positions of `key`/`value` as the S keys (a preallocated cache
///     buffer); default all.
/// - Returns: `[B, T, H, D]`.
/// - Complexity: O(B·H·T·S·D) time in 2 GEMMs per (batch, head) forward and 4 backward; O(B·H·T·S) memory.
public func scaledDotProductAttention(
    query: Tensor, key: Tensor, value: Tensor, scale: Double? = nil, causal: Bool = true, keyMask: [Bool]? = nil,
    keyLength: Int? = nil
) -> Tensor {
    precondition(
        query.rank == 4 && key.rank == 4 && value.shape == key.shape,
        "attention: query must be [B, T, H, D] and key/value [B, S, Hkv, D]; got \(query.shape), \(key.shape), \(value.shape)"
    )
    let (b, t, h, d) = (query.shape[0], query.shape[1], query.shape[2], query.shape[3])
    let (capacity, kvh) = (key.shape[1], key.shape[2])
    let s = keyLength ?? capacity
    precondition(s > 0 && s <= capacity, "attention: keyLength \(s) must lie in 1...\(capacity)")
    precondition(
        key.shape[0] == b && key.shape[3] == d && kvh > 0 && h % kvh == 0,
        "attention: key \(key.shape) does not fit query \(query.shape) (batch, head size, Hkv | H)")
    precondition(!causal || s >= t, "attention: causal attention needs at least as many keys (\(s)) as queries (\(t))")
    precondition(query.dtype == key.dtype && key.dtype == value.dtype, "attention: query/key/value dtypes differ")
    if let keyMask {
        precondition(keyMask.count == b * s, "attention: keyMask has \(keyMask.count) entries, expected [\(b), \(s)]")
    }
    let scaleValue = scale ?? 1 / Double(d).squareRoot()
    let mask = keyMask.map { $0.map { $0 ? UInt8(1) : 0 } }
    switch query.dtype {
    case .float32:
        return attentionTyped(Float.self, query, key, value, scaleValue, causal, mask, (b, t, s, capacity, h, kvh, d))
    case .float64:
        return attentionTyped(Double.self, query, key, value, scaleValue, causal, mask, (b, t, s, capacity, h, kvh, d))
    }
}

private func attentionTyped<T: TensorScalar>(
    _: T.Type, _ q: Tensor, _ k: Tensor, _ v: Tensor, _ scale: Double, _ causal: Bool, _ mask: [UInt8]?,
    _ dims: (b: Int, t: Int, s: Int, capacity: Int, h: Int, kvh: Int, d: Int)
) -> Tensor {
    let softmax = CausalSoftmaxKernel<T>(
        rows: dims.t, keys: dims.s, queryLength: dims.t, scale: T(scale),
        causal: causal, keyMask: mask, matricesPerBatch: dims.h)
    let kernel = AttentionKernel<T>(
        batch: dims.b, queries: dims.t, keys: dims.s, heads: dims.h, kvHeads: dims.kvh,
        headDim: dims.d, keyCapacity: dims.capacity, softmax: softmax)
    let qv: [T] = q.array(), kv: [T] = k.array(), vv: [T] = v.array()
    // every element of these buffers is written by a GEMM with β = 0 before it is read
    var probabilities = uninitializedArray(T.self, count: dims.b * dims.h * dims.t * dims.s)
    var out = uninitializedArray(T.self, count: q.count)
    qv.withUnsafeBufferPointer { pq in
        kv.withUnsafeBufferPointer { pk in
            vv.withUnsafeBufferPointer { pv in
                probabilities.withUnsafeMutableBufferPointer { pp in
                    out.withUnsafeMutableBufferPointer { po in
                        guard let pq = pq.baseAddress, let pk = pk.baseAddress, let pv = pv.baseAddress,
                            let pp = pp.baseAddress, let po = po.baseAddress
                        else { return }
                        kernel.forward(q: pq, k: pk, v: pv, probabilities: pp, out: po)
                    }
                }
            }
        }
    }
    let result = Tensor(storage: T.wrap(out), shape: q.shape)
    return recordOp(result, [q, k, v]) { [qShape = q.shape, kShape = k.shape] g in
        let gv: [T] = g.array()
        var dq = uninitializedArray(T.self, count: qv.count)
        // positions past keyLength receive no gradient, so a partly used buffer starts from zeros
        let partial = dims.s < dims.capacity
        var dk = partial ? [T](repeating: 0, count: kv.count) : uninitializedArray(T.self, count: kv.count)
        var dv = partial ? [T](repeating: 0, count: vv.count) : uninitializedArray(T.self, count: vv.count)
        var scratch = uninitializedArray(T.self, count: probabilities.count)
        gv.withUnsafeBufferPointer { pg in
            qv.withUnsafeBufferPointer { pq in
                kv.withUnsafeBufferPointer { pk in
                    vv.withUnsafeBufferPointer { pv in
                        probabilities.withUnsafeBufferPointer { pp in
                            scratch.withUnsafeMutableBufferPointer { ps in
                                dq.withUnsafeMutableBufferPointer { pdq in
                                    dk.withUnsafeMutableBufferPointer { pdk in
                                        dv.withUnsafeMutableBufferPointer { pdv in
                                            guard let pg = pg.baseAddress, let pq = pq.baseAddress,
                                                let pk = pk.baseAddress, let pv = pv.baseAddress,
                                                let pp = pp.baseAddress, let ps = ps.baseAddress,
                                                let pdq = pdq.baseAddress, let pdk = pdk.baseAddress,
                                                let pdv = pdv.baseAddress
                                            else { return }
                                            kernel.backward(
                                                g: pg, q: pq, k: pk, v: pv, probabilities: pp, scratch: ps,
                                                dq: pdq, dk: pdk, dv: pdv)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return [
            Tensor(storage: T.wrap(dq), shape: qShape), Tensor(storage: T.wrap(dk), shape: kShape),
            Tensor(storage: T.wrap(dv), shape: kShape),
        ]
    }
}
