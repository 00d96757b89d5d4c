internal import CKernels
import Foundation

/// The single-precision built-in GEMM: the C kernel of target `CKernels` (GotoBLAS/BLIS-style blocking, kc = 512,
/// mc = 96, nc = 3072, around a 6×16 micro-kernel), whose micro-kernel is chosen for the running CPU on first use.
enum BuiltinSGEMM {
    /// A micro-kernel code path.
    enum Path: CaseIterable, Sendable {
        /// Portable C (SSE2 on x86-64 as the compiler vectorises it).
        case baseline
        /// AVX2 + FMA3 intrinsics (x86-64), compiled with a per-function target attribute.
        case avx2FMA
        /// NEON intrinsics (arm64).
        case neon

        var c: swiftrl_cpu_path {
            switch self {
            case .baseline: swiftrl_cpu_path_baseline
            case .avx2FMA: swiftrl_cpu_path_avx2_fma
            case .neon: swiftrl_cpu_path_neon
            }
        }

        /// The name `swiftrl doctor` prints.
        var name: String {
            switch self {
            case .baseline: "baseline"
            case .avx2FMA: "avx2+fma"
            case .neon: "neon"
            }
        }
    }

    /// The path selected for this CPU (`SWIFTRL_CPU_PATH=baseline` forces the portable one).
    static let selected: Path = {
        switch swiftrl_kernels_cpu_path() {
        case swiftrl_cpu_path_avx2_fma: .avx2FMA
        case swiftrl_cpu_path_neon: .neon
        default: .baseline
        }
    }()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var threadCount = 1

    /// Worker threads of one product (default 1; ``GEMM/setThreads(_:)`` sets it, as `--threads N` does).
    static var threads: Int {
        get { lock.withLock { threadCount } }
        set { lock.withLock { threadCount = max(1, newValue) } }
    }

    /// Multiply–adds below which one thread does the whole product (≈ 128³: smaller products finish in well under
    /// a millisecond, where waking a second thread costs more than it saves).
    static let parallelThreshold = 1 << 21

    /// Row-major `C = α·op(A)·op(B) + β·C` on `path` (an unavailable path runs the baseline one); sizes valid.
    ///
    /// With ``threads`` > 1 and a product of at least ``parallelThreshold`` multiply–adds, C is cut into column
    /// blocks (multiples of the 16-wide register tile; row blocks when C is taller than wide), one per worker. Each
    /// element's sum over k runs in the same order as on one thread, so the result is bit-identical for any count.
    static func gemm(
        path: Path = selected, transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int, threads: Int = BuiltinSGEMM.threads
    ) {
        let byColumns = n >= m
        let tile = byColumns ? 16 : 6
        let workers = min(threads, max(1, (byColumns ? n : m) / (2 * tile)))
        guard workers > 1, m * n * k >= parallelThreshold else {
            swiftrl_sgemm_path(path.c, transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            return
        }
        let pointers = UnsafeSendablePointers(a: a, b: b, c: c)
        let extent = byColumns ? n : m
        let tiles = (extent + tile - 1) / tile
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let lower = min(extent, tiles * worker / workers * tile)
            let upper = min(extent, tiles * (worker + 1) / workers * tile)
            guard upper > lower else { return }
            if byColumns {
                // Columns lower..<upper of C and op(B): B[:, j] (k × n storage) or B[j, :] (n × k storage).
                let bSlice = pointers.b + (transB ? lower * ldb : lower)
                swiftrl_sgemm_path(
                    path.c, transA ? 1 : 0, transB ? 1 : 0, m, upper - lower, k, alpha, pointers.a, lda, bSlice, ldb,
                    beta, pointers.c + lower, ldc)
            } else {
                // Rows lower..<upper of C and op(A): A[i, :] (m × k storage) or A[:, i] (k × m storage).
                let aSlice = pointers.a + (transA ? lower : lower * lda)
                swiftrl_sgemm_path(
                    path.c, transA ? 1 : 0, transB ? 1 : 0, upper - lower, n, k, alpha, aSlice, lda, pointers.b, ldb,
                    beta, pointers.c + lower * ldc, ldc)
            }
        }
    }
}

/// Operand pointers shared by the workers of one product; each worker writes a disjoint block of C.
private struct UnsafeSendablePointers: @unchecked Sendable {
    let a: UnsafePointer<Float>
    let b: UnsafePointer<Float>
    let c: UnsafeMutablePointer<Float>
}
