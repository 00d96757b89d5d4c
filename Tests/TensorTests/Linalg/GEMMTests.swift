import Foundation
import Testing
@testable import Tensor

/// One GEMM problem: sizes, padding of the leading dimensions, α and β.
struct GEMMCase: CustomTestStringConvertible, Sendable {
    var m: Int, n: Int, k: Int
    var pad = 0
    var alpha = 1.0, beta = 0.0
    var testDescription: String { "m=\(m) n=\(n) k=\(k) pad=\(pad) α=\(alpha) β=\(beta)" }
}

/// Shapes cover the plain-loop path (m·n·k < 4096), odd edges of the 6×8 register tile, and the kc = 256,
/// mc = 96 and nc = 2048 block boundaries.
let gemmCases: [GEMMCase] = [
    GEMMCase(m: 1, n: 1, k: 1),
    GEMMCase(m: 7, n: 5, k: 3, pad: 2, alpha: 0.5, beta: 2),
    GEMMCase(m: 33, n: 17, k: 65, pad: 1, alpha: -1.5, beta: 1),
    GEMMCase(m: 130, n: 33, k: 7, pad: 3, alpha: 1, beta: 0.25),
    GEMMCase(m: 1, n: 130, k: 33),
    GEMMCase(m: 130, n: 1, k: 130, pad: 5),
    GEMMCase(m: 200, n: 70, k: 300, pad: 4, alpha: 0.75, beta: -0.5),
    GEMMCase(m: 7, n: 2100, k: 9, pad: 1, alpha: 1, beta: 1),
]

/// Deterministic test data in [-1, 1).
func gemmData(_ count: Int, seed: UInt64) -> [Double] {
    var rng = Xoshiro256StarStar(seed: seed)
    return (0..<count).map { _ in 2 * rng.nextDouble() - 1 }
}

/// Reference `C = α·op(A)·op(B) + β·C` by the definition, in Double.
func naiveGEMM(
    transA: Bool, transB: Bool, _ c: GEMMCase, a: [Double], lda: Int, b: [Double], ldb: Int, cIn: [Double], ldc: Int
) -> [Double] {
    var out = cIn
    for i in 0..<c.m {
        for j in 0..<c.n {
            var sum = 0.0
            for p in 0..<c.k {
                sum += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j])
            }
            out[i * ldc + j] = c.alpha * sum + (c.beta == 0 ? 0 : c.beta * cIn[i * ldc + j])
        }
    }
    return out
}

@Suite("GEMM against a naive triple loop")
struct GEMMTests {
    static let transposes = [(false, false), (true, false), (false, true), (true, true)].map { [$0.0, $0.1] }

    private struct Problem {
        var a: [Double], b: [Double], c: [Double], lda: Int, ldb: Int, ldc: Int, expected: [Double]
    }

    private func problem(_ c: GEMMCase, transA: Bool, transB: Bool) -> Problem {
        let (aRows, aColumns) = transA ? (c.k, c.m) : (c.m, c.k)
        let (bRows, bColumns) = transB ? (c.n, c.k) : (c.k, c.n)
        let lda = aColumns + c.pad, ldb = bColumns + c.pad, ldc = c.n + c.pad
        let a = gemmData(aRows * lda, seed: 1), b = gemmData(bRows * ldb, seed: 2), cIn = gemmData(c.m * ldc, seed: 3)
        let expected = naiveGEMM(transA: transA, transB: transB, c, a: a, lda: lda, b: b, ldb: ldb, cIn: cIn, ldc: ldc)
        return Problem(a: a, b: b, c: cIn, lda: lda, ldb: ldb, ldc: ldc, expected: expected)
    }

    @Test(
        "sgemm matches for every backend, transpose pair and shape",
        arguments: GEMM.Backend.allCases, GEMMTests.transposes)
    func sgemm(backend: GEMM.Backend, transposes: [Bool]) {
        for c in gemmCases {
            let p = problem(c, transA: transposes[0], transB: transposes[1])
            let a = p.a.map(Float.init), b = p.b.map(Float.init)
            var out = p.c.map(Float.init)
            GEMM.sgemm(
                transA: transposes[0], transB: transposes[1], m: c.m, n: c.n, k: c.k, alpha: Float(c.alpha),
                a: a, lda: p.lda, b: b, ldb: p.ldb, beta: Float(c.beta), c: &out, ldc: p.ldc, backend: backend)
            let error = zip(out, p.expected).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(error < 1e-6 * Double(c.k + 2) * 8, "\(c.testDescription)")
        }
    }

