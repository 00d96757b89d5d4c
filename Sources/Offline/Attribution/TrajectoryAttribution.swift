import Foundation

/// Attribution of an offline agent's decisions to clusters of its training trajectories (Deshmukh et al., ICLR
/// 2023, "Explaining RL Decisions with Trajectories"; grid-world pipeline of the TMLR 2024 reproducibility study):
///
/// 1. the data embedding of a set of trajectory embeddings t_j is `softmax(Σ_j t_j / M)` over its 64 numbers
///    (temperature M = 10);
/// 2. for each cluster c_j an explanation policy is planned on the complementary data `D \ c_j`
///    (``TabularTrajectoryModel``);
/// 3. a decision at state s is attributed to the cluster whose explanation policy's greedy action *set* at s
///    differs from the original one and whose data embedding is nearest to the original's in 1-Wasserstein
///    distance — computed as SciPy's `wasserstein_distance(u, v)` does on two 64-vectors: as two empirical samples
///    of 64 values (mean gap between the sorted values), not as histograms. No candidate, or distance 0, means no
///    attribution.
public struct TrajectoryAttribution: Sendable {
    /// One attributed decision.
    public struct Explanation: Codable, Equatable, Sendable {
        /// The explained state.
        public var state: Int
        /// The original greedy action set.
        public var originalActions: [Int]
        /// The greedy action set without the responsible cluster.
        public var newActions: [Int]
        /// The responsible cluster's index.
        public var cluster: Int
        /// W₁ between the original data embedding and the complement's.
        public var distance: Double
    }

    /// What removing one cluster does (the study's Table 1 columns).
    public struct ClusterEffect: Codable, Equatable, Sendable {
        /// Cluster index.
        public var cluster: Int
        /// Trajectories in the cluster.
        public var size: Int
        /// Mean over the start states of max_a Q without the cluster (initial-state value).
        public var startValue: Double
        /// Mean over all states of max_a Q without the cluster (the study code's "ISV").
        public var meanValue: Double
        /// Σ_{s,a} |Q_j − Q| / S.
        public var deltaQ: Double
        /// Fraction of states whose greedy action set is unchanged.
        public var actionContrast: Double
        /// W₁ between the data embeddings.
        public var dataDistance: Double
    }

    /// States and actions.
    public let stateCount: Int, actionCount: Int
    /// The clusters (trajectory indices).
    public let clusters: [[Int]]
    /// Q of the whole data, `S · A`.
    public let originalQ: [Double]
    /// Q without each cluster.
    public let clusterQ: [[Double]]
    /// Data embedding of the whole data.
    public let originalEmbedding: [Double]
    /// Data embedding of each complement.
    public let complementEmbeddings: [[Double]]

    /// Plans the original and every complementary policy.
    /// - Parameters:
    ///   - trajectories: the offline data.
    ///   - embeddings: one embedding per trajectory.
    ///   - clusters: a partition of the trajectory indices.
    ///   - temperature: M, the data-embedding temperature (study: 10).
    ///   - gamma: γ of the planner (0.95).
    /// - Throws: ``DatasetError`` when the embeddings do not match the trajectories or the clusters are not indices.
    public init(
        trajectories: [[TabularStep]], embeddings: [[Float]], clusters: [[Int]], stateCount: Int, actionCount: Int,
        temperature: Double = 10, gamma: Double = 0.95
    ) throws(DatasetError) {
        guard embeddings.count == trajectories.count, let width = embeddings.first?.count,
            embeddings.allSatisfy({ $0.count == width })
        else {
            throw DatasetError(.shape, "attribution: need one embedding of equal width per trajectory")
        }
        guard clusters.joined().allSatisfy({ trajectories.indices.contains($0) }) else {
            throw DatasetError(.invalidArgument, "attribution: cluster members must be trajectory indices")
        }
        guard temperature > 0 else { throw DatasetError(.invalidArgument, "attribution: temperature must be > 0") }
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.clusters = clusters
        originalQ = TabularTrajectoryModel(stateCount: stateCount, actionCount: actionCount, trajectories: trajectories)
            .actionValues(gamma: gamma)
        originalEmbedding = Self.dataEmbedding(embeddings, temperature: temperature)
        var qs: [[Double]] = [], embeds: [[Double]] = []
        for cluster in clusters {
            let removed = Set(cluster)
            let kept = trajectories.indices.filter { !removed.contains($0) }
            qs.append(
                TabularTrajectoryModel(
                    stateCount: stateCount, actionCount: actionCount, trajectories: kept.map { trajectories[$0] }
                ).actionValues(gamma: gamma))
            embeds.append(
                kept.isEmpty
                    ? [Double](repeating: 1 / Double(width), count: width)
                    : Self.dataEmbedding(kept.map { embeddings[$0] }, temperature: temperature))
        }
        clusterQ = qs
        complementEmbeddings = embeds
    }

