/// Row-major `C = op(A)·op(B) (+ C if accumulate)` for either dtype, through the GEMM backend.
@inline(__always)
func gemm<T: TensorScalar>(
    _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
    m: Int, n: Int, k: Int, transA: Bool, transB: Bool, accumulate: Bool
) {
    let lda = transA ? m : k, ldb = transB ? k : n
    if T.self == Float.self {
        GEMMDispatch.sgemm(transA: transA, transB: transB, m: m, n: n, k: k,
                           a: UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), lda: lda,
                           b: UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), ldb: ldb,
                           beta: accumulate ? 1 : 0,
                           c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), ldc: n)
    } else {
        GEMMDispatch.dgemm(transA: transA, transB: transB, m: m, n: n, k: k,
                           a: UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), lda: lda,
                           b: UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), ldb: ldb,
                           beta: accumulate ? 1 : 0,
                           c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), ldc: n)
    }
}

/// Batched matrix product of `[..., M, K]` by `[..., K, N]` (batch dimensions broadcast; either operand may be
/// a plain matrix), optionally transposing the last two dimensions of either operand first.
func matmulValues<T: TensorScalar>(
    _ a: [T], _ aShape: [Int], _ b: [T], _ bShape: [Int], transA: Bool, transB: Bool
) -> (values: [T], shape: [Int]) {
    precondition(aShape.count >= 2 && bShape.count >= 2, "matmul: operands need rank ≥ 2, got \(aShape) and \(bShape)")
    let (ar, ac) = (aShape[aShape.count - 2], aShape[aShape.count - 1])
    let (br, bc) = (bShape[bShape.count - 2], bShape[bShape.count - 1])
    let (m, k) = transA ? (ac, ar) : (ar, ac)
    let (k2, n) = transB ? (bc, br) : (br, bc)
    precondition(k == k2, "matmul: inner dimensions differ: \(aShape)\(transA ? "ᵀ" : "") × \(bShape)\(transB ? "ᵀ" : "")")
    let aBatch = Array(aShape.dropLast(2)), bBatch = Array(bShape.dropLast(2))
    let batch = broadcastShapes(aBatch, bBatch)
    let batchCount = batch.reduce(1, *)
    let outShape = batch + [m, n]
    let total = batchCount * m * n
    let aStrides = broadcastStrides(aBatch, to: batch), bStrides = broadcastStrides(bBatch, to: batch)
    // GEMM with β = 0 writes every element of C, so the output needs no zero fill.
    let out = [T](unsafeUninitializedCapacity: total) { po, count in
        count = total
        guard total > 0, let po = po.baseAddress else { return }
        if k == 0 {
            po.initialize(repeating: 0, count: total)
            return
        }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                guard let pa = pa.baseAddress, let pb = pb.baseAddress else { return }
                if aBatch.count == 0 && bBatch.count == 0 {
                    gemm(pa, pb, po, m: m, n: n, k: k, transA: transA, transB: transB, accumulate: false)
                    return
                }
                forEachBroadcast(batch, aStrides, bStrides) { o, ia, ib in
                    gemm(pa + ia * m * k, pb + ib * k * n, po + o * m * n,
                         m: m, n: n, k: k, transA: transA, transB: transB, accumulate: false)
                }
            }
        }
    }
    return (out, outShape)
}

extension Tensor {
    /// Matrix product with optional transposes, recorded for differentiation.
    func matmul(_ other: Tensor, transA: Bool, transB: Bool) -> Tensor {
        precondition(dtype == other.dtype, "matmul: dtype mismatch \(dtype) vs \(other.dtype)")
        let out: Tensor
        switch (storage, other.storage) {
        case (.float32(let a), .float32(let b)):
            let r = matmulValues(a, shape, b, other.shape, transA: transA, transB: transB)
            out = Tensor(storage: .float32(r.values), shape: r.shape)
        default:
            let r = matmulValues(doubles, shape, other.doubles, other.shape, transA: transA, transB: transB)
            out = Tensor(storage: .float64(r.values), shape: r.shape)
        }
        let a = self, b = other
        return record(out, [a, b]) { g in
            // C = op(A)·op(B): dA = g·op(B)ᵀ (then transposed back if A was), dB likewise.
            var da: Tensor? = nil, db: Tensor? = nil
            if a.tape != nil {
                da = transA ? b.matmul(g, transA: transB, transB: true) : g.matmul(b, transA: false, transB: !transB)
                da = da?.reduced(to: a.shape)
            }
            if b.tape != nil {
                db = transB ? g.matmul(a, transA: true, transB: transA) : a.matmul(g, transA: !transA, transB: false)
                db = db?.reduced(to: b.shape)
            }
            return [da, db]
        }
    }
}

