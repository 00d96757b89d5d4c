import Foundation

/// General matrix multiply on row-major buffers: `C = α·op(A)·op(B) + β·C`.
///
/// Two backends: OpenBLAS (`cblas_sgemm`/`cblas_dgemm`) loaded at run time with `dlopen` and pinned to one thread,
/// and a built-in cache-blocked kernel used when no BLAS library is found: for `Float` a C kernel (target
/// `CKernels`) whose 6×16 micro-kernel is chosen for the running CPU at start-up (AVX2 + FMA, NEON, or portable C;
/// see ``cpuPath``), for `Double` a pure-Swift SIMD kernel. The environment
/// variable `SWIFTRL_BLAS=builtin|openblas` forces a backend; it is read once, on first use. Tiny products use a
/// plain SIMD loop instead (m·n·k < 512 with OpenBLAS; m·n·k < 4096 or m < 6 with the built-in kernel).
///
/// ```swift
/// // C (2×2) = A (2×3) · B (3×2)
/// GEMM.sgemm(transA: false, transB: false, m: 2, n: 2, k: 3, alpha: 1, a: a, lda: 3, b: b, ldb: 2,
///            beta: 0, c: c, ldc: 2)
/// ```
public enum GEMM {
    /// An implementation of GEMM.
    public enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
        /// OpenBLAS (or another CBLAS library) loaded at run time.
        case openBLAS = "openblas"
        /// The pure-Swift blocked SIMD kernel.
        case builtin

