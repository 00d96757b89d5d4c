/// A feature map `φ(s, a) ∈ R^d` of a tabular problem, stored as an `S·A × d` table (row `s·A + a`).
public struct FeatureMap: Equatable, Codable, Sendable {
    /// S.
    public let stateCount: Int
    /// A.
    public let actionCount: Int
    /// d.
    public let dimension: Int
    /// `values[(s·A + a)·d + k] = φ_k(s, a)`.
    public var values: [Double]

    /// A map from its table.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` when the table is not S·A·d finite values.
    public init(stateCount: Int, actionCount: Int, dimension: Int, values: [Double]) throws(TabularError) {
        guard stateCount > 0, actionCount > 0, dimension > 0 else {
            throw .invalidConfiguration("features: need S, A, d ≥ 1, got \(stateCount), \(actionCount), \(dimension)")
        }
        guard values.count == stateCount * actionCount * dimension, values.allSatisfy(\.isFinite) else {
            throw .invalidConfiguration(
                "features: need S·A·d = \(stateCount * actionCount * dimension) finite values, got \(values.count)")
        }
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.dimension = dimension
        self.values = values
    }

    /// One-hot features `φ(s, a) = e_{s·A + a}` (d = S·A): LSVI-UCB on them is tabular.
    public static func oneHot(stateCount: Int, actionCount: Int) -> FeatureMap {
        let n = stateCount * actionCount
        var values = [Double](repeating: 0, count: n * n)
        for i in 0..<n { values[i * n + i] = 1 }
        return FeatureMap(unchecked: stateCount, actionCount, n, values)
    }

    private init(unchecked stateCount: Int, _ actionCount: Int, _ dimension: Int, _ values: [Double]) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.dimension = dimension
        self.values = values
    }

    /// `φ(pair)` with `pair = s·A + a`.
    @inline(__always) public func row(_ pair: Int) -> ArraySlice<Double> {
        values[(pair * dimension)..<((pair + 1) * dimension)]
    }

    /// The map scaled so that the largest row norm is 1 (unchanged if every row is 0).
    public func normalised() -> FeatureMap {
        var largest = 0.0
        for pair in 0..<(stateCount * actionCount) {
            largest = max(largest, row(pair).reduce(0) { $0 + $1 * $1 })
        }
        guard largest > 0 else { return self }
        var copy = self
        let scale = 1 / largest.squareRoot()
        copy.values = values.map { $0 * scale }
        return copy
    }
}
