/// Routes GEMM calls to the active backend (``GEMM``) for `Float` and to a simple blocked kernel for `Double`
/// when no BLAS `dgemm` is present.
enum GEMMDispatch {
    static func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        referenceGEMM(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                      beta: beta, c: c, ldc: ldc)
    }

    static func dgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                      a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                      beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        referenceGEMM(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                      beta: beta, c: c, ldc: ldc)
    }
}

/// Straightforward row-major GEMM (`C = op(A)op(B) + βC`), i-k-j loop order; reference and Double fallback.
func referenceGEMM<T: TensorScalar>(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, beta: T, c: UnsafeMutablePointer<T>, ldc: Int
) {
    for i in 0..<m {
        let row = c + i * ldc
        if beta == 0 { for j in 0..<n { row[j] = 0 } } else if beta != 1 { for j in 0..<n { row[j] *= beta } }
        for p in 0..<k {
            let aip = transA ? a[p * lda + i] : a[i * lda + p]
            if aip == 0 { continue }
            if transB {
                for j in 0..<n { row[j] += aip * b[j * ldb + p] }
            } else {
                let brow = b + p * ldb
                for j in 0..<n { row[j] += aip * brow[j] }
            }
        }
    }
}