    @Test(
        "dgemm matches for every backend, transpose pair and shape",
        arguments: GEMM.Backend.allCases, GEMMTests.transposes)
    func dgemm(backend: GEMM.Backend, transposes: [Bool]) {
        for c in gemmCases {
            let p = problem(c, transA: transposes[0], transB: transposes[1])
            var out = p.c
            GEMM.dgemm(
                transA: transposes[0], transB: transposes[1], m: c.m, n: c.n, k: c.k, alpha: c.alpha,
                a: p.a, lda: p.lda, b: p.b, ldb: p.ldb, beta: c.beta, c: &out, ldc: p.ldc, backend: backend)
            let error = zip(out, p.expected).map { abs($0 - $1) }.max() ?? 0
            #expect(error < 1e-12 * Double(c.k + 2) * 4, "\(c.testDescription)")
        }
    }

    @Test("β = 0 overwrites C without reading it (NaNs in C disappear)", arguments: GEMM.Backend.allCases)
    func betaZeroIgnoresC(backend: GEMM.Backend) {
        let a = [Float](repeating: 1, count: 64 * 64), b = [Float](repeating: 2, count: 64 * 64)
        var c = [Float](repeating: .nan, count: 64 * 64)
        GEMM.sgemm(
            transA: false, transB: false, m: 64, n: 64, k: 64, alpha: 1, a: a, lda: 64, b: b, ldb: 64,
            beta: 0, c: &c, ldc: 64, backend: backend)
        #expect(c.allSatisfy { $0 == 128 })
    }

    @Test("k = 0 scales C by β", arguments: GEMM.Backend.allCases)
    func emptyInnerDimension(backend: GEMM.Backend) {
        let a = [Float](repeating: 1, count: 1), b = [Float](repeating: 1, count: 100)
        var c = [Float](repeating: 3, count: 100 * 100)
        GEMM.sgemm(
            transA: false, transB: false, m: 100, n: 100, k: 0, alpha: 1, a: a, lda: 1, b: b, ldb: 100,
            beta: 0.5, c: &c, ldc: 100, backend: backend)
        #expect(c.allSatisfy { $0 == 1.5 })
    }

    @Test("Padding columns of C (beyond n) are never written", arguments: GEMM.Backend.allCases)
    func paddingUntouched(backend: GEMM.Backend) {
        let m = 50, n = 70, k = 40, ldc = 75
        let a = gemmData(m * k, seed: 4).map(Float.init), b = gemmData(k * n, seed: 5).map(Float.init)
        var c = [Float](repeating: -7, count: m * ldc)
        GEMM.sgemm(
            transA: false, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n,
            beta: 0, c: &c, ldc: ldc, backend: backend)
        #expect((0..<m).allSatisfy { i in (n..<ldc).allSatisfy { c[i * ldc + $0] == -7 } })
    }

    @Test("SWIFTRL_BLAS values select a backend; unknown values fall back to the default")
    func backendSelection() {
        #expect(GEMM.selectBackend("builtin") == .builtin)
        #expect(GEMM.selectBackend("BUILTIN") == .builtin)
        let automatic: GEMM.Backend = GEMM.isOpenBLASAvailable ? .openBLAS : .builtin
        #expect(GEMM.selectBackend("openblas") == automatic)
        #expect(GEMM.selectBackend(nil) == automatic)
        #expect(GEMM.selectBackend("mkl") == automatic)
    }
}

/// Every code path of the C kernel (the portable one always; AVX2 + FMA or NEON where the CPU has them) against the
/// definition, across the kc = 512, mc = 96 and nc = 3072 block edges and the 6×16 tile edges; β = 0 ignores NaN.
@Suite("built-in SGEMM paths")
struct BuiltinSGEMMPathTests {
    static let cases: [GEMMCase] = [
        GEMMCase(m: 6, n: 16, k: 1),
        GEMMCase(m: 13, n: 35, k: 513, pad: 3, alpha: 0.5, beta: 1),
        GEMMCase(m: 97, n: 17, k: 40, pad: 1, alpha: -1, beta: 0.25),
        GEMMCase(m: 7, n: 3073, k: 3, alpha: 1.5, beta: 0),
        GEMMCase(m: 193, n: 48, k: 1030, pad: 2, alpha: 1, beta: -2),
    ]

