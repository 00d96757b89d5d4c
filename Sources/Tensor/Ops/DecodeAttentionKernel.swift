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
        // an all-visible mask when none is given, so the loops below have one shape
        let mask = softmax.keyMask ?? [UInt8](repeating: 1, count: batch * keys)
        mask.withUnsafeBufferPointer { maskBuffer in
          guard let maskBase = maskBuffer.baseAddress else { return }
          for b in 0..<batch {
            let visible = maskBase + b * keys
            let qb = q + b * heads * headDim, ob = out + b * heads * headDim
            let kb = k + b * keyCapacity * kvStride, vb = v + b * keyCapacity * kvStride
            let pb = p + b * heads * keys
            // key and value rows are read whole and in order (one row holds every head): the access pattern the
            // hardware prefetcher follows; per-head passes over the rows were memory-latency bound
            for j in 0..<keys {
                let row = kb + j * kvStride
                for h in 0..<heads { pb[h * keys + j] = rowDot(qb + h * headDim, row + (h / group) * headDim, headDim) }
            }
            for h in 0..<heads {
                let ph = pb + h * keys
                var largest = -T.infinity
                for j in 0..<keys where visible[j] != 0 && ph[j] > largest { largest = ph[j] }
                guard largest > -T.infinity else {  // every key masked: a padding query
                    ph.update(repeating: 0, count: keys)
                    continue
                }
                exponentiateRow(ph, ph, keys, shift: largest, scale: scale)
                var total: T = 0
                for j in 0..<keys {
                    let weight = visible[j] != 0 ? ph[j] : 0
                    ph[j] = weight
                    total += weight
                }
                let inverse = 1 / total
                for j in 0..<keys { ph[j] *= inverse }
            }
            ob.update(repeating: 0, count: heads * headDim)
            for j in 0..<keys where visible[j] != 0 {
                let row = vb + j * kvStride
                for h in 0..<heads { rowAxpy(pb[h * keys + j], row + (h / group) * headDim, ob + h * headDim, headDim) }
            }
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
