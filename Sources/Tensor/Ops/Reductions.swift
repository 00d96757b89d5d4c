import RealModule

/// Splits `shape` around `axis` into (outer, n, inner) for single-axis kernels.
@inline(__always)
func axisSplit(_ shape: [Int], _ axis: Int) -> (outer: Int, n: Int, inner: Int) {
    (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
}

/// Sum over one axis of a row-major array viewed as (outer, n, inner). Pointer offsets (not checked index
/// arithmetic) keep the inner loops vectorisable.
func sumAxis<T: TensorScalar>(_ a: [T], outer: Int, n: Int, inner: Int) -> [T] {
    var out = [T](repeating: 0, count: outer * inner)
    a.withUnsafeBufferPointer { pa in
        out.withUnsafeMutableBufferPointer { po in
            guard let src = pa.baseAddress, let dst = po.baseAddress else { return }
            for o in 0..<outer {
                let block = src + o * n * inner, target = dst + o * inner
                if inner == 1 {
                    var s: T = 0
                    for j in 0..<n { s += block[j] }
                    target[0] = s
                } else {
                    for j in 0..<n {
                        let row = block + j * inner
                        for i in 0..<inner { target[i] += row[i] }
                    }
                }
            }
        }
    }
    return out
}

/// Index of the max (or min) over one axis, with the values.
func extremumAxis<T: TensorScalar>(
    _ a: [T], outer: Int, n: Int, inner: Int, max: Bool
) -> (values: [T], indices: [Int]) {
    var values = [T](repeating: 0, count: outer * inner)
    var indices = [Int](repeating: 0, count: outer * inner)
    for o in 0..<outer {
        for i in 0..<inner {
            var best = a[o * n * inner + i], bestIndex = 0
            for j in 1..<Swift.max(n, 1) {
                let v = a[(o * n + j) * inner + i]
                if max ? v > best : v < best {
                    best = v
                    bestIndex = j
                }
            }
            values[o * inner + i] = best
            indices[o * inner + i] = bestIndex
        }
    }
    return (values, indices)
}

extension Tensor {
    /// Sum of all elements (a scalar).
    public func sum() -> Tensor {
        let out: Tensor
        switch storage {
        case .float32(let a): out = Tensor(a.reduce(0, +))
        case .float64(let a): out = Tensor(a.reduce(0, +))
        }
        return record(out, [self]) { [shape] g in [g.expanded(to: shape)] }
    }

    /// Sum over `axes` (negative counts from the end), keeping them as size 1 if `keepDims`.
    public func sum(axes: [Int], keepDims: Bool = false) -> Tensor {
        let normalized = Set(axes.map { normalizedAxis($0, rank: rank) }).sorted(by: >)
        var keptShape = shape
        var values = storage
        for axis in normalized {
            let (outer, n, inner) = axisSplit(keptShape, axis)
            switch values {
            case .float32(let a): values = .float32(sumAxis(a, outer: outer, n: n, inner: inner))
            case .float64(let a): values = .float64(sumAxis(a, outer: outer, n: n, inner: inner))
            }
            keptShape[axis] = 1
        }
        let outShape = keepDims ? keptShape : keptShape.enumerated().filter { !normalized.contains($0.offset) }.map(\.element)
        let out = Tensor(storage: values, shape: outShape)
        return record(out, [self]) { [shape] g in [g.reshaped(keptShape).expanded(to: shape)] }
    }

    /// Sum over one axis.
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    /// Mean of all elements.
    public func mean() -> Tensor { sum() * (1.0 / Double(Swift.max(count, 1))) }

    /// Mean over `axes`.
    public func mean(axes: [Int], keepDims: Bool = false) -> Tensor {
        let n = axes.map { shape[normalizedAxis($0, rank: rank)] }.reduce(1, *)
        return sum(axes: axes, keepDims: keepDims) * (1.0 / Double(Swift.max(n, 1)))
    }

    /// Mean over one axis.
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    /// Variance over `axes` (`correction` 0 = population, 1 = unbiased as `torch.var`'s default).
    public func variance(axes: [Int], correction: Int = 1, keepDims: Bool = false) -> Tensor {
        let n = axes.map { shape[normalizedAxis($0, rank: rank)] }.reduce(1, *)
        let centered = self - mean(axes: axes, keepDims: true)
        return centered.square().sum(axes: axes, keepDims: keepDims) * (1.0 / Double(Swift.max(n - correction, 1)))
    }

    /// Variance of all elements.
    public func variance(correction: Int = 1) -> Tensor { variance(axes: Array(0..<rank), correction: correction) }

    /// Standard deviation over `axes`.
    public func standardDeviation(axes: [Int], correction: Int = 1, keepDims: Bool = false) -> Tensor {
        sqrt(variance(axes: axes, correction: correction, keepDims: keepDims))
    }

    /// Standard deviation of all elements.
    public func standardDeviation(correction: Int = 1) -> Tensor { sqrt(variance(correction: correction)) }

    /// Maximum over `axis` and where it occurs (first index on ties). Gradient flows to that index.
    public func max(axis: Int, keepDims: Bool = false) -> (values: Tensor, indices: [Int]) {
        extremum(axis: axis, keepDims: keepDims, max: true)
    }

    /// Minimum over `axis` and where it occurs.
    public func min(axis: Int, keepDims: Bool = false) -> (values: Tensor, indices: [Int]) {
        extremum(axis: axis, keepDims: keepDims, max: false)
    }

    /// Maximum of all elements.
    public func max() -> Tensor { reshaped([count]).max(axis: 0).values }

    /// Minimum of all elements.
    public func min() -> Tensor { reshaped([count]).min(axis: 0).values }

    /// Indices of the maxima over `axis`.
    public func argmax(axis: Int) -> [Int] { max(axis: axis).indices }

    /// Indices of the minima over `axis`.
    public func argmin(axis: Int) -> [Int] { min(axis: axis).indices }

    private func extremum(axis: Int, keepDims: Bool, max: Bool) -> (values: Tensor, indices: [Int]) {
        let ax = normalizedAxis(axis, rank: rank)
        let (outer, n, inner) = axisSplit(shape, ax)
        precondition(n > 0, "max/min over an empty axis of shape \(shape)")
        var kept = shape
        kept[ax] = 1
        let outShape = keepDims ? kept : shape.enumerated().filter { $0.offset != ax }.map(\.element)
        let result: (TensorStorage, [Int])
        switch storage {
        case .float32(let a):
            let r = extremumAxis(a, outer: outer, n: n, inner: inner, max: max)
            result = (.float32(r.values), r.indices)
        case .float64(let a):
            let r = extremumAxis(a, outer: outer, n: n, inner: inner, max: max)
            result = (.float64(r.values), r.indices)
        }
        let out = Tensor(storage: result.0, shape: outShape)
        let indices = result.1
        let recorded = record(out, [self]) { [shape, dtype] g in
            var grad = [Double](repeating: 0, count: outer * n * inner)
            let gv = g.doubles
            for o in 0..<outer {
                for i in 0..<inner { grad[(o * n + indices[o * inner + i]) * inner + i] = gv[o * inner + i] }
            }
            return [Tensor(grad, shape: shape).cast(dtype)]
        }
        return (recorded, indices)
    }

    /// log Σ exp over `axis`, computed stably (max subtracted).
    public func logSumExp(axis: Int, keepDims: Bool = false) -> Tensor {
        let m = stopGradient(max(axis: axis, keepDims: true).values)
        let r = log(exp(self - m).sum(axis: axis, keepDims: true)) + m
        return keepDims ? r : r.squeezed(axis: axis)
    }
}
