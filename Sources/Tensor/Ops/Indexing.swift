extension Tensor {
    /// Values picked along `axis` by `indices` (PyTorch `gather` / NumPy `take_along_axis`). `indices` is laid
    /// out row-major in the result's shape: this tensor's shape with `axis` replaced by `indices.count /
    /// (other dimensions)` — for the usual RL case (`logProbs [B, A]`, one action per row) the result is `[B, 1]`.
    public func gather(indices: [Int], axis: Int) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        let (outer, n, inner) = axisSplit(shape, ax)
        precondition(outer * inner > 0 && indices.count % (outer * inner) == 0,
                     "gather: \(indices.count) indices do not fit shape \(shape) along axis \(axis)")
        let k = indices.count / (outer * inner)
        var outShape = shape
        outShape[ax] = k
        let positions = alongAxisPositions(indices, outer: outer, n: n, inner: inner, op: "gather")
        let out: Tensor
        switch storage {
        case .float32(let a): out = Tensor(storage: .float32(positions.map { a[$0] }), shape: outShape)
        case .float64(let a): out = Tensor(storage: .float64(positions.map { a[$0] }), shape: outShape)
        }
        return record(out, [self]) { [shape, count] g in
            [Tensor.scatterAdd(g, positions: positions, count: count, shape: shape)]
        }
    }

    /// Adds `values` into a zero tensor of `shape` at flat `positions` (duplicates accumulate).
    static func scatterAdd(_ values: Tensor, positions: [Int], count: Int, shape: [Int]) -> Tensor {
        switch values.storage {
        case .float32(let v):
            var out = [Float](repeating: 0, count: count)
            for (p, x) in zip(positions, v) { out[p] += x }
            return Tensor(storage: .float32(out), shape: shape)
        case .float64(let v):
            var out = [Double](repeating: 0, count: count)
            for (p, x) in zip(positions, v) { out[p] += x }
            return Tensor(storage: .float64(out), shape: shape)
        }
    }

    /// Slices of this tensor at `indices` along `axis` (an embedding lookup when `axis` is 0). Gradient
    /// scatter-adds back, so repeated indices accumulate.
    public func indexSelect(_ indices: [Int], axis: Int = 0) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        let (outer, n, inner) = axisSplit(shape, ax)
        var outShape = shape
        outShape[ax] = indices.count
        var positions: [Int] = []
        positions.reserveCapacity(outer * indices.count * inner)
        for o in 0..<outer {
            for idx in indices {
                precondition(idx >= 0 && idx < n, "indexSelect: index \(idx) out of range 0..<\(n)")
                let base = (o * n + idx) * inner
                for i in 0..<inner { positions.append(base + i) }
            }
        }
        let out: Tensor
        switch storage {
        case .float32(let a): out = Tensor(storage: .float32(positions.map { a[$0] }), shape: outShape)
        case .float64(let a): out = Tensor(storage: .float64(positions.map { a[$0] }), shape: outShape)
        }
        return record(out, [self]) { [shape, count] g in
            [Tensor.scatterAdd(g, positions: positions, count: count, shape: shape)]
        }
    }

    /// A copy with `values` written at `indices` along `axis` (same layout as ``gather(indices:axis:)``);
    /// gradient flows to `values` at those places and to `self` elsewhere.
    public func scatter(indices: [Int], values: Tensor, axis: Int) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        let (outer, n, inner) = axisSplit(shape, ax)
        precondition(values.count == indices.count, "scatter: \(values.count) values for \(indices.count) indices")
        precondition(outer * inner > 0 && indices.count % (outer * inner) == 0,
                     "scatter: \(indices.count) indices do not fit shape \(shape) along axis \(axis)")
        let positions = alongAxisPositions(indices, outer: outer, n: n, inner: inner, op: "scatter")
        var mask = [Double](repeating: 1, count: count)
        for p in positions { mask[p] = 0 }
        let keep = Tensor(mask, shape: shape).cast(dtype)
        let placed = Tensor.scatterAdd(values.detached().cast(dtype), positions: positions, count: count, shape: shape)
        let out = Tensor(storage: (self.detached() * keep + placed).storage, shape: shape)
        return recordOp(out, [self, values]) { [valueShape = values.shape] g in
            let gv = g.doubles
            return [g * keep, Tensor(positions.map { gv[$0] }, shape: valueShape).cast(g.dtype)]
        }
    }

    /// Running sum along `axis`.
    public func cumsum(axis: Int) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        let (outer, n, inner) = axisSplit(shape, ax)
        func run<T: TensorScalar>(_ a: [T], reverse: Bool) -> [T] {
            var out = a
            for o in 0..<outer {
                for i in 0..<inner {
                    var s: T = 0
                    for jj in 0..<n {
                        let j = reverse ? n - 1 - jj : jj
                        s += a[(o * n + j) * inner + i]
                        out[(o * n + j) * inner + i] = s
                    }
                }
            }
            return out
        }
        let out: Tensor
        switch storage {
        case .float32(let a): out = Tensor(storage: .float32(run(a, reverse: false)), shape: shape)
        case .float64(let a): out = Tensor(storage: .float64(run(a, reverse: false)), shape: shape)
        }
        return record(out, [self]) { [shape] g in
            switch g.storage {
            case .float32(let a): return [Tensor(storage: .float32(run(a, reverse: true)), shape: shape)]
            case .float64(let a): return [Tensor(storage: .float64(run(a, reverse: true)), shape: shape)]
            }
        }
    }
}

/// Flat positions addressed by `indices` laid out as (outer, k, inner) along an axis of size `n`.
private func alongAxisPositions(_ indices: [Int], outer: Int, n: Int, inner: Int, op: String) -> [Int] {
    let k = indices.count / Swift.max(outer * inner, 1)
    var positions = [Int](repeating: 0, count: indices.count)
    for o in 0..<outer {
        for j in 0..<k {
            for i in 0..<inner {
                let idx = indices[(o * k + j) * inner + i]
                precondition(idx >= 0 && idx < n, "\(op): index \(idx) out of range 0..<\(n)")
                positions[(o * k + j) * inner + i] = (o * n + idx) * inner + i
            }
        }
    }
    return positions
}

/// One-hot rows: `[indices.count, classes]` with 1 at each index.
public func oneHot(_ indices: [Int], classes: Int, dtype: DType = .float32) -> Tensor {
    var values = [Double](repeating: 0, count: indices.count * classes)
    for (row, index) in indices.enumerated() {
        precondition(index >= 0 && index < classes, "oneHot: index \(index) out of range 0..<\(classes)")
        values[row * classes + index] = 1
    }
    return Tensor(values, shape: [indices.count, classes]).cast(dtype)
}
