internal import CKernels

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

    /// Row-major `C = α·op(A)·op(B) + β·C` on `path` (an unavailable path runs the baseline one); sizes valid.
    static func gemm(
        path: Path = selected, transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        swiftrl_sgemm_path(path.c, transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
}
