/// A plain-loop GEMM for tiny products, where packing and library-call overhead would dominate.
enum SmallGEMM {
    /// Row-major `C = α·op(A)·op(B) + β·C`; i-p-j order so the inner loop runs along rows of C (and of B when B is
    /// not transposed). β = 0 does not read C.
    static func gemm<T: BinaryFloatingPoint>(
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
                    let source = b + p * ldb
                    for j in 0..<n { row[j] += scaled * source[j] }
                }
            }
        }
    }
}
