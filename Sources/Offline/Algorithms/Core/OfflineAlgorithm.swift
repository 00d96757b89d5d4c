import RLCore
import Tensor

// # The offline-RL surface (stable API — other code builds on it)
//
// * ``OfflineAlgorithm`` — one learner (BC, TD3+BC, IQL, CQL, PRDC, A2PR): a `Config` with the paper's defaults,
//   `init(config:problem:seed:)`, `prepare(data:)` (once, with the whole preprocessed dataset: PRDC builds its
//   KD-tree here), `update(_:) -> [Metric]` (one gradient step on a batch), a deterministic `act(_:count:)`, and
//   its `modules` / `optimizers` for checkpoints (``OfflineAlgorithm/checkpointTensors()`` and
//   ``OfflineAlgorithm/restore(from:)``). Everything an algorithm sees is in *learner units*: states normalised
//   with the dataset's statistics, actions in [−1, 1], rewards after the algorithm's ``RewardTransform``.
// * ``OfflinePreprocessing`` — the map between environment units and learner units (state statistics, action
//   bounds, reward transform); stored in checkpoints so a saved policy acts correctly.
// * ``OfflineTrainer`` — the one training loop: samples batches from an ``OfflineDataset``, runs N gradient
//   steps, evaluates every K steps on a seeded environment of the registry for E episodes, reports raw and
//   normalised score (``ReferenceReturns``), and streams metrics as RLCore `TrainingEvent`s to callbacks
//   (`MetricLoggingCallback` → run directory, `CheckpointCallback`). It conforms to RLCore's `Algorithm`, so
//   `Evaluation.run`, the callbacks and checkpoints work unchanged.
// * ``OfflineRun`` — a whole job in a run directory (config.yaml, metrics.csv, TensorBoard, checkpoints,
//   curve.svg), used by `swiftrl offline train` and the reproductions.
//
// ```swift
// let dataset = try NPZ.readDataset(from: url)
// let trainer = try OfflineTrainer<TD3BC>(
//     config: TD3BCConfig(), dataset: dataset, environment: EnvironmentConfig(id: "Pendulum-v1"),
//     settings: OfflineTrainerSettings(referenceReturns: ReferenceReturns(random: -1200, expert: -150)), seed: 1)
// try trainer.learn(totalSteps: 50_000, callbacks: [])
// print(trainer.evaluations.last?.normalizedScore ?? .nan)
// ```

/// The sizes an offline algorithm is built for (learner units).
public struct OfflineProblem: Codable, Equatable, Sendable {
    /// Entries per (normalised) state.
    public var observationDimension: Int
    /// Entries per action (each in [−1, 1]; 1 for discrete actions, which hold the action index).
    public var actionDimension: Int
    /// The number of actions of a Discrete action space (actions are indices `0..<n` stored as one float);
    /// nil for a continuous (Box) problem.
    public var actionCount: Int?
    /// k when each observation is a history window of k rows (``HistoryWindowLayout``); nil for plain observations.
    public var historyLength: Int?

    /// A problem of the given sizes (`actionCount` set for discrete actions, `historyLength` for history windows).
    public init(observationDimension: Int, actionDimension: Int, actionCount: Int? = nil, historyLength: Int? = nil) {
        self.observationDimension = observationDimension
        self.actionDimension = actionDimension
        self.actionCount = actionCount
        self.historyLength = historyLength
    }
}

/// The kind of action space an offline algorithm learns in.
public enum OfflineActionKind: String, Codable, Sendable {
    /// A Box of continuous actions, mapped to [−1, 1].
    case continuous
    /// A Discrete space; actions are indices.
    case discrete
}

/// An affine reward transform `r ↦ scale · r + shift` applied to the dataset before training (IQL's locomotion
/// normalisation, AntMaze's `r − 1`). Identity for most algorithms.
public struct RewardTransform: Codable, Equatable, Sendable {
    /// Multiplies the reward.
    public var scale: Float
    /// Added after scaling.
    public var shift: Float

    /// A transform.
    public init(scale: Float = 1, shift: Float = 0) {
        self.scale = scale
        self.shift = shift
    }

    /// The identity.
    public static let identity = RewardTransform()

    /// IQL's MuJoCo normalisation (Kostrikov et al. 2022, official code `normalize`):
    /// `r · target / (max episode return − min episode return)`; identity when all returns are equal.
    public static func returnRange(of dataset: OfflineDataset, target: Double = 1000) -> RewardTransform {
        let returns = dataset.episodes.map(\.totalReward)
        let range = (returns.max() ?? 0) - (returns.min() ?? 0)
        guard range > 0 else { return .identity }
        return RewardTransform(scale: Float(target / range))
    }
}

