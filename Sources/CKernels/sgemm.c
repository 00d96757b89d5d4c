// Single-precision GEMM for SwiftRL without a BLAS library: GotoBLAS/BLIS-style cache blocking around a 6 x 16
// register-blocked micro-kernel, with the micro-kernel chosen for the running CPU at first use (AVX2 + FMA3 on
// x86-64 through per-function target attributes, NEON on arm64, portable C otherwise). No special compiler flags.
#include "swiftrl_kernels.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SWIFTRL_X86 1
#endif
#if defined(__aarch64__)
#include <arm_neon.h>
#define SWIFTRL_NEON 1
#endif

enum {
    MR = 6,      // rows of the register tile
    NR = 16,     // columns of the register tile (two AVX2 vectors, four NEON vectors)
    KC = 512,    // depth block: fewer passes over C; a 512 x 16 B micro-panel (32 KB) is reused from L1/L2
    MC = 96,     // row block: 96 x 512 packed A (192 KB) stays in L2
    NC = 3072,   // column block: 512 x 3072 packed B (6 MB) stays in L3
};

typedef void (*micro_kernel)(ptrdiff_t kc, const float *a, const float *b, float *c, ptrdiff_t ldc, float alpha,
                             float beta);

// ---------------------------------------------------------------------------------------------------------------
// Micro-kernels: C[0..6, 0..16] = alpha * (packed A panel) * (packed B panel) + beta * C; beta == 0 does not read C.

static void kernel_baseline(ptrdiff_t kc, const float *a, const float *b, float *c, ptrdiff_t ldc, float alpha,
                            float beta) {
    float acc[MR][NR];
    memset(acc, 0, sizeof acc);
    for (ptrdiff_t p = 0; p < kc; p++) {
        for (int r = 0; r < MR; r++) {
            const float ar = a[r];
            for (int j = 0; j < NR; j++) acc[r][j] += ar * b[j];
        }
        a += MR;
        b += NR;
    }
    for (int r = 0; r < MR; r++) {
        float *row = c + r * ldc;
        if (beta == 0.0f) {
            for (int j = 0; j < NR; j++) row[j] = alpha * acc[r][j];
        } else {
            for (int j = 0; j < NR; j++) row[j] = alpha * acc[r][j] + beta * row[j];
        }
    }
}

#if SWIFTRL_X86
// The AVX2 + FMA micro-kernel's loop is inline assembly, so it runs at full speed in unoptimised (debug) builds
// too, where SwiftPM compiles C with -O0 and intrinsics would spill every register.
#define SWIFTRL_FMA_ROW(offset, bc, lo, hi)                                                                            \
    "vbroadcastss " #offset "(%[a]), %%" #bc "\n\t"                                                                    \
    "vfmadd231ps %%ymm0, %%" #bc ", %%" #lo "\n\t"                                                                     \
    "vfmadd231ps %%ymm1, %%" #bc ", %%" #hi "\n\t"

