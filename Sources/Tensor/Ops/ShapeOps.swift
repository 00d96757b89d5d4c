extension Tensor {
    /// The same elements with a new shape (one dimension may be -1 and is inferred). Shares storage.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != inferred }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "reshape: cannot infer -1 in \(newShape) for \(count) elements")
            target[inferred] = count / known
        }
        precondition(target.reduce(1, *) == count, "reshape: \(shape) (\(count) elements) cannot become \(newShape)")
        if target == shape { return self }
        let out = Tensor(storage: storage, shape: target)
        return record(out, [self]) { [shape] g in [g.reshaped(shape)] }
    }

    /// All elements in one dimension.
    public func flattened() -> Tensor { reshaped([count]) }

    /// Removes a size-1 dimension.
    public func squeezed(axis: Int) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        precondition(shape[ax] == 1, "squeeze: axis \(axis) of shape \(shape) has size \(shape[ax]), not 1")
        var s = shape
        s.remove(at: ax)
        return reshaped(s)
    }

    /// Inserts a size-1 dimension at `axis` (negative counts from the end of the result).
    public func unsqueezed(axis: Int) -> Tensor {
        let ax = axis < 0 ? axis + rank + 1 : axis
        precondition(ax >= 0 && ax <= rank, "unsqueeze: axis \(axis) out of range for rank \(rank)")
        var s = shape
        s.insert(1, at: ax)
        return reshaped(s)
    }

    /// Dimensions reordered: result dimension `i` is input dimension `order[i]`.
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "permute: \(order) is not a permutation of 0..<\(rank)")
        if order == Array(0..<rank) { return self }
        let newShape = order.map { shape[$0] }
        let inStrides = contiguousStrides(shape)
        let strides = order.map { inStrides[$0] }
        let out: Tensor
        switch storage {
        case .float32(let a): out = Tensor(storage: .float32(gatherStrided(a, newShape, strides)), shape: newShape)
        case .float64(let a): out = Tensor(storage: .float64(gatherStrided(a, newShape, strides)), shape: newShape)
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, o) in order.enumerated() { inverse[o] = i }
        return record(out, [self]) { g in [g.permuted(inverse)] }
    }

    /// Two dimensions swapped (default: the last two, i.e. a matrix transpose).
    public func transposed(_ a: Int = -2, _ b: Int = -1) -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(normalizedAxis(a, rank: rank), normalizedAxis(b, rank: rank))
        return permuted(order)
    }

    /// This tensor broadcast to `target` (copying). Gradient sums over the broadcast dimensions.
    public func expanded(to target: [Int]) -> Tensor {
        if target == shape { return self }
        precondition(broadcastShapes(shape, target) == target, "expand: \(shape) cannot broadcast to \(target)")
        let strides = broadcastStrides(shape, to: target)
        let out: Tensor
        switch storage {
        case .float32(let a): out = Tensor(storage: .float32(gatherStrided(a, target, strides)), shape: target)
        case .float64(let a): out = Tensor(storage: .float64(gatherStrided(a, target, strides)), shape: target)
        }
        return record(out, [self]) { [shape] g in [g.reduced(to: shape)] }
    }

    /// Elements `range` along `axis`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[ax],
                     "slice: \(range) out of bounds for axis \(axis) of size \(shape[ax])")
        if range.count == shape[ax] { return self }
        let (outer, n, inner) = axisSplit(shape, ax)
        var newShape = shape
        newShape[ax] = range.count
        let out: Tensor
        switch storage {
        case .float32(let a): out = Tensor(storage: .float32(sliceValues(a, outer, n, inner, range)), shape: newShape)
        case .float64(let a): out = Tensor(storage: .float64(sliceValues(a, outer, n, inner, range)), shape: newShape)
        }
        return record(out, [self]) { [shape] g in
            [g.padded(axis: ax, before: range.lowerBound, after: shape[ax] - range.upperBound)]
        }
    }

    /// Row `index` along the first axis (rank reduced by one).
    public subscript(index: Int) -> Tensor {
        slice(axis: 0, index..<(index + 1)).squeezed(axis: 0)
    }

    /// Zero padding along one axis.
    func padded(axis: Int, before: Int, after: Int) -> Tensor {
        if before == 0 && after == 0 { return self }
        var parts: [Tensor] = []
        var s = shape
        if before > 0 {
            s[axis] = before
            parts.append(.zeros(s, dtype: dtype))
        }
        parts.append(self)
        if after > 0 {
            s[axis] = after
            parts.append(.zeros(s, dtype: dtype))
        }
        return concat(parts, axis: axis)
    }

    /// Splits along `axis` into pieces of the given sizes.
    public func split(sizes: [Int], axis: Int) -> [Tensor] {
        let ax = normalizedAxis(axis, rank: rank)
        precondition(sizes.reduce(0, +) == shape[ax], "split: sizes \(sizes) do not add up to \(shape[ax])")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slice(axis: ax, start..<(start + size))
        }
    }

    /// Splits along `axis` into `parts` equal pieces.
    public func split(parts: Int, axis: Int) -> [Tensor] {
        let n = shape[normalizedAxis(axis, rank: rank)]
        precondition(parts > 0 && n % parts == 0, "split: axis of size \(n) is not divisible into \(parts) parts")
        return split(sizes: Array(repeating: n / parts, count: parts), axis: axis)
    }
}