    /// `softmax(Σ_j t_j / M)`.
    public static func dataEmbedding(_ embeddings: [[Float]], temperature: Double) -> [Double] {
        let width = embeddings.first?.count ?? 0
        var sums = [Double](repeating: 0, count: width)
        for e in embeddings { for i in 0..<width { sums[i] += Double(e[i]) } }
        let scaled = sums.map { $0 / temperature }
        let top = scaled.max() ?? 0
        let exps = scaled.map { Foundation.exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    /// SciPy's `wasserstein_distance(u, v)` for two equally long value lists: the mean absolute gap between the
    /// sorted values.
    public static func wasserstein1D(_ u: [Double], _ v: [Double]) -> Double {
        precondition(u.count == v.count && !u.isEmpty, "wasserstein1D: equal, non-empty lengths")
        let a = u.sorted(), b = v.sorted()
        var total = 0.0
        for i in a.indices { total += abs(a[i] - b[i]) }
        return total / Double(a.count)
    }

    /// The actions attaining the maximum of `row` exactly (NumPy's `where(q == max(q))`).
    public static func argmaxSet(_ row: ArraySlice<Double>) -> [Int] {
        guard let top = row.max() else { return [] }
        return row.indices.filter { row[$0] == top }.map { $0 - row.startIndex }
    }

    func actions(_ q: [Double], _ state: Int) -> [Int] {
        Self.argmaxSet(q[(state * actionCount)..<((state + 1) * actionCount)])
    }

    /// The attribution of the decision at `state`, or nil when no cluster's removal changes it (or the nearest
    /// such complement is at distance 0).
    public func explain(state: Int) -> Explanation? {
        let original = actions(originalQ, state)
        var best: (cluster: Int, distance: Double, actions: [Int])?
        for (j, q) in clusterQ.enumerated() {
            let changed = actions(q, state)
            guard changed != original else { continue }
            let distance = Self.wasserstein1D(originalEmbedding, complementEmbeddings[j])
            if distance < (best?.distance ?? .infinity) { best = (j, distance, changed) }
        }
        guard let best, best.distance > 0 else { return nil }
        return Explanation(
            state: state, originalActions: original, newActions: best.actions, cluster: best.cluster,
            distance: best.distance)
    }

    /// Every attributable decision among `states`.
    public func explanations(states: [Int]) -> [Explanation] { states.compactMap { explain(state: $0) } }

    /// Table 1 of the study: one row per cluster.
    /// - Parameter startStates: the start states of the initial-state value.
    public func effects(startStates: [Int]) -> [ClusterEffect] {
        func maxQ(_ q: [Double], _ s: Int) -> Double {
            q[(s * actionCount)..<((s + 1) * actionCount)].max() ?? 0
        }
        let states = 0..<stateCount
        return clusterQ.enumerated().map { j, q in
            let start = startStates.map { maxQ(q, $0) }.reduce(0, +) / Double(max(startStates.count, 1))
            let mean = states.map { maxQ(q, $0) }.reduce(0, +) / Double(stateCount)
            let delta = zip(q, originalQ).map { abs($0 - $1) }.reduce(0, +) / Double(stateCount)
            let same = states.filter { actions(q, $0) == actions(originalQ, $0) }.count
            return ClusterEffect(
                cluster: j, size: clusters[j].count, startValue: start, meanValue: mean, deltaQ: delta,
                actionContrast: Double(same) / Double(stateCount),
                dataDistance: Self.wasserstein1D(originalEmbedding, complementEmbeddings[j]))
        }
    }

    /// The original data's initial-state value (mean over `startStates` of max_a Q) and mean value over states.
    public func originalValues(startStates: [Int]) -> (start: Double, mean: Double) {
        func maxQ(_ s: Int) -> Double { originalQ[(s * actionCount)..<((s + 1) * actionCount)].max() ?? 0 }
        return (
            startStates.map(maxQ).reduce(0, +) / Double(max(startStates.count, 1)),
            (0..<stateCount).map(maxQ).reduce(0, +) / Double(stateCount)
        )
    }
}
