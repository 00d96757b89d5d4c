import Foundation
import RLCore
import Tensor

/// The dataset measures of Schweighofer et al. (2022, "A Dataset Perspective on Offline RL", §3–4 and the
/// authors' `evaluator.py` / `create_plots.py`):
///
/// * **TQ** (trajectory quality) = (ḡ(D) − g_random) / (g_best − g_random): the dataset's mean episode return
///   normalised between the random policy's and the best (online behaviour / expert) return.
/// * **SACo** (state-action coverage) = u(D) / u(D_ref): unique discretised (s, a) rows of the dataset over those
///   of the reference dataset (the study: the replay dataset of the same online run), counted exactly or with
///   HyperLogLog (``UniqueCounting``), discretised by ``StateActionDiscretizer`` with the reference's limits.
/// * BC-policy entropy (mean over the dataset's states of the entropy of a cross-entropy-trained softmax
///   policy, in nats), reward sparsity (mean over episodes of the fraction of zero rewards), episode length.
public struct DatasetMeasures: Codable, Equatable, Sendable {
    /// Episodes and transitions.
    public var episodes: Int
    /// Transitions.
    public var transitions: Int
    /// Mean, min and max episode return.
    public var meanReturn: Double
    /// Smallest episode return.
    public var minReturn: Double
    /// Largest episode return.
    public var maxReturn: Double
    /// TQ, when the random and best returns were given.
    public var tq: Double?
    /// Unique discretised (s, a) rows of the dataset.
    public var uniqueStateActions: Int
    /// Unique rows of the reference, when given.
    public var referenceUniqueStateActions: Int?
    /// SACo = unique / reference unique, when a reference was given.
    public var saco: Double?
    /// How the unique rows were counted (`exact`, `hll:0.01`).
    public var counting: String
    /// Mean entropy (nats) of the BC policy over the dataset's states (discrete actions only).
    public var bcEntropy: Double?
    /// Mean over episodes of the fraction of steps with zero reward.
    public var sparsity: Double
    /// Mean episode length.
    public var meanEpisodeLength: Double
}

/// Settings of ``DatasetMetrics/measure(_:reference:references:settings:)``.
public struct DatasetMeasureSettings: Sendable, Equatable {
    /// Exact or HyperLogLog counting (default: the study's HyperLogLog with error 0.01).
    public var counting = UniqueCounting.paper
    /// Edges per column of the discretisation (the study: 100).
    public var bins = 100
    /// BC-policy training epochs for the entropy (the study: 10; 0 skips the entropy).
    public var bcEpochs = 10
    /// BC-policy batch size (the study: 64) and learning rate (1e-3).
    public var bcBatchSize = 64
    /// BC-policy learning rate.
    public var bcLearningRate = 1e-3
    /// BC-policy hidden widths.
    public var bcHiddenSizes = [64, 64]
    /// n of a Discrete action space (needed for the entropy); nil skips it.
    public var actionCount: Int?
    /// Seed of the BC policy's networks and batches.
    public var seed: UInt64 = 0

    /// The study's settings.
    public init() {}
}

/// The dataset-perspective measures (see ``DatasetMeasures``).
public enum DatasetMetrics {
    /// TQ = (mean episode return − `randomReturn`) / (`bestReturn` − `randomReturn`).
    /// - Throws: ``DatasetError`` when `bestReturn` ≤ `randomReturn` or either is not finite.
    public static func tq(_ dataset: OfflineDataset, randomReturn: Double, bestReturn: Double) throws(DatasetError)
        -> Double
    {
        guard randomReturn.isFinite, bestReturn.isFinite, bestReturn > randomReturn else {
            throw DatasetError(
                .invalidArgument,
                "TQ needs a best return above the random return (got random \(randomReturn), best \(bestReturn)); "
                    + "pass the random policy's and the best policy's mean returns")
        }
        return (meanReturn(dataset) - randomReturn) / (bestReturn - randomReturn)
    }

    /// The mean episode return.
    public static func meanReturn(_ dataset: OfflineDataset) -> Double {
        dataset.episodes.map(\.totalReward).reduce(0, +) / Double(max(dataset.episodes.count, 1))
    }

    /// Unique discretised (s, a) rows of `dataset`.
    /// - Throws: ``DatasetError`` when the discretiser's columns do not match or the counting is invalid.
    public static func uniqueStateActions(
        _ dataset: OfflineDataset, discretizer: StateActionDiscretizer, counting: UniqueCounting
    ) throws(DatasetError) -> Int {
        guard discretizer.low.count == dataset.observationDimension + dataset.actionDimension else {
            throw DatasetError(
                .shape,
                "the discretiser has \(discretizer.low.count) columns but the dataset's (s, a) rows have "
                    + "\(dataset.observationDimension + dataset.actionDimension); use a reference of the same "
                    + "environment")
        }
        return try counting.count((0..<dataset.count).lazy.map { discretizer.key(of: dataset, transition: $0) })
    }

    /// SACo = unique(`dataset`) / unique(`reference`), both discretised with the reference's limits.
    /// - Throws: ``DatasetError`` for mismatched shapes.
    public static func saco(
        _ dataset: OfflineDataset, reference: OfflineDataset, bins: Int = 100, counting: UniqueCounting = .paper
    ) throws(DatasetError) -> Double {
        let discretizer = try StateActionDiscretizer(bins: bins, limitsFrom: reference)
        let own = try uniqueStateActions(dataset, discretizer: discretizer, counting: counting)
        let base = try uniqueStateActions(reference, discretizer: discretizer, counting: counting)
        return Double(own) / Double(max(base, 1))
    }