__attribute__((target("avx2,fma"))) static void kernel_avx2(ptrdiff_t kc, const float *a, const float *b, float *c,
                                                             ptrdiff_t ldc, float alpha, float beta) {
    _Alignas(32) float acc[MR * NR];
    float *out = acc;
    __asm__ volatile(
        "vxorps %%ymm4, %%ymm4, %%ymm4\n\t"
        "vxorps %%ymm5, %%ymm5, %%ymm5\n\t"
        "vxorps %%ymm6, %%ymm6, %%ymm6\n\t"
        "vxorps %%ymm7, %%ymm7, %%ymm7\n\t"
        "vxorps %%ymm8, %%ymm8, %%ymm8\n\t"
        "vxorps %%ymm9, %%ymm9, %%ymm9\n\t"
        "vxorps %%ymm10, %%ymm10, %%ymm10\n\t"
        "vxorps %%ymm11, %%ymm11, %%ymm11\n\t"
        "vxorps %%ymm12, %%ymm12, %%ymm12\n\t"
        "vxorps %%ymm13, %%ymm13, %%ymm13\n\t"
        "vxorps %%ymm14, %%ymm14, %%ymm14\n\t"
        "vxorps %%ymm15, %%ymm15, %%ymm15\n\t"
        "testq %[k], %[k]\n\t"
        "jle 2f\n\t"
        "1:\n\t"
        "vmovups (%[b]), %%ymm0\n\t"
        "vmovups 32(%[b]), %%ymm1\n\t"
        "prefetcht0 512(%[b])\n\t"
        SWIFTRL_FMA_ROW(0, ymm2, ymm4, ymm5)
        SWIFTRL_FMA_ROW(4, ymm3, ymm6, ymm7)
        SWIFTRL_FMA_ROW(8, ymm2, ymm8, ymm9)
        SWIFTRL_FMA_ROW(12, ymm3, ymm10, ymm11)
        SWIFTRL_FMA_ROW(16, ymm2, ymm12, ymm13)
        SWIFTRL_FMA_ROW(20, ymm3, ymm14, ymm15)
        "addq $24, %[a]\n\t"
        "addq $64, %[b]\n\t"
        "decq %[k]\n\t"
        "jnz 1b\n\t"
        "2:\n\t"
        "vmovaps %%ymm4, (%[t])\n\t"
        "vmovaps %%ymm5, 32(%[t])\n\t"
        "vmovaps %%ymm6, 64(%[t])\n\t"
        "vmovaps %%ymm7, 96(%[t])\n\t"
        "vmovaps %%ymm8, 128(%[t])\n\t"
        "vmovaps %%ymm9, 160(%[t])\n\t"
        "vmovaps %%ymm10, 192(%[t])\n\t"
        "vmovaps %%ymm11, 224(%[t])\n\t"
        "vmovaps %%ymm12, 256(%[t])\n\t"
        "vmovaps %%ymm13, 288(%[t])\n\t"
        "vmovaps %%ymm14, 320(%[t])\n\t"
        "vmovaps %%ymm15, 352(%[t])\n\t"
        "vzeroupper\n\t"
        : [a] "+r"(a), [b] "+r"(b), [k] "+r"(kc)
        : [t] "r"(out)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12",
          "xmm13", "xmm14", "xmm15", "memory", "cc");
    const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    for (int r = 0; r < MR; r++) {
        float *row = c + r * ldc;
        const __m256 lo = _mm256_mul_ps(va, _mm256_load_ps(acc + r * NR));
        const __m256 hi = _mm256_mul_ps(va, _mm256_load_ps(acc + r * NR + 8));
        if (beta == 0.0f) {
            _mm256_storeu_ps(row, lo);
            _mm256_storeu_ps(row + 8, hi);
        } else {
            _mm256_storeu_ps(row, _mm256_fmadd_ps(vb, _mm256_loadu_ps(row), lo));
            _mm256_storeu_ps(row + 8, _mm256_fmadd_ps(vb, _mm256_loadu_ps(row + 8), hi));
        }
    }
}
#endif

#if SWIFTRL_NEON
static void kernel_neon(ptrdiff_t kc, const float *a, const float *b, float *c, ptrdiff_t ldc, float alpha,
                        float beta) {
    float32x4_t acc[MR][4];
    for (int r = 0; r < MR; r++)
        for (int q = 0; q < 4; q++) acc[r][q] = vdupq_n_f32(0);
    for (ptrdiff_t p = 0; p < kc; p++) {
        const float32x4_t b0 = vld1q_f32(b), b1 = vld1q_f32(b + 4), b2 = vld1q_f32(b + 8), b3 = vld1q_f32(b + 12);
        for (int r = 0; r < MR; r++) {
            const float32x4_t ar = vdupq_n_f32(a[r]);
            acc[r][0] = vfmaq_f32(acc[r][0], ar, b0);
            acc[r][1] = vfmaq_f32(acc[r][1], ar, b1);
            acc[r][2] = vfmaq_f32(acc[r][2], ar, b2);
            acc[r][3] = vfmaq_f32(acc[r][3], ar, b3);
        }
        a += MR;
        b += NR;
    }
    for (int r = 0; r < MR; r++) {
        float *row = c + r * ldc;
        for (int q = 0; q < 4; q++) {
            float32x4_t value = vmulq_n_f32(acc[r][q], alpha);
            if (beta != 0.0f) value = vfmaq_n_f32(value, vld1q_f32(row + 4 * q), beta);
            vst1q_f32(row + 4 * q, value);
        }
    }
}
#endif

// ---------------------------------------------------------------------------------------------------------------
// CPU path selection.

