/// The pure-Swift GEMM: GotoBLAS/BLIS-style cache blocking around a register-blocked micro-kernel.
///
/// Loop nest: column panels of width `nc` (B panel in L3) → depth blocks of `kc` (packed B panel) → row blocks of
/// `mc` (packed A block in L2) → `microColumns`-wide strips → `microRows`-high strips, each a
/// ``PackedGEMMScalar/microKernel(depth:a:b:tile:)`` call over `kc` steps with both micro-panels in L1. Transposes
/// are absorbed by the packing, so all four `op(A)·op(B)` combinations run the same kernel.
enum BuiltinGEMM {
    static let depthBlock = 256  // kc: 6×256 pre-broadcast A (24 KB) + 256×8 B (8 KB) floats fill a 32 KB L1
    static let rowBlock = 96  // mc: 96×256×4 floats = 384 KB of packed, pre-broadcast A, inside L2
    static let columnBlock = 2048  // nc: 256×2048 floats = 2 MB of packed B, inside L3

    /// Row-major `C = α·op(A)·op(B) + β·C` (`op(A)` is m×k, `op(B)` k×n). When β = 0, C is not read.
    static func gemm<T: PackedGEMMScalar>(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: T,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 || alpha == 0 {
            scale(m: m, n: n, beta: beta, c: c, ldc: ldc)
            return
        }
        let mr = T.microRows, nr = T.microColumns, width = T.broadcastWidth
        let kcMax = min(depthBlock, k)
        let mcMax = (min(rowBlock, m) + mr - 1) / mr * mr
        let ncMax = (min(columnBlock, n) + nr - 1) / nr * nr
        let stride = MemoryLayout<T>.stride
        let packedA = UnsafeMutableRawPointer.allocate(byteCount: mcMax * kcMax * width * stride, alignment: 64)
            .bindMemory(to: T.self, capacity: mcMax * kcMax * width)
        let packedB = UnsafeMutableRawPointer.allocate(byteCount: ncMax * kcMax * stride, alignment: 64)
            .bindMemory(to: T.self, capacity: ncMax * kcMax)
        let tile = UnsafeMutableRawPointer.allocate(byteCount: mr * nr * stride, alignment: 64)
            .bindMemory(to: T.self, capacity: mr * nr)
        defer {
            packedA.deallocate()
            packedB.deallocate()
            tile.deallocate()
        }
        for jc in Swift.stride(from: 0, to: n, by: columnBlock) {
            let nc = min(columnBlock, n - jc)
            for pc in Swift.stride(from: 0, to: k, by: depthBlock) {
                let kc = min(depthBlock, k - pc)
                packB(transB: transB, b: b, ldb: ldb, row: pc, column: jc, depth: kc, width: nc, into: packedB)
                let blockBeta = pc == 0 ? beta : 1
                for ic in Swift.stride(from: 0, to: m, by: rowBlock) {
                    let mc = min(rowBlock, m - ic)
                    packA(transA: transA, a: a, lda: lda, row: ic, column: pc, height: mc, depth: kc, into: packedA)
                    for jr in Swift.stride(from: 0, to: nc, by: nr) {
                        for ir in Swift.stride(from: 0, to: mc, by: mr) {
                            T.microKernel(depth: kc, a: packedA + ir * kc * width, b: packedB + jr * kc, tile: tile)
                            store(
                                tile: tile, rows: min(mr, mc - ir), columns: min(nr, nc - jr), alpha: alpha,
                                beta: blockBeta, c: c + (ic + ir) * ldc + jc + jr, ldc: ldc)
                        }
                    }
                }
            }
        }
    }

    /// Packs rows `row..<row+height`, columns `column..<column+depth` of op(A) into `microRows`-high strips, each
    /// stored depth-major (`microRows` values per step, each repeated `broadcastWidth` times) and zero-padded to a
    /// whole strip.
    private static func packA<T: PackedGEMMScalar>(
        transA: Bool, a: UnsafePointer<T>, lda: Int, row: Int, column: Int, height: Int, depth: Int,
        into packed: UnsafeMutablePointer<T>
    ) {
        let mr = T.microRows, width = T.broadcastWidth
        let step = mr * width
        for strip in Swift.stride(from: 0, to: height, by: mr) {
            let destination = packed + strip * depth * width
            let rows = min(mr, height - strip)
            for r in 0..<mr {
                let target = destination + r * width
                if r >= rows {
                    for p in 0..<depth { T.storeBroadcast(0, to: target + p * step) }
                } else if transA {  // op(A)[i, p] = A[p, i]
                    let source = a + column * lda + row + strip + r
                    for p in 0..<depth { T.storeBroadcast(source[p * lda], to: target + p * step) }
                } else {
                    let source = a + (row + strip + r) * lda + column
                    for p in 0..<depth { T.storeBroadcast(source[p], to: target + p * step) }
                }
            }
        }
    }

    /// Packs rows `row..<row+depth`, columns `column..<column+width` of op(B) into `microColumns`-wide strips, each
    /// stored depth-major (`microColumns` values per step) and zero-padded to a whole strip.
    private static func packB<T: PackedGEMMScalar>(
        transB: Bool, b: UnsafePointer<T>, ldb: Int, row: Int, column: Int, depth: Int, width: Int,
        into packed: UnsafeMutablePointer<T>
    ) {
        let nr = T.microColumns
        for strip in Swift.stride(from: 0, to: width, by: nr) {
            let destination = packed + strip * depth
            let columns = min(nr, width - strip)
            if transB {  // op(B)[p, j] = B[j, p]
                for j in 0..<nr {
                    if j >= columns {
                        for p in 0..<depth { destination[p * nr + j] = 0 }
                    } else {
                        let source = b + (column + strip + j) * ldb + row
                        for p in 0..<depth { destination[p * nr + j] = source[p] }
                    }
                }
            } else if columns == nr {
                for p in 0..<depth {
                    T.copyStripRow(from: b + (row + p) * ldb + column + strip, to: destination + p * nr)
                }
            } else {
                for p in 0..<depth {
                    let source = b + (row + p) * ldb + column + strip
                    let target = destination + p * nr
                    for j in 0..<columns { target[j] = source[j] }
                    for j in columns..<nr { target[j] = 0 }
                }
            }
        }
    }

    /// `C[tile] = α·tile + β·C[tile]` for the valid `rows × columns` corner of a register tile; β = 0 ignores C.
    @inline(__always)
    private static func store<T: PackedGEMMScalar>(
        tile: UnsafeMutablePointer<T>, rows: Int, columns: Int, alpha: T, beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        let nr = T.microColumns
        if rows == T.microRows && columns == nr && beta != 1 {
            T.storeTile(tile, alpha: alpha, beta: beta, c: c, ldc: ldc)
            return
        }
        for r in 0..<rows {
            let target = c + r * ldc
            let source = tile + r * nr
            if beta == 0 {
                for j in 0..<columns { target[j] = alpha * source[j] }
            } else if beta == 1 {
                for j in 0..<columns { target[j] += alpha * source[j] }
            } else {
                for j in 0..<columns { target[j] = alpha * source[j] + beta * target[j] }
            }
        }
    }

    /// `C = β·C` (β = 0 clears C without reading it).
    static func scale<T: BinaryFloatingPoint>(m: Int, n: Int, beta: T, c: UnsafeMutablePointer<T>, ldc: Int) {
        guard beta != 1 else { return }
        for i in 0..<m {
            let row = c + i * ldc
            for j in 0..<n { row[j] = beta == 0 ? 0 : beta * row[j] }
        }
    }
}
