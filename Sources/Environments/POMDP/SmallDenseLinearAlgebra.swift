/// Small dense linear algebra in Double precision on row-major `[Double]` matrices: symmetric eigenvalues (cyclic
/// Jacobi), singular values, orthonormal bases of column spans (modified Gram–Schmidt) and the distance between two
/// column spans. Meant for matrices up to a few hundred columns (theory experiments: revealing constants, subspace
/// distances), not for large problems.
public enum SmallDenseLinearAlgebra {
    /// The eigenvalues of the symmetric `n × n` matrix `a`, ascending, by cyclic Jacobi rotations.
    /// - Complexity: O(n³) per sweep; at most `maxSweeps` sweeps (converges quadratically, ≈ 6–10 sweeps).
    public static func symmetricEigenvalues(_ a: [Double], n: Int, maxSweeps: Int = 50) -> [Double] {
        precondition(a.count == n * n, "symmetricEigenvalues: need n·n = \(n * n) entries, got \(a.count)")
        var m = a
        for _ in 0..<maxSweeps {
            var off = 0.0, scale = 0.0
            for i in 0..<n {
                scale += m[i * n + i] * m[i * n + i]
                for j in (i + 1)..<max(n, i + 1) { off += m[i * n + j] * m[i * n + j] }
            }
            if off <= 1e-30 * max(scale, 1e-300) || off == 0 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) {
                    let apq = m[p * n + q]
                    guard abs(apq) > 1e-300 else { continue }
                    let theta = (m[q * n + q] - m[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    // A ← JᵀAJ with the rotation in the (p, q) plane.
                    for k in 0..<n {
                        let akp = m[k * n + p], akq = m[k * n + q]
                        m[k * n + p] = c * akp - s * akq
                        m[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = m[p * n + k], aqk = m[q * n + k]
                        m[p * n + k] = c * apk - s * aqk
                        m[q * n + k] = s * apk + c * aqk
                    }
                }
            }
        }
        return (0..<n).map { m[$0 * n + $0] }.sorted()
    }

    /// The singular values of the `rows × columns` matrix `a`, descending (square roots of the eigenvalues of the
    /// smaller Gram matrix); `min(rows, columns)` values.
    /// - Complexity: O(rows·columns·min + min³).
    public static func singularValues(_ a: [Double], rows: Int, columns: Int) -> [Double] {
        precondition(a.count == rows * columns, "singularValues: need rows·columns entries")
        let k = min(rows, columns)
        var gram = [Double](repeating: 0, count: k * k)
        if columns <= rows {
            for r in 0..<rows {
                for i in 0..<columns where a[r * columns + i] != 0 {
                    let x = a[r * columns + i]
                    for j in i..<columns { gram[i * k + j] += x * a[r * columns + j] }
                }
            }
        } else {
            for i in 0..<rows {
                for j in i..<rows {
                    var total = 0.0
                    for c in 0..<columns { total += a[i * columns + c] * a[j * columns + c] }
                    gram[i * k + j] = total
                }
            }
        }
        for i in 0..<k { for j in 0..<i { gram[i * k + j] = gram[j * k + i] } }
        return symmetricEigenvalues(gram, n: k).map { max($0, 0).squareRoot() }.reversed()
    }

    /// An orthonormal basis of the column span of the `rows × columns` matrix `a` (modified Gram–Schmidt, done
    /// twice for stability), as a `rows × rank` row-major matrix; columns whose remainder is below
    /// `tolerance ×` their norm are dropped.
    public static func orthonormalColumns(_ a: [Double], rows: Int, columns: Int, tolerance: Double = 1e-10)
        -> (basis: [Double], rank: Int)
    {
        var kept: [[Double]] = []
        for c in 0..<columns {
            var v = (0..<rows).map { a[$0 * columns + c] }
            let norm0 = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm0 > 0 else { continue }
            for _ in 0..<2 {
                for q in kept {
                    var dot = 0.0
                    for r in 0..<rows { dot += q[r] * v[r] }
                    for r in 0..<rows { v[r] -= dot * q[r] }
                }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > tolerance * norm0 else { continue }
            kept.append(v.map { $0 / norm })
        }
        var basis = [Double](repeating: 0, count: rows * kept.count)
        for (j, q) in kept.enumerated() { for r in 0..<rows { basis[r * kept.count + j] = q[r] } }
        return (basis, kept.count)
    }

    /// The distance between the column spans of `a` (`rows × columnsA`) and `b` (`rows × columnsB`): the sine of the
    /// largest principal angle, computed as the largest singular value of `(I − Q_aQ_aᵀ)Q_b` with orthonormal bases
    /// `Q_a`, `Q_b` (accurate near 0, unlike `sqrt(1 − cos²)`) — 0 for equal spans, 1 when some direction of one is
    /// orthogonal to the other. Spans of different rank are at distance 1.
    public static func subspaceDistance(_ a: [Double], _ b: [Double], rows: Int, columnsA: Int, columnsB: Int)
        -> Double
    {
        let (qa, ra) = orthonormalColumns(a, rows: rows, columns: columnsA)
        let (qb, rb) = orthonormalColumns(b, rows: rows, columns: columnsB)
        guard ra == rb, ra > 0 else { return 1 }
        var cross = [Double](repeating: 0, count: ra * rb)
        for r in 0..<rows {
            for i in 0..<ra where qa[r * ra + i] != 0 {
                let x = qa[r * ra + i]
                for j in 0..<rb { cross[i * rb + j] += x * qb[r * rb + j] }
            }
        }
        var residual = qb
        for r in 0..<rows {
            for i in 0..<ra where qa[r * ra + i] != 0 {
                let x = qa[r * ra + i]
                for j in 0..<rb { residual[r * rb + j] -= x * cross[i * rb + j] }
            }
        }
        let largest = singularValues(residual, rows: rows, columns: rb).first ?? 0
        return min(1, largest)
    }
}
