import RealModule

/// How a weight tensor is filled at construction. All draw from an explicit generator.
public enum Initializer: Sendable, Equatable {
    case zeros
    case constant(Double)
    /// N(mean, std²).
    case normal(mean: Double = 0, std: Double)
    /// U(low, high).
    case uniform(low: Double, high: Double)
    /// Glorot/Xavier uniform: U(±gain·√(6/(fanIn+fanOut))).
    case xavierUniform(gain: Double = 1)
    /// Glorot/Xavier normal: N(0, gain²·2/(fanIn+fanOut)).
    case xavierNormal(gain: Double = 1)
    /// He/Kaiming uniform with `fan_in` mode: U(±gain·√(3/fanIn)).
    case kaimingUniform(gain: Double = 2.0.squareRoot())
    /// He/Kaiming normal with `fan_in` mode: N(0, gain²/fanIn).
    case kaimingNormal(gain: Double = 2.0.squareRoot())
    /// A (semi-)orthogonal matrix times `gain` (Saxe et al. 2014; CleanRL/SB3 use gain √2 for hidden layers).
    case orthogonal(gain: Double = 1)
    /// PyTorch's `nn.Linear` default: U(±1/√fanIn) (kaiming_uniform with a = √5).
    case pytorchDefault

    /// A tensor of `shape` (`[out, in, …]`; fan-in = product of all but the first dimension).
    public func make<G: RandomNumberGenerator>(_ shape: [Int], dtype: DType = .float32, using rng: inout G) -> Tensor {
        let fanOut = shape.first ?? 1
        let fanIn = shape.count > 1 ? shape.dropFirst().reduce(1, *) : (shape.first ?? 1)
        switch self {
        case .zeros: return .zeros(shape, dtype: dtype)
        case .constant(let v): return Tensor(repeating: v, shape: shape, dtype: dtype)
        case let .normal(mean, std): return .normal(shape, mean: mean, std: std, dtype: dtype, using: &rng)
        case let .uniform(low, high): return .uniform(shape, low: low, high: high, dtype: dtype, using: &rng)
        case .xavierUniform(let gain):
            let bound = gain * (6.0 / Double(fanIn + fanOut)).squareRoot()
            return .uniform(shape, low: -bound, high: bound, dtype: dtype, using: &rng)
        case .xavierNormal(let gain):
            return .normal(shape, std: gain * (2.0 / Double(fanIn + fanOut)).squareRoot(), dtype: dtype, using: &rng)
        case .kaimingUniform(let gain):
            let bound = gain * (3.0 / Double(fanIn)).squareRoot()
            return .uniform(shape, low: -bound, high: bound, dtype: dtype, using: &rng)
        case .kaimingNormal(let gain):
            return .normal(shape, std: gain / Double(fanIn).squareRoot(), dtype: dtype, using: &rng)
        case .pytorchDefault:
            let bound = 1 / Double(fanIn).squareRoot()
            return .uniform(shape, low: -bound, high: bound, dtype: dtype, using: &rng)
        case .orthogonal(let gain):
            let q = orthogonalMatrix(rows: fanOut, columns: fanIn, using: &rng)
            return Tensor(q.map { $0 * gain }, shape: shape).cast(dtype)
        }
    }
}

/// A `rows × columns` matrix with orthonormal rows (if rows ≤ columns) or columns, from the QR decomposition of a
/// Gaussian matrix with the signs of R's diagonal folded in (so the distribution is uniform, as in PyTorch).
func orthogonalMatrix<G: RandomNumberGenerator>(rows: Int, columns: Int, using rng: inout G) -> [Double] {
    // Work on the tall orientation (n ≥ k) and orthonormalise its k columns (modified Gram–Schmidt, twice).
    let transpose = rows < columns
    let n = transpose ? columns : rows, k = transpose ? rows : columns
    var a = [Double](repeating: 0, count: n * k)  // column-major: column j at a[j*n ..< (j+1)*n]
    for i in 0..<(n * k) { a[i] = rng.normal() }
    for j in 0..<k {
        for _ in 0..<2 {
            for p in 0..<j {
                var dot = 0.0
                for i in 0..<n { dot += a[p * n + i] * a[j * n + i] }
                for i in 0..<n { a[j * n + i] -= dot * a[p * n + i] }
            }
        }
        var norm = 0.0
        for i in 0..<n { norm += a[j * n + i] * a[j * n + i] }
        norm = norm.squareRoot()
        for i in 0..<n { a[j * n + i] /= Swift.max(norm, 1e-12) }
    }
    var out = [Double](repeating: 0, count: rows * columns)
    for r in 0..<rows {
        for c in 0..<columns {
            out[r * columns + c] = transpose ? a[r * n + c] : a[c * n + r]
        }
    }
    return out
}
