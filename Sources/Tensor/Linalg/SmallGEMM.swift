/// A plain-loop GEMM for products where packing and library-call overhead would dominate: tiny sizes on every
/// backend, and fewer rows than one register tile (matrix–vector shapes) on the built-in one.
enum SmallGEMM {
    /// Row-major `C = α·op(A)·op(B) + β·C`; i-p-j order so the inner loop is an axpy along a row of C (and of B
    /// when B is not transposed). β = 0 does not read C.
    static func gemm<T: PackedGEMMScalar>(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: T,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        BuiltinGEMM.scale(m: m, n: n, beta: beta, c: c, ldc: ldc)
        guard alpha != 0 else { return }
        for i in 0..<m {
            let row = c + i * ldc
            for p in 0..<k {
                let scaled = alpha * (transA ? a[p * lda + i] : a[i * lda + p])
                if transB {
                    for j in 0..<n { row[j] += scaled * b[j * ldb + p] }
                } else {
                    T.axpy(count: n, alpha: scaled, x: b + p * ldb, y: row)
                }
            }
        }
    }
}

extension Float {
    /// `y += alpha · x` in 8-lane chunks, then a scalar tail.
    @inline(__always)
    static func axpy(count: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        let scale = SIMD8<Float>(repeating: alpha)
        let source = UnsafeRawPointer(x), target = UnsafeMutableRawPointer(y)
        var j = 0
        while j + 8 <= count {
            let offset = j * MemoryLayout<Float>.stride
            var sum = target.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            sum += scale * source.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            target.storeBytes(of: sum, toByteOffset: offset, as: SIMD8<Float>.self)
            j += 8
        }
        while j < count {
            y[j] += alpha * x[j]
            j += 1
        }
    }
}

extension Double {
    /// `y += alpha · x` in 4-lane chunks, then a scalar tail.
    @inline(__always)
    static func axpy(count: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
        let scale = SIMD4<Double>(repeating: alpha)
        let source = UnsafeRawPointer(x), target = UnsafeMutableRawPointer(y)
        var j = 0
        while j + 4 <= count {
            let offset = j * MemoryLayout<Double>.stride
            var sum = target.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            sum += scale * source.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            target.storeBytes(of: sum, toByteOffset: offset, as: SIMD4<Double>.self)
            j += 4
        }
        while j < count {
            y[j] += alpha * x[j]
            j += 1
        }
    }
}