    /// Mean over episodes of the fraction of steps whose reward is 0.
    public static func sparsity(_ dataset: OfflineDataset) -> Double {
        let fractions = dataset.episodes.map { e in
            Double(e.rewards.filter { $0 == 0 }.count) / Double(max(e.rewards.count, 1))
        }
        return fractions.reduce(0, +) / Double(max(fractions.count, 1))
    }

    /// Mean episode length.
    public static func meanEpisodeLength(_ dataset: OfflineDataset) -> Double {
        Double(dataset.count) / Double(max(dataset.episodes.count, 1))
    }

    /// Mean entropy (nats) of a softmax BC policy trained by cross-entropy on the dataset's actions, over the
    /// dataset's states (the study's `get_bc_entropy`).
    /// - Throws: ``DatasetError`` when an action is not an index in `0..<actionCount`.
    public static func bcEntropy(
        _ dataset: OfflineDataset, actionCount n: Int, settings: DatasetMeasureSettings
    ) throws(DatasetError) -> Double {
        let t = dataset.transitions, o = dataset.observationDimension
        guard dataset.actionDimension == 1, n > 1 else {
            throw DatasetError(.invalidArgument, "the BC entropy needs one discrete action index per step and n ≥ 2")
        }
        let actions = t.actions.map { Int($0.rounded()) }
        if let bad = actions.firstIndex(where: { $0 < 0 || $0 >= n }) {
            throw DatasetError(.outOfSpace, "transition \(bad): action \(t.actions[bad]) is not an index in 0..<\(n)")
        }
        let root = Xoshiro256StarStar(seed: settings.seed)
        var networks = root.derived("networks"), batches = root.derived("batches")
        let policy = MLP([o] + settings.bcHiddenSizes + [n], activation: .relu, using: &networks)
        let optimizer = Adam(learningRate: settings.bcLearningRate)
        let batch = max(1, min(settings.bcBatchSize, t.count))
        for _ in 0..<settings.bcEpochs {
            var order = Array(0..<t.count)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, batches.int(below: i + 1)) }
            for start in stride(from: 0, to: order.count - batch + 1, by: batch) {
                let rows = order[start..<start + batch]
                let s = Tensor(rows.flatMap { t.observations[$0 * o..<($0 + 1) * o] }, shape: [batch, o])
                let a = rows.map { actions[$0] }
                let (_, gradients) = valueAndGrad(policy) { p in crossEntropyLoss(logits: p(s), targets: a) }
                optimizer.update(policy, gradients: gradients)
            }
        }
        var total = 0.0
        withNoGrad {
            for start in stride(from: 0, to: t.count, by: 512) {
                let rows = min(512, t.count - start)
                let s = Tensor(Array(t.observations[start * o..<(start + rows) * o]), shape: [rows, o])
                let p = softmax(policy(s), axis: 1).floats
                for x in p where x > 0 { total -= Double(x) * Double(x).logValue }
            }
        }
        return total / Double(t.count)
    }

    /// Every measure of `dataset`.
    /// - Parameters:
    ///   - reference: the dataset SACo is relative to (and whose limits discretise); nil: no SACo, limits from
    ///     the dataset itself.
    ///   - references: the random and best returns for TQ; nil: no TQ.
    /// - Throws: ``DatasetError`` for invalid references or mismatched shapes.
    public static func measure(
        _ dataset: OfflineDataset, reference: OfflineDataset? = nil, references: ReferenceReturns? = nil,
        settings: DatasetMeasureSettings = DatasetMeasureSettings()
    ) throws(DatasetError) -> DatasetMeasures {
        if let reference, reference.observationDimension != dataset.observationDimension
            || reference.actionDimension != dataset.actionDimension
        {
            throw DatasetError(
                .shape,
                "the reference has (s, a) sizes (\(reference.observationDimension), \(reference.actionDimension)) but "
                    + "the dataset (\(dataset.observationDimension), \(dataset.actionDimension)); use a reference of "
                    + "the same environment")
        }
        let discretizer = try StateActionDiscretizer(bins: settings.bins, limitsFrom: reference ?? dataset)
        let unique = try uniqueStateActions(dataset, discretizer: discretizer, counting: settings.counting)
        let referenceUnique = try reference.map { (r) throws(DatasetError) in
            try uniqueStateActions(r, discretizer: discretizer, counting: settings.counting)
        }
        let returns = dataset.episodes.map(\.totalReward)
        let tq = try references.map { (r) throws(DatasetError) in
            try Self.tq(dataset, randomReturn: r.random, bestReturn: r.expert)
        }
        let entropy = try settings.actionCount.flatMap { (n) throws(DatasetError) -> Double? in
            settings.bcEpochs > 0 ? try bcEntropy(dataset, actionCount: n, settings: settings) : nil
        }
        return DatasetMeasures(
            episodes: dataset.episodes.count, transitions: dataset.count, meanReturn: meanReturn(dataset),
            minReturn: returns.min() ?? 0, maxReturn: returns.max() ?? 0, tq: tq, uniqueStateActions: unique,
            referenceUniqueStateActions: referenceUnique,
            saco: referenceUnique.map { Double(unique) / Double(max($0, 1)) }, counting: settings.counting.description,
            bcEntropy: entropy, sparsity: sparsity(dataset), meanEpisodeLength: meanEpisodeLength(dataset))
    }
}

extension Double {
    fileprivate var logValue: Double { Foundation.log(self) }
}