static int path_available(swiftrl_cpu_path path) {
    switch (path) {
    case swiftrl_cpu_path_baseline: return 1;
    case swiftrl_cpu_path_avx2_fma:
#if SWIFTRL_X86
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
        return 0;
#endif
    case swiftrl_cpu_path_neon:
#if SWIFTRL_NEON
        return 1;
#else
        return 0;
#endif
    }
    return 0;
}

static swiftrl_cpu_path detect_path(void) {
    const char *forced = getenv("SWIFTRL_CPU_PATH");
    if (forced && strcmp(forced, "baseline") == 0) return swiftrl_cpu_path_baseline;
    if (path_available(swiftrl_cpu_path_avx2_fma)) return swiftrl_cpu_path_avx2_fma;
    if (path_available(swiftrl_cpu_path_neon)) return swiftrl_cpu_path_neon;
    return swiftrl_cpu_path_baseline;
}

swiftrl_cpu_path swiftrl_kernels_cpu_path(void) {
    static int selected = -1;  // benign race: every thread computes the same value
    int value = __atomic_load_n(&selected, __ATOMIC_RELAXED);
    if (value < 0) {
        value = (int)detect_path();
        __atomic_store_n(&selected, value, __ATOMIC_RELAXED);
    }
    return (swiftrl_cpu_path)value;
}