        /// A human-readable name, including the loaded library file for OpenBLAS.
        public var description: String {
            switch self {
            case .openBLAS: "OpenBLAS (\(OpenBLAS.shared?.name ?? "not loaded"))"
            case .builtin: "built-in kernel (\(GEMM.cpuPath) path)"
            }
        }
    }

    /// The backend used when none is passed: `SWIFTRL_BLAS` if set (`openblas` falls back to `builtin` with a
    /// warning on standard error when no library loads), else OpenBLAS when available, else built-in.
    public static let backend: Backend = selectBackend(ProcessInfo.processInfo.environment["SWIFTRL_BLAS"])

    /// The code path the built-in single-precision kernel selected for this CPU at start-up: `avx2+fma`, `neon` or
    /// `baseline` (portable C; `SWIFTRL_CPU_PATH=baseline` forces it).
    public static var cpuPath: String { BuiltinSGEMM.selected.name }

    /// Whether a CBLAS library was found (`libopenblas.so.0`, `libopenblas.so`, `libopenblas.dylib`,
    /// `libblas.so.3`, in that order). Loading happens on first use.
    public static var isOpenBLASAvailable: Bool { OpenBLAS.shared != nil }

    /// Sets the thread count of one single-precision product, for OpenBLAS and the built-in kernel (default 1; more
    /// threads help only when the other cores are idle). The built-in kernel's results do not depend on it.
    /// - Parameter count: threads, at least 1.
    public static func setThreads(_ count: Int) {
        OpenBLAS.shared?.setThreads?(Int32(clamping: max(1, count)))
        BuiltinSGEMM.threads = count
    }

    /// The built-in kernel's thread count (see ``setThreads(_:)``).
    public static var builtinThreads: Int { BuiltinSGEMM.threads }

    /// Single-precision row-major GEMM, `C = α·op(A)·op(B) + β·C`, with `op(A)` m×k and `op(B)` k×n.
    ///
    /// - Parameters:
    ///   - transA: use Aᵀ (A is stored k×m) instead of A (stored m×k).
    ///   - transB: use Bᵀ (B is stored n×k) instead of B (stored k×n).
    ///   - m: rows of C; n: columns of C; k: the shared dimension. Zero sizes are allowed.
    ///   - lda, ldb, ldc: row strides (leading dimensions) of the stored A, B and C, at least their row lengths.
    ///   - beta: when 0, C is write-only (NaNs in it are ignored), as in BLAS.
    ///   - backend: the implementation; `.openBLAS` falls back to `.builtin` if no library is loaded.
    /// - Complexity: O(m·n·k).
    public static func sgemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, backend: Backend = GEMM.backend
    ) {
        checkShapes(transA: transA, transB: transB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
        guard m > 0, n > 0 else { return }
        if useSmallLoop(m: m, n: n, k: k, backend: backend) {
            SmallGEMM.gemm(
                transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        } else if backend == .openBLAS, let blas = OpenBLAS.shared, let sizes = int32Sizes(m, n, k, lda, ldb, ldc) {
            blas.sgemm(
                OpenBLAS.rowMajor, transA ? OpenBLAS.transpose : OpenBLAS.noTranspose,
                transB ? OpenBLAS.transpose : OpenBLAS.noTranspose, sizes[0], sizes[1], sizes[2],
                alpha, a, sizes[3], b, sizes[4], beta, c, sizes[5])
        } else {
            BuiltinSGEMM.gemm(
                transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    /// Double-precision row-major GEMM, `C = α·op(A)·op(B) + β·C`; same contract as
    /// ``sgemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:backend:)``.
    /// - Complexity: O(m·n·k).
    public static func dgemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int, backend: Backend = GEMM.backend
    ) {
        checkShapes(transA: transA, transB: transB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
        guard m > 0, n > 0 else { return }
        if useSmallLoop(m: m, n: n, k: k, backend: backend) {
            SmallGEMM.gemm(
                transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        } else if backend == .openBLAS, let blas = OpenBLAS.shared, let sizes = int32Sizes(m, n, k, lda, ldb, ldc) {
            blas.dgemm(
                OpenBLAS.rowMajor, transA ? OpenBLAS.transpose : OpenBLAS.noTranspose,
                transB ? OpenBLAS.transpose : OpenBLAS.noTranspose, sizes[0], sizes[1], sizes[2],
                alpha, a, sizes[3], b, sizes[4], beta, c, sizes[5])
        } else {
            BuiltinGEMM.gemm(
                transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    /// Whether ``SmallGEMM`` beats the backend: below 512 multiply–adds OpenBLAS's call overhead dominates; the
    /// built-in kernel's packing dominates below 4096, and with fewer rows than its 6-row register tile.
    static func useSmallLoop(m: Int, n: Int, k: Int, backend: Backend) -> Bool {
        let product = m * n * k
        if backend == .openBLAS && OpenBLAS.shared != nil {
            return product < 512
        }
        return product < 4096 || m < Float.microRows
    }

    static func selectBackend(_ setting: String?) -> Backend {
        switch setting?.lowercased() {
        case "builtin":
            return .builtin
        case "openblas":
            if isOpenBLASAvailable { return .openBLAS }
            let tried = OpenBLAS.candidates.joined(separator: ", ")
            let message =
                "SwiftRL: SWIFTRL_BLAS=openblas but no BLAS library loaded (tried \(tried)); using the "
                + "built-in kernel. Install one, e.g. `apt-get install libopenblas0`.\n"
            FileHandle.standardError.write(Data(message.utf8))
            return .builtin
        case nil, "":
            return isOpenBLASAvailable ? .openBLAS : .builtin
        case let other?:
            FileHandle.standardError.write(
                Data(
                    "SwiftRL: ignoring SWIFTRL_BLAS=\(other); expected `builtin` or `openblas`.\n".utf8))
            return isOpenBLASAvailable ? .openBLAS : .builtin
        }
    }

    /// Sizes as CBLAS `int`s, or `nil` if one does not fit (then the built-in kernel runs).
    private static func int32Sizes(_ values: Int...) -> [Int32]? {
        let converted = values.compactMap { Int32(exactly: $0) }
        return converted.count == values.count ? converted : nil
    }

    /// Shape contract; violations are programming errors (as an out-of-range subscript is), so they trap with a
    /// message naming the argument.
    private static func checkShapes(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "GEMM: negative size m=\(m) n=\(n) k=\(k)")
        precondition(lda >= max(1, transA ? m : k), "GEMM: lda=\(lda) is less than the stored row length of A")
        precondition(ldb >= max(1, transB ? k : n), "GEMM: ldb=\(ldb) is less than the stored row length of B")
        precondition(ldc >= max(1, n), "GEMM: ldc=\(ldc) is less than n=\(n)")
    }
}
