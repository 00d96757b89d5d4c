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
        // an all-visible mask when none is given, so the loops below have one shape
        let mask = softmax.keyMask ?? [UInt8](repeating: 1, count: batch * keys)
        // where query head h's key/value head starts in a row (hoisted: an integer division per row and head
        // costs more than the dot product it addresses)
        let kvOffsets = (0..<heads).map { ($0 / group) * headDim }
        mask.withUnsafeBufferPointer { maskBuffer in
            kvOffsets.withUnsafeBufferPointer { offsets in
                guard let maskBase = maskBuffer.baseAddress, let offsets = offsets.baseAddress else { return }
                for b in 0..<batch {
                    singleQueryRow(
                        b, q: q, k: k, v: v, visible: maskBase + b * keys, kvOffsets: offsets, p: p, out: out)
                }
            }
        }
    }

    /// One batch row of ``singleQueryForward(q:k:v:probabilities:out:)``; `visible` is the row's 1/0 key mask.
    @inline(__always)
    private func singleQueryRow(
        _ b: Int, q: UnsafePointer<T>, k: UnsafePointer<T>, v: UnsafePointer<T>, visible: UnsafePointer<UInt8>,
        kvOffsets: UnsafePointer<Int>, p: UnsafeMutablePointer<T>, out: UnsafeMutablePointer<T>
    ) {
        let kvStride = kvHeads * headDim
        let qb = q + b * heads * headDim, ob = out + b * heads * headDim
        let kb = k + b * keyCapacity * kvStride, vb = v + b * keyCapacity * kvStride
        let pb = p + b * heads * keys
        // key and value rows are read whole and in order (one row holds every head): the access pattern the
        // hardware prefetcher follows; per-head passes over the rows were memory-latency bound
        for j in 0..<keys {
            let row = kb + j * kvStride
            for h in 0..<heads { pb[h * keys + j] = rowDot(qb + h * headDim, row + kvOffsets[h], headDim) }
        }
        for h in 0..<heads {
            let ph = pb + h * keys
            var largest = -T.infinity
            for j in 0..<keys where visible[j] != 0 && ph[j] > largest { largest = ph[j] }
            guard largest > -T.infinity else {  // every key masked: a padding query
                ph.update(repeating: 0, count: keys)
                continue
            }
            exponentiateRow(ph, ph, keys, shift: largest, scale: softmax.scale)
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
            for h in 0..<heads { rowAxpy(pb[h * keys + j], row + kvOffsets[h], ob + h * headDim, headDim) }
        }
    }
}
