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
        if transB && !transA {  // rows of A and rows of B are both contiguous: C[i, j] += α · (A row i) · (B row j)
            for i in 0..<m {
                let row = c + i * ldc
                for j in 0..<n { row[j] += alpha * T.dot(count: k, a + i * lda, b + j * ldb) }
            }
            return
        }
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

extension Float {
    /// `Σ x[i] · y[i]` with two 8-lane accumulators, then a scalar tail.
    @inline(__always)
    static func dot(count: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        let first = UnsafeRawPointer(x), second = UnsafeRawPointer(y)
        var sum0 = SIMD8<Float>(), sum1 = SIMD8<Float>()
        var j = 0
        while j + 16 <= count {
            let offset = j * MemoryLayout<Float>.stride
            sum0 +=
                first.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                * second.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            sum1 +=
                first.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
                * second.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
            j += 16
        }
        var total = horizontalSum(sum0 + sum1)
        while j < count {
            total += x[j] * y[j]
            j += 1
        }
        return total
    }
}

extension Double {
    /// `Σ x[i] · y[i]` with two 4-lane accumulators, then a scalar tail.
    @inline(__always)
    static func dot(count: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        let first = UnsafeRawPointer(x), second = UnsafeRawPointer(y)
        var sum0 = SIMD4<Double>(), sum1 = SIMD4<Double>()
        var j = 0
        while j + 8 <= count {
            let offset = j * MemoryLayout<Double>.stride
            sum0 +=
                first.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                * second.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            sum1 +=
                first.loadUnaligned(fromByteOffset: offset + 32, as: SIMD4<Double>.self)
                * second.loadUnaligned(fromByteOffset: offset + 32, as: SIMD4<Double>.self)
            j += 8
        }
        var total = horizontalSum(sum0 + sum1)
        while j < count {
            total += x[j] * y[j]
            j += 1
        }
        return total
    }

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
