/// `Λ⁻¹` for the regularised Gram matrix `Λ = λI + Σ_τ w_τ φ_τφ_τᵀ` of linear bandits and LSVI-UCB, kept up to date
/// by Sherman–Morrison rank-one updates: `(Λ + w·xxᵀ)⁻¹ = Λ⁻¹ − w·(Λ⁻¹x)(Λ⁻¹x)ᵀ / (1 + w·xᵀΛ⁻¹x)`.
public struct InverseGram: Equatable, Sendable {
    /// d, the feature dimension.
    public let dimension: Int
    /// `Λ⁻¹`, d × d row-major (symmetric).
    public private(set) var values: [Double]
    /// λ, the ridge.
    public let lambda: Double

    /// `Λ = λI`, so `Λ⁻¹ = I/λ`.
    public init(dimension: Int, lambda: Double) {
        precondition(dimension > 0 && lambda > 0, "InverseGram: need d ≥ 1 and λ > 0")
        self.dimension = dimension
        self.lambda = lambda
        values = [Double](repeating: 0, count: dimension * dimension)
        for i in 0..<dimension { values[i * dimension + i] = 1 / lambda }
    }

    /// `Λ ← Λ + weight·xxᵀ` (Sherman–Morrison).
    /// - Complexity: O(d²).
    public mutating func update(with x: ArraySlice<Double>, weight: Double = 1) {
        let d = dimension
        precondition(x.count == d, "InverseGram.update: need d = \(d) entries, got \(x.count)")
        var u = [Double](repeating: 0, count: d)
        let base = x.startIndex
        values.withUnsafeBufferPointer { m in
            for i in 0..<d {
                var total = 0.0
                for j in 0..<d { total += m[i * d + j] * x[base + j] }
                u[i] = total
            }
        }
        var quadratic = 0.0
        for i in 0..<d { quadratic += x[base + i] * u[i] }
        let scale = weight / (1 + weight * quadratic)
        values.withUnsafeMutableBufferPointer { m in
            for i in 0..<d {
                let ui = scale * u[i]
                for j in 0..<d { m[i * d + j] -= ui * u[j] }
            }
        }
    }

    /// `Λ ← Λ + weight·xxᵀ`.
    public mutating func update(with x: [Double], weight: Double = 1) { update(with: x[...], weight: weight) }

    /// `xᵀΛ⁻¹x`.
    /// - Complexity: O(d²).
    public func quadraticForm(_ x: ArraySlice<Double>) -> Double {
        let d = dimension, base = x.startIndex
        var total = 0.0
        values.withUnsafeBufferPointer { m in
            for i in 0..<d {
                var row = 0.0
                for j in 0..<d { row += m[i * d + j] * x[base + j] }
                total += x[base + i] * row
            }
        }
        return total
    }

    /// `Λ⁻¹v`.
    public func multiply(_ v: [Double]) -> [Double] {
        let d = dimension
        return (0..<d).map { i in
            var total = 0.0
            for j in 0..<d { total += values[i * d + j] * v[j] }
            return total
        }
    }
}
