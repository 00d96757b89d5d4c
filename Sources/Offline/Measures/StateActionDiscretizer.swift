/// The study's discretisation of state-action pairs for counting unique pairs (authors' `evaluator.py`): the
/// state and action entries are joined into one row and every column is mapped with NumPy's
/// `digitize(x, linspace(low, high, bins))` — the number of the `bins` equally spaced edges that are ≤ x, so
/// 0…bins — with each column's limits taken from a reference dataset (the study: the replay dataset for CartPole
/// and MountainCar) or from the data itself.
public struct StateActionDiscretizer: Sendable, Equatable {
    /// Edges per column (the study: 100).
    public var bins: Int
    /// Lower limit per column (state entries, then action entries).
    public var low: [Float]
    /// Upper limit per column.
    public var high: [Float]

    /// A discretiser with explicit limits.
    /// - Throws: ``DatasetError`` when bins < 2 or the limits differ in length or are not finite with low ≤ high.
    public init(bins: Int = 100, low: [Float], high: [Float]) throws(DatasetError) {
        guard bins >= 2 else {
            throw DatasetError(.invalidArgument, "bins must be at least 2 (the study: 100), got \(bins)")
        }
        guard low.count == high.count, !low.isEmpty else {
            throw DatasetError(
                .invalidArgument, "give one low and one high limit per column (\(low.count) vs \(high.count))")
        }
        for (j, (l, h)) in zip(low, high).enumerated() where !(l <= h) || !l.isFinite || !h.isFinite {
            throw DatasetError(.invalidArgument, "column \(j) has limits [\(l), \(h)]; need finite low ≤ high")
        }
        self.bins = bins
        self.low = low
        self.high = high
    }

    /// Limits = each column's min and max over `dataset`'s (state, action) rows.
    /// - Throws: ``DatasetError`` for bins < 2.
    public init(bins: Int = 100, limitsFrom dataset: OfflineDataset) throws(DatasetError) {
        let t = dataset.transitions, o = dataset.observationDimension, a = dataset.actionDimension
        var low = [Float](repeating: .infinity, count: o + a), high = [Float](repeating: -.infinity, count: o + a)
        for i in 0..<t.count {
            for j in 0..<o {
                low[j] = min(low[j], t.observations[i * o + j])
                high[j] = max(high[j], t.observations[i * o + j])
            }
            for j in 0..<a {
                low[o + j] = min(low[o + j], t.actions[i * a + j])
                high[o + j] = max(high[o + j], t.actions[i * a + j])
            }
        }
        try self.init(bins: bins, low: low, high: high)
    }

    /// `digitize(x, linspace(low_j, high_j, bins))` for column j.
    public func bin(_ x: Float, column j: Int) -> Int32 {
        let l = Double(low[j]), h = Double(high[j]), v = Double(x)
        if h == l { return v >= l ? Int32(bins) : 0 }
        let step = (h - l) / Double(bins - 1)
        if v < l { return 0 }
        if v >= h { return Int32(bins) }
        // edges e_k = l + k·step, k = 0…bins−1; count of edges ≤ v, checked against the rounded-down guess
        var k = Int(((v - l) / step).rounded(.down))
        while k + 1 < bins, l + Double(k + 1) * step <= v { k += 1 }
        while k > 0, l + Double(k) * step > v { k -= 1 }
        return Int32(k + 1)
    }

    /// The discretised row of transition `i` of `dataset` (state columns then action columns).
    /// - Precondition: the dataset has `low.count` columns.
    public func key(of dataset: OfflineDataset, transition i: Int) -> [Int32] {
        let t = dataset.transitions, o = dataset.observationDimension, a = dataset.actionDimension
        var key = [Int32]()
        key.reserveCapacity(o + a)
        for j in 0..<o { key.append(bin(t.observations[i * o + j], column: j)) }
        for j in 0..<a { key.append(bin(t.actions[i * a + j], column: o + j)) }
        return key
    }
}