    @Test(arguments: BuiltinSGEMM.Path.allCases, GEMMTests.transposes)
    func pathMatchesTheDefinition(path: BuiltinSGEMM.Path, transposes: [Bool]) {
        let (transA, transB) = (transposes[0], transposes[1])
        for c in Self.cases {
            let (aRows, aColumns) = transA ? (c.k, c.m) : (c.m, c.k)
            let (bRows, bColumns) = transB ? (c.n, c.k) : (c.k, c.n)
            let lda = aColumns + c.pad, ldb = bColumns + c.pad, ldc = c.n + c.pad
            let a = gemmData(aRows * lda, seed: 4), b = gemmData(bRows * ldb, seed: 5)
            var cIn = gemmData(c.m * ldc, seed: 6)
            if c.beta == 0 { cIn = cIn.map { _ in .nan } }
            let expected = naiveGEMM(
                transA: transA, transB: transB, c, a: a, lda: lda, b: b, ldb: ldb, cIn: cIn, ldc: ldc)
            let af = a.map(Float.init), bf = b.map(Float.init)
            var out = cIn.map(Float.init)
            af.withUnsafeBufferPointer { pa in
                bf.withUnsafeBufferPointer { pb in
                    out.withUnsafeMutableBufferPointer { pc in
                        BuiltinSGEMM.gemm(
                            path: path, transA: transA, transB: transB, m: c.m, n: c.n, k: c.k,
                            alpha: Float(c.alpha), a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb,
                            beta: Float(c.beta), c: pc.baseAddress!, ldc: ldc)
                    }
                }
            }
            var worst = 0.0
            for i in 0..<c.m {
                for j in 0..<c.n {
                    worst = max(worst, abs(Double(out[i * ldc + j]) - expected[i * ldc + j]))
                }
            }
            #expect(worst < 1e-6 * Double(c.k + 2) * 8, "\(path) \(c.testDescription)")
        }
    }

    /// Products big enough to be split (≥ 2²¹ multiply–adds), wide (column blocks) and tall (row blocks), with
    /// sizes that are not multiples of the tile.
    static let parallelCases: [GEMMCase] = [
        GEMMCase(m: 37, n: 531, k: 130, pad: 2, alpha: 0.5, beta: 1),
        GEMMCase(m: 301, n: 40, k: 200, pad: 1, alpha: 1, beta: 0),
    ]

    @Test("Split across 2 or 3 threads, the built-in SGEMM gives the one-thread result bit for bit",
          arguments: GEMMTests.transposes)
    func threadsGiveIdenticalResults(transposes: [Bool]) throws {
        let (transA, transB) = (transposes[0], transposes[1])
        for c in Self.parallelCases {
            try #require(c.m * c.n * c.k >= BuiltinSGEMM.parallelThreshold)
            let (aRows, aColumns) = transA ? (c.k, c.m) : (c.m, c.k)
            let (bRows, bColumns) = transB ? (c.n, c.k) : (c.k, c.n)
            let lda = aColumns + c.pad, ldb = bColumns + c.pad, ldc = c.n + c.pad
            let a = gemmData(aRows * lda, seed: 7).map(Float.init), b = gemmData(bRows * ldb, seed: 8).map(Float.init)
            let cIn = gemmData(c.m * ldc, seed: 9).map(Float.init)
            func run(_ threads: Int) -> [Float] {
                var out = cIn
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        out.withUnsafeMutableBufferPointer { pc in
                            BuiltinSGEMM.gemm(
                                transA: transA, transB: transB, m: c.m, n: c.n, k: c.k, alpha: Float(c.alpha),
                                a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb, beta: Float(c.beta),
                                c: pc.baseAddress!, ldc: ldc, threads: threads)
                        }
                    }
                }
                return out
            }
            let one = run(1)
            #expect(run(2) == one, "2 threads, \(c.testDescription)")
            #expect(run(3) == one, "3 threads, \(c.testDescription)")
        }
    }

    @Test func theSelectedPathMatchesTheCPU() {
        #if arch(x86_64)
            let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
            let hasAVX2 = flags.contains(" avx2") && flags.contains(" fma")
            if !flags.isEmpty, ProcessInfo.processInfo.environment["SWIFTRL_CPU_PATH"] == nil {
                #expect(BuiltinSGEMM.selected == (hasAVX2 ? .avx2FMA : .baseline))
            }
        #elseif arch(arm64)
            #expect(BuiltinSGEMM.selected == .neon)
        #endif
    }
}