/// Matrix product of the last two dimensions, `[..., M, K] × [..., K, N] → [..., M, N]`, with broadcast batch
/// dimensions. A 1-D operand is treated as a row (left) or column (right) vector and that dimension is dropped.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    if a.rank == 1 {
        return matmul(a.unsqueezed(axis: 0), b, transposeA: false, transposeB: transposeB).squeezed(axis: -2)
    }
    if b.rank == 1 {
        return matmul(a, b.unsqueezed(axis: -1), transposeA: transposeA, transposeB: false).squeezed(axis: -1)
    }
    return a.matmul(b, transA: transposeA, transB: transposeB)
}

/// `x·Wᵀ + b` with `W` of shape `[out, in]` (PyTorch/Hugging Face layout) and any number of leading dimensions
/// in `x`; the bias is optional. One recorded op: the bias is written into the output first and the product
/// accumulated onto it (GEMM with β = 1); the backward pass computes dx = g·W, dW = gᵀ·x and db = Σ_rows g.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    let inFeatures = x.shape[x.rank - 1]
    precondition(weight.rank == 2 && weight.shape[1] == inFeatures,
                 "linear: input \(x.shape) does not match weight \(weight.shape) ([out, in])")
    guard let bias, x.dtype == .float32, weight.dtype == .float32, bias.dtype == .float32 else {
        let flat = x.rank == 2 ? x : x.reshaped([-1, inFeatures])
        var y = flat.matmul(weight, transA: false, transB: true)
        if let bias { y = y + bias }
        return x.rank == 2 ? y : y.reshaped(Array(x.shape.dropLast()) + [weight.shape[0]])
    }
    let outFeatures = weight.shape[0]
    precondition(bias.count == outFeatures, "linear: bias \(bias.shape) does not match \(outFeatures) outputs")
    let rows = x.count / max(inFeatures, 1)
    let xv = x.array(Float.self), wv = weight.array(Float.self), bv = bias.array(Float.self)
    let values = [Float](unsafeUninitializedCapacity: rows * outFeatures) { out, count in
        count = rows * outFeatures
        guard let po = out.baseAddress else { return }
        bv.withUnsafeBufferPointer { pb in
            for r in 0..<rows { (po + r * outFeatures).initialize(from: pb.baseAddress!, count: outFeatures) }
        }
        guard inFeatures > 0 else { return }
        xv.withUnsafeBufferPointer { px in
            wv.withUnsafeBufferPointer { pw in
                GEMMDispatch.sgemm(transA: false, transB: true, m: rows, n: outFeatures, k: inFeatures,
                                   a: px.baseAddress!, lda: inFeatures, b: pw.baseAddress!, ldb: inFeatures,
                                   beta: 1, c: po, ldc: outFeatures)
            }
        }
    }
    let out = Tensor(storage: .float32(values), shape: Array(x.shape.dropLast()) + [outFeatures])
    return recordOp(out, [x, weight, bias]) { g in
        let g2 = g.reshaped([rows, outFeatures])
        let x2 = x.reshaped([rows, inFeatures])
        let dx = x.tape == nil ? nil : g2.matmul(weight, transA: false, transB: false).reshaped(x.shape)
        let dw = weight.tape == nil ? nil : g2.matmul(x2, transA: true, transB: false)
        let db = bias.tape == nil ? nil : g2.sum(axis: 0)
        return [dx, dw, db]
    }
}