/// Joins tensors along an existing axis (all other dimensions equal).
public func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
    precondition(!tensors.isEmpty, "concat: no tensors")
    let first = tensors[0]
    let ax = normalizedAxis(axis, rank: first.rank)
    for t in tensors {
        precondition(t.rank == first.rank && t.dtype == first.dtype, "concat: rank/dtype mismatch \(t.shape) vs \(first.shape)")
        for d in 0..<first.rank where d != ax {
            precondition(t.shape[d] == first.shape[d], "concat: shapes \(t.shape) and \(first.shape) differ off axis \(ax)")
        }
    }
    var outShape = first.shape
    outShape[ax] = tensors.reduce(0) { $0 + $1.shape[ax] }
    let outer = first.shape[..<ax].reduce(1, *)
    let out: Tensor
    switch first.dtype {
    case .float32: out = Tensor(storage: .float32(concatValues(tensors.map { $0.array(Float.self) }, tensors, ax, outer)), shape: outShape)
    case .float64: out = Tensor(storage: .float64(concatValues(tensors.map { $0.array(Double.self) }, tensors, ax, outer)), shape: outShape)
    }
    let sizes = tensors.map { $0.shape[ax] }
    return recordOp(out, tensors) { g in g.split(sizes: sizes, axis: ax) }
}

/// Stacks equal-shaped tensors along a new axis.
public func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
    precondition(!tensors.isEmpty, "stack: no tensors")
    let ax = axis < 0 ? axis + tensors[0].rank + 1 : axis
    return concat(tensors.map { $0.unsqueezed(axis: ax) }, axis: ax)
}

private func concatValues<T: TensorScalar>(_ arrays: [[T]], _ tensors: [Tensor], _ ax: Int, _ outer: Int) -> [T] {
    let rows = tensors.map { $0.shape[ax...].reduce(1, *) }
    var out: [T] = []
    out.reserveCapacity(rows.reduce(0, +) * outer)
    for o in 0..<outer {
        for (a, r) in zip(arrays, rows) { out.append(contentsOf: a[(o * r)..<((o + 1) * r)]) }
    }
    return out
}

private func sliceValues<T: TensorScalar>(_ a: [T], _ outer: Int, _ n: Int, _ inner: Int, _ range: Range<Int>) -> [T] {
    var out: [T] = []
    out.reserveCapacity(outer * range.count * inner)
    for o in 0..<outer {
        let start = (o * n + range.lowerBound) * inner
        out.append(contentsOf: a[start..<(start + range.count * inner)])
    }
    return out
}

/// Copies `a` read through `strides` into a contiguous array of `shape`. When the innermost source stride is 1
/// (e.g. splitting or merging attention heads), whole rows are copied at a time.
func gatherStrided<T: TensorScalar>(_ a: [T], _ shape: [Int], _ strides: [Int]) -> [T] {
    let total = shape.reduce(1, *)
    return [T](unsafeUninitializedCapacity: total) { out, n in
        n = total
        guard total > 0 else { return }
        a.withUnsafeBufferPointer { pa in
            if let last = strides.last, last == 1, shape.count > 1, let src = pa.baseAddress, let dst = out.baseAddress {
                let row = shape[shape.count - 1]
                let outer = Array(shape.dropLast()), outerStrides = Array(strides.dropLast())
                forEachBroadcast(outer, outerStrides, outerStrides) { o, ia, _ in
                    (dst + o * row).initialize(from: src + ia, count: row)
                }
            } else {
                forEachBroadcast(shape, strides, strides) { o, ia, _ in out[o] = pa[ia] }
            }
        }
    }
}
