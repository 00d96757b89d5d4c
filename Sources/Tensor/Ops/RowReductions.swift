/// SIMD row reductions for the fused kernels (norms, softmax): eight independent accumulators, so the loops
/// vectorise (a scalar floating-point sum is a serial dependency chain the compiler may not reorder).

/// Σ p[0..<n].
@inline(__always)
func rowSum<T: TensorScalar>(_ p: UnsafePointer<T>, _ n: Int) -> T {
    var acc = SIMD8<T>.zero
    let raw = UnsafeRawPointer(p), stride = MemoryLayout<T>.stride
    var j = 0
    while j + 8 <= n {
        acc += raw.loadUnaligned(fromByteOffset: j * stride, as: SIMD8<T>.self)
        j += 8
    }
    var s = horizontalSum(acc)
    while j < n {
        s += p[j]
        j += 1
    }
    return s
}

/// Σ a[j]·b[j] over 0..<n.
@inline(__always)
func rowDot<T: TensorScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ n: Int) -> T {
    var acc = SIMD8<T>.zero
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b), stride = MemoryLayout<T>.stride
    var j = 0
    while j + 8 <= n {
        acc +=
            ra.loadUnaligned(fromByteOffset: j * stride, as: SIMD8<T>.self)
            * rb.loadUnaligned(fromByteOffset: j * stride, as: SIMD8<T>.self)
        j += 8
    }
    var s = horizontalSum(acc)
    while j < n {
        s += a[j] * b[j]
        j += 1
    }
    return s
}

/// Σ (p[j] − c)² over 0..<n.
@inline(__always)
func rowSquaredDeviation<T: TensorScalar>(_ p: UnsafePointer<T>, _ n: Int, from c: T) -> T {
    var acc = SIMD8<T>.zero
    let center = SIMD8<T>(repeating: c)
    let raw = UnsafeRawPointer(p), stride = MemoryLayout<T>.stride
    var j = 0
    while j + 8 <= n {
        let d = raw.loadUnaligned(fromByteOffset: j * stride, as: SIMD8<T>.self) - center
        acc += d * d
        j += 8
    }
    var s = horizontalSum(acc)
    while j < n {
        let d = p[j] - c
        s += d * d
        j += 1
    }
    return s
}

/// y[j] += α·x[j] over 0..<n.
@inline(__always)
func rowAxpy<T: TensorScalar>(_ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int) {
    let scale = SIMD8<T>(repeating: alpha)
    let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y), stride = MemoryLayout<T>.stride
    var j = 0
    while j + 8 <= n {
        let sum = ry.loadUnaligned(fromByteOffset: j * stride, as: SIMD8<T>.self)
            + scale * rx.loadUnaligned(fromByteOffset: j * stride, as: SIMD8<T>.self)
        ry.storeBytes(of: sum, toByteOffset: j * stride, as: SIMD8<T>.self)
        j += 8
    }
    while j < n {
        y[j] += alpha * x[j]
        j += 1
    }
}

/// The sum of the eight lanes as a pairwise tree (halves, then pairs). `SIMD8.sum()` lowers to a serial
/// lane-by-lane chain that costs more than the loop it ends for short rows such as one attention head.
@inline(__always)
func horizontalSum<T: TensorScalar>(_ v: SIMD8<T>) -> T {
    let quarter = v.lowHalf + v.highHalf
    let pair = quarter.lowHalf + quarter.highHalf
    return pair[0] + pair[1]
}

/// The sum of the four lanes as a pairwise tree.
@inline(__always)
func horizontalSum<T: TensorScalar>(_ v: SIMD4<T>) -> T {
    let pair = v.lowHalf + v.highHalf
    return pair[0] + pair[1]
}
