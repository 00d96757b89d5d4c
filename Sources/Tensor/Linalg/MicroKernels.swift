/// Scalars the built-in GEMM can multiply: a register-blocked micro-kernel computing one `microRows × microColumns`
/// tile of `A·B` from packed panels.
///
/// Panels: `a` holds, for each of `depth` steps, the `microRows` values of column p of the A strip, each repeated
/// `broadcastWidth` times (pre-broadcast by the packing, so the kernel loads instead of shuffling); `b` holds, for each
/// step, the `microColumns` values of row p of the B strip. The result is stored row-major into `tile`. The update is
/// written `c += a * b` on SIMD vectors, which compiles to vector multiply and add on the default x86-64 target
/// (`addProduct` would compile to a per-lane `fma` call; see MACHINE-NOTES).
protocol PackedGEMMScalar: BinaryFloatingPoint {
    /// MR, rows of the register tile.
    static var microRows: Int { get }
    /// NR, columns of the register tile.
    static var microColumns: Int { get }
    /// Copies of each A value in the packed panel (the lanes of one 128-bit register).
    static var broadcastWidth: Int { get }
    /// `tile = Σ_p a[p] ⊗ b[p]` over `depth` steps.
    static func microKernel(
        depth: Int, a: UnsafePointer<Self>, b: UnsafePointer<Self>, tile: UnsafeMutablePointer<Self>)
    /// `y[0..<count] += alpha · x[0..<count]`, the inner loop of ``SmallGEMM``.
    static func axpy(count: Int, alpha: Self, x: UnsafePointer<Self>, y: UnsafeMutablePointer<Self>)
    /// `Σ x[i] · y[i]` over `count` values, the inner loop of ``SmallGEMM`` when B is transposed.
    static func dot(count: Int, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>) -> Self
    /// Stores `broadcastWidth` copies of `value` at `target` (packing A).
    static func storeBroadcast(_ value: Self, to target: UnsafeMutablePointer<Self>)
    /// Copies `microColumns` values (packing a full strip row of B).
    static func copyStripRow(from source: UnsafePointer<Self>, to target: UnsafeMutablePointer<Self>)
    /// `C = α·tile + β·C` for a full `microRows × microColumns` tile; β = 0 does not read C.
    static func storeTile(
        _ tile: UnsafePointer<Self>, alpha: Self, beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: PackedGEMMScalar {
    static var microRows: Int { 6 }
    static var microColumns: Int { 8 }
    static var broadcastWidth: Int { 4 }

    /// 6 × 8 tile in twelve 4-lane accumulators; per step two B loads, six pre-broadcast A loads, 12 multiply–adds
    /// (15 of the 16 SSE registers).
    @inline(__always)
    static func microKernel(
        depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, tile: UnsafeMutablePointer<Float>
    ) {
        typealias V = SIMD4<Float>
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var ap = UnsafeRawPointer(a)
        var bp = UnsafeRawPointer(b)
        let lane = MemoryLayout<V>.stride
        for _ in 0..<depth {
            let b0 = bp.loadUnaligned(as: V.self), b1 = bp.loadUnaligned(fromByteOffset: lane, as: V.self)
            var x = ap.loadUnaligned(as: V.self)
            c00 += x * b0; c01 += x * b1
            x = ap.loadUnaligned(fromByteOffset: lane, as: V.self)
            c10 += x * b0; c11 += x * b1
            x = ap.loadUnaligned(fromByteOffset: 2 * lane, as: V.self)
            c20 += x * b0; c21 += x * b1
            x = ap.loadUnaligned(fromByteOffset: 3 * lane, as: V.self)
            c30 += x * b0; c31 += x * b1
            x = ap.loadUnaligned(fromByteOffset: 4 * lane, as: V.self)
            c40 += x * b0; c41 += x * b1
            x = ap.loadUnaligned(fromByteOffset: 5 * lane, as: V.self)
            c50 += x * b0; c51 += x * b1
            ap += 6 * lane
            bp += 2 * lane
        }
        let out = UnsafeMutableRawPointer(tile)  // one store per accumulator; an array literal here would allocate
        out.storeBytes(of: c00, toByteOffset: 0, as: V.self)
        out.storeBytes(of: c01, toByteOffset: lane, as: V.self)
        out.storeBytes(of: c10, toByteOffset: 2 * lane, as: V.self)
        out.storeBytes(of: c11, toByteOffset: 3 * lane, as: V.self)
        out.storeBytes(of: c20, toByteOffset: 4 * lane, as: V.self)
        out.storeBytes(of: c21, toByteOffset: 5 * lane, as: V.self)
        out.storeBytes(of: c30, toByteOffset: 6 * lane, as: V.self)
        out.storeBytes(of: c31, toByteOffset: 7 * lane, as: V.self)
        out.storeBytes(of: c40, toByteOffset: 8 * lane, as: V.self)
        out.storeBytes(of: c41, toByteOffset: 9 * lane, as: V.self)
        out.storeBytes(of: c50, toByteOffset: 10 * lane, as: V.self)
        out.storeBytes(of: c51, toByteOffset: 11 * lane, as: V.self)
    }
}

extension Double: PackedGEMMScalar {
    static var microRows: Int { 6 }
    static var microColumns: Int { 4 }
    static var broadcastWidth: Int { 2 }

    /// 6 × 4 tile in twelve 2-lane accumulators, as the `Float` kernel with half the lanes.
    @inline(__always)
    static func microKernel(
        depth: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>, tile: UnsafeMutablePointer<Double>
    ) {
        typealias V = SIMD2<Double>
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var ap = UnsafeRawPointer(a)
        var bp = UnsafeRawPointer(b)
        let lane = MemoryLayout<V>.stride
        for _ in 0..<depth {
            let b0 = bp.loadUnaligned(as: V.self), b1 = bp.loadUnaligned(fromByteOffset: lane, as: V.self)
            var x = ap.loadUnaligned(as: V.self)
            c00 += x * b0; c01 += x * b1
            x = ap.loadUnaligned(fromByteOffset: lane, as: V.self)
            c10 += x * b0; c11 += x * b1
            x = ap.loadUnaligned(fromByteOffset: 2 * lane, as: V.self)
            c20 += x * b0; c21 += x * b1
            x = ap.loadUnaligned(fromByteOffset: 3 * lane, as: V.self)
            c30 += x * b0; c31 += x * b1
            x = ap.loadUnaligned(fromByteOffset: 4 * lane, as: V.self)
            c40 += x * b0; c41 += x * b1
            x = ap.loadUnaligned(fromByteOffset: 5 * lane, as: V.self)
            c50 += x * b0; c51 += x * b1
            ap += 6 * lane
            bp += 2 * lane
        }
        let out = UnsafeMutableRawPointer(tile)  // one store per accumulator; an array literal here would allocate
        out.storeBytes(of: c00, toByteOffset: 0, as: V.self)
        out.storeBytes(of: c01, toByteOffset: lane, as: V.self)
        out.storeBytes(of: c10, toByteOffset: 2 * lane, as: V.self)
        out.storeBytes(of: c11, toByteOffset: 3 * lane, as: V.self)
        out.storeBytes(of: c20, toByteOffset: 4 * lane, as: V.self)
        out.storeBytes(of: c21, toByteOffset: 5 * lane, as: V.self)
        out.storeBytes(of: c30, toByteOffset: 6 * lane, as: V.self)
        out.storeBytes(of: c31, toByteOffset: 7 * lane, as: V.self)
        out.storeBytes(of: c40, toByteOffset: 8 * lane, as: V.self)
        out.storeBytes(of: c41, toByteOffset: 9 * lane, as: V.self)
        out.storeBytes(of: c50, toByteOffset: 10 * lane, as: V.self)
        out.storeBytes(of: c51, toByteOffset: 11 * lane, as: V.self)
    }
}

extension Float {
    @inline(__always)
    static func storeBroadcast(_ value: Float, to target: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(target).storeBytes(of: SIMD4(repeating: value), as: SIMD4<Float>.self)
    }

    @inline(__always)
    static func copyStripRow(from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>) {
        let row = UnsafeRawPointer(source).loadUnaligned(as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(target).storeBytes(of: row, as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func storeTile(
        _ tile: UnsafePointer<Float>, alpha: Float, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let source = UnsafeRawPointer(tile)
        for r in 0..<6 {
            let target = UnsafeMutableRawPointer(c + r * ldc)
            var value = alpha * source.loadUnaligned(fromByteOffset: r * 32, as: SIMD8<Float>.self)
            if beta != 0 {
                value += beta * target.loadUnaligned(as: SIMD8<Float>.self)
            }
            target.storeBytes(of: value, as: SIMD8<Float>.self)
        }
    }
}

extension Double {
    @inline(__always)
    static func storeBroadcast(_ value: Double, to target: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(target).storeBytes(of: SIMD2(repeating: value), as: SIMD2<Double>.self)
    }

    @inline(__always)
    static func copyStripRow(from source: UnsafePointer<Double>, to target: UnsafeMutablePointer<Double>) {
        let row = UnsafeRawPointer(source).loadUnaligned(as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(target).storeBytes(of: row, as: SIMD4<Double>.self)
    }

    @inline(__always)
    static func storeTile(
        _ tile: UnsafePointer<Double>, alpha: Double, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        let source = UnsafeRawPointer(tile)
        for r in 0..<6 {
            let target = UnsafeMutableRawPointer(c + r * ldc)
            var value = alpha * source.loadUnaligned(fromByteOffset: r * 32, as: SIMD4<Double>.self)
            if beta != 0 {
                value += beta * target.loadUnaligned(as: SIMD4<Double>.self)
            }
            target.storeBytes(of: value, as: SIMD4<Double>.self)
        }
    }
}