/// Why an offline algorithm could not be built or trained. The message says what was wrong and how to fix it.
public struct OfflineAlgorithmError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The message.
    public var description: String

    /// An error with a message.
    public init(_ description: String) { self.description = description }
}

/// One offline RL learner. See the top of this file for the whole surface.
///
/// Conforming types are classes holding their networks and optimizers; ``update(_:)`` performs exactly one
/// gradient step (of every network the method trains at that step) and returns metrics with CleanRL/d3rlpy-like
/// tags (`losses/…`). Randomness comes only from streams derived from `seed`.
public protocol OfflineAlgorithm: AnyObject {
    /// The algorithm's hyper-parameters; defaults are the paper's (or d3rlpy's), doc comments name the symbol.
    associatedtype Config: Codable & Equatable & Sendable

    /// Registry name (`bc`, `td3bc`, `iql`, `cql`, `prdc`, `a2pr`); also the run-directory and checkpoint name.
    static var name: String { get }
    /// The action spaces the algorithm learns in. Default: ``OfflineActionKind/continuous``.
    static var actionKind: OfflineActionKind { get }
    /// The hyper-parameters in use.
    var config: Config { get }
    /// The sizes the networks were built for.
    var problem: OfflineProblem { get }
    /// Gradient steps taken (``update(_:)`` calls); restored from checkpoints.
    var updateCount: Int { get set }

    /// Fresh networks initialised from `seed`.
    /// - Throws: ``OfflineAlgorithmError`` for invalid hyper-parameters.
    init(config: Config, problem: OfflineProblem, seed: UInt64) throws

    /// Called once before training with the whole preprocessed dataset (learner units). Default: nothing.
    /// - Throws: ``OfflineAlgorithmError`` or ``DatasetError`` if the data does not fit.
    func prepare(data: OfflineDataset) throws

    /// One gradient step on `batch` (learner units).
    /// - Returns: metrics of this step (tags like `losses/qf_loss`).
    /// - Throws: ``OfflineAlgorithmError`` (e.g. `prepare` was not called) or `NonFiniteValueError`.
    func update(_ batch: TransitionBatch) throws -> [Metric]

    /// Deterministic actions in [−1, 1] for `count` normalised states (row-major).
    func act(_ observations: [Float], count: Int) -> [Float]

    /// The reward transform this algorithm trains with on `dataset` (raw rewards). Default: identity.
    func rewardTransform(for dataset: OfflineDataset) -> RewardTransform

    /// The networks with their checkpoint prefixes (targets included).
    var modules: [(name: String, module: Module)] { get }
    /// The optimizers with their checkpoint prefixes.
    var optimizers: [(name: String, optimizer: any Optimizer)] { get }
    /// The algorithm's own random streams (target-policy smoothing noise, sampled actions), in a fixed order;
    /// saved in checkpoints so a resumed run draws what the uninterrupted one would. Default: none.
    var generators: [Xoshiro256StarStar] { get set }
}

extension OfflineAlgorithm {
    public static var actionKind: OfflineActionKind { .continuous }

    public func prepare(data: OfflineDataset) throws {}

    public var generators: [Xoshiro256StarStar] {
        get { [] }
        set {}
    }

    public func rewardTransform(for dataset: OfflineDataset) -> RewardTransform { .identity }

    /// Every parameter (`<module>.<path>`) and optimizer moment (`optimizer.<name>.<key>`).
    public func checkpointTensors() -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        for (name, module) in modules {
            tensors.merge(TrainingCheckpoint.tensors(of: module, prefix: name)) { a, _ in a }
        }
        for (name, optimizer) in optimizers {
            tensors.merge(TrainingCheckpoint.tensors(of: optimizer, prefix: "optimizer.\(name)")) { a, _ in a }
        }
        return tensors
    }

    /// Loads parameters and optimizer moments written by ``checkpointTensors()``.
    /// - Throws: `TrainingCheckpointError` for a missing tensor or a shape mismatch.
    public func restore(from checkpoint: TrainingCheckpoint) throws {
        for (name, module) in modules { try checkpoint.restore(module, prefix: name) }
        for (name, optimizer) in optimizers { try checkpoint.restore(optimizer, prefix: "optimizer.\(name)") }
    }
}
