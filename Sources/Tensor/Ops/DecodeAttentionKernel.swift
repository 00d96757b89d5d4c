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
        // rows of one batch entry are streamed once for all heads (each key/value row holds every head)
        for b in 0..<batch {
            let maskOffset = b * keys
            @inline(__always) func visible(_ j: Int) -> Bool { softmax.keyMask?[maskOffset + j] != 0 }
            let qb = q + b * heads * headDim, ob = out + b * heads * headDim
            let kb = k + b * keyCapacity * kvStride, vb = v + b * keyCapacity * kvStride
            let pb = p + b * heads * keys
            for j in 0..<keys where visible(j) {
                let row = kb + j * kvStride
                for h in 0..<heads { pb[h * keys + j] = rowDot(qb + h * headDim, row + (h / group) * headDim, headDim) }
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
            ob.update(repeating: 0, count: heads * headDim)
            for j in 0..<keys where visible(j) {
                let row = vb + j * kvStride
                for h in 0..<heads { rowAxpy(pb[h * keys + j], row + (h / group) * headDim, ob + h * headDim, headDim) }
            }
        }
    }
}
