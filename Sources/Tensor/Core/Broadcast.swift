/// NumPy broadcasting: shapes are aligned at the trailing dimension; sizes must match or be 1.
func broadcastShapes(_ a: [Int], _ b: [Int]) -> [Int] {
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        precondition(da == db || da == 1 || db == 1, "cannot broadcast shapes \(a) and \(b)")
        out[i] = da == 1 ? db : da
    }
    return out
}

/// Row-major strides of `shape`.
func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var s = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[i] = s
        s *= shape[i]
    }
    return strides
}

/// Strides of `shape` read as if broadcast to `target` (0 along broadcast dimensions).
func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    let offset = target.count - shape.count
    let own = contiguousStrides(shape)
    var out = [Int](repeating: 0, count: target.count)
    for i in 0..<shape.count where shape[i] != 1 { out[i + offset] = own[i] }
    return out
}

/// Calls `body(outIndex, aIndex, bIndex)` over every element of `outShape` in row-major order, with the linear
/// offsets into two operands laid out with `aStrides` / `bStrides`.
@inline(__always)
func forEachBroadcast(_ outShape: [Int], _ aStrides: [Int], _ bStrides: [Int], _ body: (Int, Int, Int) -> Void) {
    let rank = outShape.count
    let total = outShape.reduce(1, *)
    if total == 0 { return }
    if rank == 0 {
        body(0, 0, 0)
        return
    }
    var index = [Int](repeating: 0, count: rank)
    var ia = 0, ib = 0
    let inner = outShape[rank - 1], sa = aStrides[rank - 1], sb = bStrides[rank - 1]
    var o = 0
    while o < total {
        var ja = ia, jb = ib
        for _ in 0..<inner {
            body(o, ja, jb)
            o += 1
            ja += sa
            jb += sb
        }
        // advance the outer multi-index
        var d = rank - 2
        while d >= 0 {
            index[d] += 1
            ia += aStrides[d]
            ib += bStrides[d]
            if index[d] < outShape[d] { break }
            ia -= aStrides[d] * outShape[d]
            ib -= bStrides[d] * outShape[d]
            index[d] = 0
            d -= 1
        }
    }
}
