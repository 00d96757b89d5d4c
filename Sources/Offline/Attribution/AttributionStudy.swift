import Tensor

/// The grid-world pipeline of the trajectory-attribution study, end to end: Dyna-Q data
/// (``AttributionDataSpec``), tokens (``TrajectoryTokenizer``), a trained ``TrajectoryAutoencoder``, X-means
/// clusters (``XMeans``), explanation policies and attributions (``TrajectoryAttribution``), and the measurements
/// behind the study's claims.
public struct AttributionStudy: Sendable {
    /// The data recipe (study defaults).
    public var data = AttributionDataSpec()
    /// Autoencoder epochs (study: 25).
    public var epochs = 25
    /// Autoencoder learning rate (study: SGD 1.0).
    public var learningRate = 1.0
    /// X-means: initial k-means++ centres (2) and the most clusters (10).
    public var initialClusters = 2, maxClusters = 10
    /// M, data-embedding temperature (10).
    public var temperature = 10.0
    /// Random partitions of the purity baseline.
    public var baselinePartitions = 200

    /// The study's settings.
    public init() {}

    /// What one seed's run measured.
    public struct Result: Codable, Equatable, Sendable {
        /// Trajectories in the data.
        public var trajectories: Int
        /// Autoencoder mean loss of the first and last epoch.
        public var lossFirst: Double, lossLast: Double
        /// The clusters (trajectory indices).
        public var clusters: [[Int]]
        /// Initial-state value (mean over start states of max Q) and mean value over states, original data.
        public var originalStartValue: Double, originalMeanValue: Double
        /// One row per cluster.
        public var effects: [TrajectoryAttribution.ClusterEffect]
        /// Attributed decisions.
        public var explanations: [TrajectoryAttribution.Explanation]
        /// Non-terminal, non-obstacle states examined.
        public var statesExamined: Int
        /// Claim (i): fraction of clusters whose removal lowers the initial-state value.
        public var startValueDropFraction: Double
        /// Claim (ii): cluster purity w.r.t. the terminal each trajectory reaches, and the 95th percentile of the
        /// purity of random partitions with the same sizes.
        public var purity: Double, randomPurity95: Double
        /// Claim (iii): fraction of attributions whose cluster has no trajectory through the explained state.
        public var distantFraction: Double
        /// Baseline: fraction of (explained state, other cluster) pairs whose removal also changes the action.
        public var otherClusterChangeFraction: Double
    }

    /// Runs the pipeline for `seed` (streams `"data"`, `"autoencoder"`, `"xmeans"`, `"baseline"`).
    /// - Throws: ``DatasetError`` from data generation or tokenization; environment errors.
    public func run(seed: UInt64, log: (String) -> Void = { _ in }) throws -> Result {
        let root = Xoshiro256StarStar(seed: seed)
        var dataRNG = root.derived("data")
        let trajectories = try data.generate(seed: dataRNG.next())
        let tokenizer = TrajectoryTokenizer(
            stateCount: AttributionGrid.stateCount, actionCount: AttributionGrid.actionCount,
            maxLength: data.maxLength)
        var sequences: [[Int]] = []
        for t in trajectories { sequences.append(try tokenizer.encode(t)) }
        var modelRNG = root.derived("autoencoder")
        let model = TrajectoryAutoencoder(vocabularySize: tokenizer.vocabularySize, rng: &modelRNG)
        let losses = model.train(sequences, epochs: epochs, learningRate: learningRate)
        log(
            String(
                format: "  autoencoder: loss %.3f → %.3f over %d epochs", losses.first ?? 0, losses.last ?? 0, epochs))
        let embeddings = sequences.map(model.embedding)
        var clusterRNG = root.derived("xmeans")
        let (clusters, _) = XMeans.cluster(
            embeddings.map { $0.map(Double.init) }, initialClusters: initialClusters, maxClusters: maxClusters,
            rng: &clusterRNG)
        let attribution = try TrajectoryAttribution(
            trajectories: trajectories, embeddings: embeddings, clusters: clusters,
            stateCount: AttributionGrid.stateCount, actionCount: AttributionGrid.actionCount,
            temperature: temperature)
        let cells = Array(AttributionGrid.layout.joined())
        let starts = cells.indices.filter { cells[$0] == "S" }
        let states = cells.indices.filter { !AttributionGrid.isTerminal($0) && cells[$0] != "#" }
        let explanations = attribution.explanations(states: states)
        let effects = attribution.effects(startStates: starts)
        let original = attribution.originalValues(startStates: starts)
        // (ii) purity against random partitions of the same sizes.
        let outcome = trajectories.map { $0.last?.state ?? -1 }
        var baselineRNG = root.derived("baseline")
        let purity = Self.purity(clusters, labels: outcome)
        var randomPurities: [Double] = []
        for _ in 0..<baselinePartitions {
            var order = Array(trajectories.indices)
            order.shuffle(using: &baselineRNG)
            var offset = 0
            var partition: [[Int]] = []
            for cluster in clusters {
                partition.append(Array(order[offset..<(offset + cluster.count)]))
                offset += cluster.count
            }
            randomPurities.append(Self.purity(partition, labels: outcome))
        }
        randomPurities.sort()
        // (iii) attributions to clusters with no trajectory through the state.
        let visits = trajectories.map { trajectory in Set(trajectory.map { $0.state }) }
        let distant = explanations.filter { e in clusters[e.cluster].allSatisfy { !visits[$0].contains(e.state) } }
        var otherChanges = 0, otherPairs = 0
        for e in explanations {
            for j in clusters.indices where j != e.cluster {
                otherPairs += 1
                if attribution.actions(attribution.clusterQ[j], e.state) != e.originalActions { otherChanges += 1 }
            }
        }
        return Result(
            trajectories: trajectories.count, lossFirst: losses.first ?? 0, lossLast: losses.last ?? 0,
            clusters: clusters, originalStartValue: original.start, originalMeanValue: original.mean,
            effects: effects, explanations: explanations, statesExamined: states.count,
            startValueDropFraction: Double(effects.filter { $0.startValue < original.start - 1e-9 }.count)
                / Double(max(effects.count, 1)),
            purity: purity,
            randomPurity95: randomPurities[min(randomPurities.count - 1, randomPurities.count * 95 / 100)],
            distantFraction: Double(distant.count) / Double(max(explanations.count, 1)),
            otherClusterChangeFraction: Double(otherChanges) / Double(max(otherPairs, 1)))
    }

    /// Σ_clusters (count of the cluster's most common label) / total.
    public static func purity(_ clusters: [[Int]], labels: [Int]) -> Double {
        var total = 0, majority = 0
        for cluster in clusters {
            var counts: [Int: Int] = [:]
            for i in cluster { counts[labels[i], default: 0] += 1 }
            majority += counts.values.max() ?? 0
            total += cluster.count
        }
        return Double(majority) / Double(max(total, 1))
    }
}
