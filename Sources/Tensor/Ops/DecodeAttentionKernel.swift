extension AttentionKernel {
    /// Forward for one query per (batch, head), the shape of incremental decoding: the attention of each query is
    /// a dot product with every visible key, a softmax and a weighted sum of values, done directly with SIMD row
    /// loops instead of two one-row GEMM calls per head (which cost more in call and packing overhead than in
    /// arithmetic at these sizes). Fills the same `probabilities [B, H, 1, S]` and `out [B, 1, H, D]` as
    /// ``forward(q:k:v:probabilities:out:)``, so the backward pass is shared.
    ///
    /// With one query, the causal limit admits every key (the query is the newest position); only the key mask
    /// hides keys. A query with no visible key gets zero probabilities and a zero output.
    func singleQueryForward(
        q: UnsafePointer<T>, k: UnsafePointer<T>, v: UnsafePointer<T>,
        probabilities p: UnsafeMutablePointer<T>, out: UnsafeMutablePointer<T>
    ) {
        precondition(queries == 1, "singleQueryForward: \(queries) queries per row, expected 1")
        let kvStride = kvHeads * headDim, scale = softmax.scale
        // per head: scores against every visible key, softmax, then the probability-weighted sum of values
        for b in 0..<batch {
            let maskOffset = b * keys
            @inline(__always) func visible(_ j: Int) -> Bool { softmax.keyMask?[maskOffset + j] != 0 }
            let qb = q + b * heads * headDim, ob = out + b * heads * headDim
            let kb = k + b * keyCapacity * kvStride, vb = v + b * keyCapacity * kvStride
            let pb = p + b * heads * keys
            for h in 0..<heads {
                let qh = qb + h * headDim, kh = kb + (h / group) * headDim, ph = pb + h * keys
                for j in 0..<keys where visible(j) { ph[j] = rowDot(qh, kh + j * kvStride, headDim) }
            }
            for h in 0..<heads {
                let ph = pb + h * keys
                var largest = -T.infinity
                for j in 0..<keys where visible(j) { largest = Swift.max(largest, ph[j]) }
                guard largest > -T.infinity else {  // every key masked: a padding query
                    ph.update(repeating: 0, count: keys)
                    continue
                }
                for j in 0..<keys where !visible(j) { ph[j] = largest }
                exponentiateRow(ph, ph, keys, shift: largest, scale: scale)
                for j in 0..<keys where !visible(j) { ph[j] = 0 }
                let inverse = 1 / rowSum(UnsafePointer(ph), keys)
                for j in 0..<keys { ph[j] *= inverse }
            }
            for h in 0..<heads {
                weightedRowSum(
                    weights: pb + h * keys, rows: vb + (h / group) * headDim, rowStride: kvStride, count: keys,
                    width: headDim, into: ob + h * headDim)
            }
        }
    }
}

/// `out[0..<width] = Σ_j weights[j] · rows[j·rowStride ..< j·rowStride + width]`, skipping zero weights. The
/// output is accumulated in registers 32 lanes at a time, so the loop over rows has no stores (a store per row
/// would make every row load wait on it).
@inline(__always)
func weightedRowSum<T: TensorScalar>(
    weights: UnsafePointer<T>, rows: UnsafePointer<T>, rowStride: Int, count: Int, width: Int,
    into out: UnsafeMutablePointer<T>
) {
    let lane = MemoryLayout<SIMD8<T>>.stride
    var start = 0
    while start + 32 <= width {
        var a0 = SIMD8<T>.zero, a1 = SIMD8<T>.zero, a2 = SIMD8<T>.zero, a3 = SIMD8<T>.zero
        for j in 0..<count where weights[j] != 0 {
            let w = SIMD8<T>(repeating: weights[j])
            let row = UnsafeRawPointer(rows + j * rowStride + start)
            a0 += w * row.loadUnaligned(fromByteOffset: 0, as: SIMD8<T>.self)
            a1 += w * row.loadUnaligned(fromByteOffset: lane, as: SIMD8<T>.self)
            a2 += w * row.loadUnaligned(fromByteOffset: 2 * lane, as: SIMD8<T>.self)
            a3 += w * row.loadUnaligned(fromByteOffset: 3 * lane, as: SIMD8<T>.self)
        }
        let target = UnsafeMutableRawPointer(out + start)
        target.storeBytes(of: a0, toByteOffset: 0, as: SIMD8<T>.self)
        target.storeBytes(of: a1, toByteOffset: lane, as: SIMD8<T>.self)
        target.storeBytes(of: a2, toByteOffset: 2 * lane, as: SIMD8<T>.self)
        target.storeBytes(of: a3, toByteOffset: 3 * lane, as: SIMD8<T>.self)
        start += 32
    }
    guard start < width else { return }
    (out + start).update(repeating: 0, count: width - start)
    for j in 0..<count where weights[j] != 0 { rowAxpy(weights[j], rows + j * rowStride + start, out + start, width - start) }
}