static micro_kernel kernel_for(swiftrl_cpu_path path) {
    if (!path_available(path)) return kernel_baseline;
    switch (path) {
#if SWIFTRL_X86
    case swiftrl_cpu_path_avx2_fma: return kernel_avx2;
#endif
#if SWIFTRL_NEON
    case swiftrl_cpu_path_neon: return kernel_neon;
#endif
    default: return kernel_baseline;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Packing. A block (height x depth of op(A)) -> MR-row strips, depth-major; B block (depth x width of op(B)) ->
// NR-column strips, depth-major; both zero-padded to whole strips.

static void pack_a(int trans, const float *a, ptrdiff_t lda, ptrdiff_t row, ptrdiff_t column, ptrdiff_t height,
                   ptrdiff_t depth, float *packed) {
    for (ptrdiff_t strip = 0; strip < height; strip += MR) {
        const ptrdiff_t rows = height - strip < MR ? height - strip : MR;
        float *out = packed + strip * depth;
        if (trans) {  // op(A)[i, p] = A[p, i]: the strip's rows are contiguous for each p
            const float *source = a + column * lda + row + strip;
            for (ptrdiff_t p = 0; p < depth; p++) {
                const float *s = source + p * lda;
                for (ptrdiff_t r = 0; r < rows; r++) out[p * MR + r] = s[r];
                for (ptrdiff_t r = rows; r < MR; r++) out[p * MR + r] = 0;
            }
        } else {
            for (ptrdiff_t r = 0; r < MR; r++) {
                if (r < rows) {
                    const float *s = a + (row + strip + r) * lda + column;
                    for (ptrdiff_t p = 0; p < depth; p++) out[p * MR + r] = s[p];
                } else {
                    for (ptrdiff_t p = 0; p < depth; p++) out[p * MR + r] = 0;
                }
            }
        }
    }
}

static void pack_b(int trans, const float *b, ptrdiff_t ldb, ptrdiff_t row, ptrdiff_t column, ptrdiff_t depth,
                   ptrdiff_t width, float *packed) {
    for (ptrdiff_t strip = 0; strip < width; strip += NR) {
        const ptrdiff_t columns = width - strip < NR ? width - strip : NR;
        float *out = packed + strip * depth;
        if (trans) {  // op(B)[p, j] = B[j, p]
            for (ptrdiff_t j = 0; j < NR; j++) {
                if (j < columns) {
                    const float *s = b + (column + strip + j) * ldb + row;
                    for (ptrdiff_t p = 0; p < depth; p++) out[p * NR + j] = s[p];
                } else {
                    for (ptrdiff_t p = 0; p < depth; p++) out[p * NR + j] = 0;
                }
            }
        } else if (columns == NR) {
            for (ptrdiff_t p = 0; p < depth; p++) memcpy(out + p * NR, b + (row + p) * ldb + column + strip, NR * 4);
        } else {
            for (ptrdiff_t p = 0; p < depth; p++) {
                const float *s = b + (row + p) * ldb + column + strip;
                for (ptrdiff_t j = 0; j < columns; j++) out[p * NR + j] = s[j];
                for (ptrdiff_t j = columns; j < NR; j++) out[p * NR + j] = 0;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Per-thread packing buffers, grown on demand and kept (no allocation per call).

typedef struct {
    float *data;
    size_t capacity;
} buffer;

static _Thread_local buffer packed_a_buffer, packed_b_buffer;

static float *reserve(buffer *buf, size_t count) {
    if (buf->capacity < count) {
        free(buf->data);
        buf->data = aligned_alloc(64, (count * sizeof(float) + 63) / 64 * 64);
        buf->capacity = buf->data ? count : 0;
    }
    return buf->data;
}

static void scale_c(ptrdiff_t m, ptrdiff_t n, float beta, float *c, ptrdiff_t ldc) {
    if (beta == 1.0f) return;
    for (ptrdiff_t i = 0; i < m; i++) {
        float *row = c + i * ldc;
        for (ptrdiff_t j = 0; j < n; j++) row[j] = beta == 0.0f ? 0.0f : beta * row[j];
    }
}

void swiftrl_sgemm_path(swiftrl_cpu_path path, int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                        float alpha, const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, float beta,
                        float *c, ptrdiff_t ldc) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0 || alpha == 0.0f) {
        scale_c(m, n, beta, c, ldc);
        return;
    }
    const micro_kernel kernel = kernel_for(path);
    const ptrdiff_t kc_max = k < KC ? k : KC;
    const ptrdiff_t mc_max = ((m < MC ? m : MC) + MR - 1) / MR * MR;
    const ptrdiff_t nc_max = ((n < NC ? n : NC) + NR - 1) / NR * NR;
    float *packed_a = reserve(&packed_a_buffer, (size_t)(mc_max * kc_max));
    float *packed_b = reserve(&packed_b_buffer, (size_t)(nc_max * kc_max));
    if (!packed_a || !packed_b) {  // out of memory: an unblocked triple loop still gives the right answer
        for (ptrdiff_t i = 0; i < m; i++)
            for (ptrdiff_t j = 0; j < n; j++) {
                float sum = 0;
                for (ptrdiff_t p = 0; p < k; p++)
                    sum += (trans_a ? a[p * lda + i] : a[i * lda + p]) * (trans_b ? b[j * ldb + p] : b[p * ldb + j]);
                c[i * ldc + j] = alpha * sum + (beta == 0.0f ? 0.0f : beta * c[i * ldc + j]);
            }
        return;
    }
    _Alignas(64) float tile[MR * NR];
    for (ptrdiff_t jc = 0; jc < n; jc += NC) {
        const ptrdiff_t nc = n - jc < NC ? n - jc : NC;
        for (ptrdiff_t pc = 0; pc < k; pc += KC) {
            const ptrdiff_t kc = k - pc < KC ? k - pc : KC;
            pack_b(trans_b, b, ldb, pc, jc, kc, nc, packed_b);
            const float block_beta = pc == 0 ? beta : 1.0f;
            for (ptrdiff_t ic = 0; ic < m; ic += MC) {
                const ptrdiff_t mc = m - ic < MC ? m - ic : MC;
                pack_a(trans_a, a, lda, ic, pc, mc, kc, packed_a);
                for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
                    const ptrdiff_t columns = nc - jr < NR ? nc - jr : NR;
                    for (ptrdiff_t ir = 0; ir < mc; ir += MR) {
                        const ptrdiff_t rows = mc - ir < MR ? mc - ir : MR;
                        float *target = c + (ic + ir) * ldc + jc + jr;
                        const float *pa = packed_a + ir * kc, *pb = packed_b + jr * kc;
                        if (rows == MR && columns == NR) {
                            kernel(kc, pa, pb, target, ldc, alpha, block_beta);
                        } else {
                            kernel(kc, pa, pb, tile, NR, 1.0f, 0.0f);
                            for (ptrdiff_t r = 0; r < rows; r++)
                                for (ptrdiff_t j = 0; j < columns; j++) {
                                    float *out = target + r * ldc + j;
                                    const float value = alpha * tile[r * NR + j];
                                    *out = block_beta == 0.0f ? value : value + block_beta * *out;
                                }
                        }
                    }
                }
            }
        }
    }
}

void swiftrl_sgemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha, const float *a,
                   ptrdiff_t lda, const float *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc) {
    swiftrl_sgemm_path(swiftrl_kernels_cpu_path(), trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
