#ifndef SWIFTRL_KERNELS_H
#define SWIFTRL_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The code path the kernels selected for the running CPU (chosen once, on first use).
typedef enum {
    /// Portable C, compiled for the baseline of the target (SSE2 on x86-64).
    swiftrl_cpu_path_baseline = 0,
    /// x86-64 with AVX2 and FMA3.
    swiftrl_cpu_path_avx2_fma = 1,
    /// arm64 with NEON (Advanced SIMD).
    swiftrl_cpu_path_neon = 2,
} swiftrl_cpu_path;

/// The selected path. `SWIFTRL_CPU_PATH=baseline` in the environment forces the portable path (for tests).
swiftrl_cpu_path swiftrl_kernels_cpu_path(void);

/// Row-major single-precision GEMM, C = alpha * op(A) * op(B) + beta * C, with op(A) m x k and op(B) k x n.
/// trans_a / trans_b non-zero use the transposes (A stored k x m, B stored n x k). When beta == 0, C is not read.
/// Sizes are assumed valid (checked by the Swift caller).
void swiftrl_sgemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha, const float *a,
                   ptrdiff_t lda, const float *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc);

/// The same with a forced path (for tests and benchmarks); an unavailable path falls back to the baseline.
void swiftrl_sgemm_path(swiftrl_cpu_path path, int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                        float alpha, const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, float beta,
                        float *c, ptrdiff_t ldc);

#ifdef __cplusplus
}
#endif

#endif
