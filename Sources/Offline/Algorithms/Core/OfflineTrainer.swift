import Environments
import Foundation
import RLCore
import Tensor
import Tracking

/// The one offline training loop for every ``OfflineAlgorithm``: preprocesses the dataset once (state
/// normalisation, actions to [−1, 1], the algorithm's reward transform), then repeats *sample a batch uniformly →
/// one gradient step*; every ``OfflineTrainerSettings/logEvery`` steps it reports the window's mean metrics and,
/// every ``OfflineTrainerSettings/evaluation`` interval, evaluates the deterministic policy on a freshly seeded
/// copy of the environment (raw and normalised score) — all as RLCore `TrainingEvent`s, so the usual callbacks
/// log to a run directory and checkpoint.
///
/// It conforms to RLCore's `Algorithm`: `stepCount` counts gradient steps, `predict` maps raw observations to
/// environment actions, `checkpoint()` stores the algorithm's tensors plus the preprocessing.
public final class OfflineTrainer<A: OfflineAlgorithm>: Algorithm {
    public static var name: String { A.name }
    /// The learner.
    public let algorithm: A
    /// The environment used for evaluation (and its spaces).
    public let environment: EnvironmentConfig
    /// Sampling, logging and evaluation settings.
    public let settings: OfflineTrainerSettings
    /// Environment units ↔ learner units.
    public let preprocessing: OfflinePreprocessing
    /// The run seed (batches use its `"batches"` stream, networks the algorithm's own).
    public let seed: UInt64
    /// The evaluation environment's action space.
    public let actionSpace: Space
    /// The evaluation environment's observation space.
    public let observationSpace: Space
    /// Gradient steps taken.
    public private(set) var stepCount = 0
    /// Every evaluation so far.
    public private(set) var evaluations: [OfflineEvaluationRecord] = []
    /// The dataset in learner units (nil for a trainer restored only to act).
    public let data: OfflineDataset?
    private var rng: Xoshiro256StarStar

    public var observationSize: Int { algorithm.problem.observationDimension }

    /// A trainer for a fresh `A` built from `config`.
    /// - Throws: ``OfflineAlgorithmError`` (spaces that do not fit the dataset, bad settings or hyper-parameters),
    ///   `EnvironmentError` for an unknown environment id, ``DatasetError``.
    public convenience init(
        config: A.Config, dataset: OfflineDataset, environment: EnvironmentConfig,
        settings: OfflineTrainerSettings = OfflineTrainerSettings(), seed: UInt64
    ) throws {
        var count: Int?
        if case let .discrete(space) = try Self.spaces(of: environment).action { count = space.n }
        let (data, evaluation) = try Self.history(dataset, environment, settings: settings, actionCount: count)
        let algorithm = try A(
            config: config,
            problem: OfflineProblem(
                observationDimension: data.observationDimension, actionDimension: data.actionDimension,
                actionCount: count, historyLength: settings.historyLength),
            seed: seed)
        try self.init(algorithm: algorithm, dataset: data, environment: evaluation, settings: settings, seed: seed)
    }

    /// The dataset and evaluation environment for ``OfflineTrainerSettings/historyLength``: history windows and
    /// `history<k>/<id>` when it is set, else both unchanged.
    /// - Throws: ``OfflineAlgorithmError`` for continuous actions, ``DatasetError`` for an invalid window length.
    public static func history(
        _ dataset: OfflineDataset, _ environment: EnvironmentConfig, settings: OfflineTrainerSettings,
        actionCount: Int?
    ) throws -> (OfflineDataset, EnvironmentConfig) {
        guard let k = settings.historyLength else { return (dataset, environment) }
        guard let n = actionCount else {
            throw OfflineAlgorithmError(
                "trainer.historyLength needs Discrete actions (the previous action is one-hot encoded); "
                    + "\(environment.id) has continuous actions")
        }
        var windowed = environment
        if !environment.id.hasPrefix("history") { windowed.id = "history\(k)/\(environment.id)" }
        return (try dataset.historyWindows(length: k, actionCount: n), windowed)
    }

    /// A trainer for an existing learner; calls its `prepare(data:)` with the preprocessed dataset.
    /// - Throws: as ``init(config:dataset:environment:settings:seed:)``.
    public init(
        algorithm: A, dataset: OfflineDataset, environment: EnvironmentConfig,
        settings: OfflineTrainerSettings = OfflineTrainerSettings(), seed: UInt64
    ) throws {
        guard settings.batchSize > 0, settings.logEvery > 0 else {
            throw OfflineAlgorithmError(
                "batchSize (\(settings.batchSize)) and logEvery (\(settings.logEvery)) must be positive")
        }
        let spaces = try Self.spaces(of: environment)
        guard algorithm.problem.observationDimension == dataset.observationDimension,
            algorithm.problem.actionDimension == dataset.actionDimension
        else {
            throw OfflineAlgorithmError(
                "\(A.name) was built for \(algorithm.problem) but the dataset has observation dimension "
                    + "\(dataset.observationDimension), action dimension \(dataset.actionDimension)")
        }
        guard spaces.observationSize == dataset.observationDimension else {
            throw OfflineAlgorithmError(
                "\(environment.id) observations have \(spaces.observationSize) entries but the dataset's have "
                    + "\(dataset.observationDimension); pass the environment the dataset was recorded in")
        }
        switch (A.actionKind, spaces.action) {
        case (.discrete, .discrete), (.continuous, .box): break
        case (.discrete, _):
            throw OfflineAlgorithmError(
                "\(A.name) needs Discrete actions but \(environment.id) has \(spaces.action); use a continuous "
                    + "algorithm (\(OfflineAlgorithmRegistry.names(for: .continuous).joined(separator: ", ")))")
        case (.continuous, _):
            throw OfflineAlgorithmError(
                "\(A.name) needs Box actions but \(environment.id) has \(spaces.action); use a discrete algorithm "
                    + "(\(OfflineAlgorithmRegistry.names(for: .discrete).joined(separator: ", ")))")
        }
        let preprocessing = try OfflinePreprocessing(
            dataset: dataset, actionSpace: spaces.action,
            normalizeStates: settings.normalizeStates && settings.historyLength == nil,
            epsilon: settings.stateEpsilon, reward: algorithm.rewardTransform(for: dataset))
        let data = try preprocessing.apply(to: dataset)
        try algorithm.prepare(data: data)
        self.algorithm = algorithm
        self.environment = environment
        self.settings = settings
        self.preprocessing = preprocessing
        self.seed = seed
        self.actionSpace = spaces.action
        self.observationSpace = spaces.observation
        self.data = data
        self.rng = Xoshiro256StarStar(seed: seed).derived("batches")
    }

    /// A trainer restored from ``checkpoint()``: weights, optimizer moments, preprocessing, step count and batch
    /// stream. Pass the dataset to continue training; without it the trainer can only act and evaluate.
    /// - Throws: `TrainingCheckpointError` for a checkpoint of another algorithm or with missing tensors.
    public init(checkpoint: TrainingCheckpoint, dataset: OfflineDataset? = nil) throws {
        let contents = try checkpoint.contents(algorithm: A.name, config: A.Config.self, state: OfflineTrainerState.self)
        let state = contents.state
        let algorithm = try A(config: contents.config, problem: state.problem, seed: contents.header.seed)
        try algorithm.restore(from: checkpoint)
        algorithm.updateCount = state.updateCount
        if let generators = state.algorithmGenerators { algorithm.generators = generators }
        if let dataset {
            let windowed = try state.settings.historyLength.map {
                try dataset.historyWindows(length: $0, actionCount: state.problem.actionCount ?? 0)
            } ?? dataset
            let data = try state.preprocessing.apply(to: windowed)
            try algorithm.prepare(data: data)
            self.data = data
        } else {
            self.data = nil
        }
        self.algorithm = algorithm
        self.environment = contents.environment
        self.settings = state.settings
        self.preprocessing = state.preprocessing
        self.seed = contents.header.seed
        self.actionSpace = contents.header.actionSpace
        self.observationSpace = contents.header.observationSpace
        self.stepCount = contents.header.step
        self.evaluations = state.evaluations
        self.rng = state.batchGenerator
    }

    private static func spaces(of environment: EnvironmentConfig) throws -> (
        observation: Space, action: Space, observationSize: Int
    ) {
        let env = try EnvironmentRegistry.shared.makeVector(environment.id, count: 1)
        return (env.singleObservationSpace, env.singleActionSpace, env.observationSize)
    }

    /// Runs gradient steps until ``stepCount`` reaches `totalSteps` (absolute) or a callback stops training.
    /// Events: `.started`, `.iterationFinished(step, metrics)` every `logEvery` steps and at each evaluation
    /// (each metric's mean over the steps of the window that reported it, `charts/SPS`, and `eval/…` when evaluated), `.finished`.
    /// The final step is always evaluated when `evaluation.episodes > 0`.
    /// - Throws: ``OfflineAlgorithmError`` without a dataset, algorithm errors, `NonFiniteValueError`,
    ///   environment errors, or callback errors.
    public func learn(totalSteps: Int, callbacks: [any TrainingCallback]) throws {
        guard let data else {
            throw OfflineAlgorithmError("this trainer was restored without a dataset; pass one to continue training")
        }
        _ = try callbacks.dispatch(.started(step: stepCount), algorithm: self)
        var sums: [String: Double] = [:]
        var counts: [String: Int] = [:]
        var order: [String] = []
        var windowSteps = 0
        var windowStart = ProcessInfo.processInfo.systemUptime
        let every = settings.evaluation.every
        while stepCount < totalSteps {
            let batch = data.sample(batchSize: settings.batchSize, using: &rng)
            let metrics = try algorithm.update(batch)
            stepCount += 1
            windowSteps += 1
            for metric in metrics {
                guard metric.value.isFinite else {
                    throw NonFiniteValueError(quantity: metric.tag, step: stepCount, value: metric.value)
                }
                if sums[metric.tag] == nil { order.append(metric.tag) }
                sums[metric.tag, default: 0] += metric.value
                counts[metric.tag, default: 0] += 1
            }
            let evaluate =
                settings.evaluation.episodes > 0
                && ((every > 0 && stepCount % every == 0) || stepCount == totalSteps)
            guard evaluate || stepCount % settings.logEvery == 0 || stepCount == totalSteps else { continue }
            let elapsed = ProcessInfo.processInfo.systemUptime - windowStart
            var report = order.map { Metric($0, sums[$0, default: 0] / Double(max(counts[$0, default: 1], 1))) }
            report.append(Metric(OfflineMetricTag.stepsPerSecond, Double(windowSteps) / max(elapsed, 1e-9)))
            if evaluate {
                let record = try self.evaluate()
                report.append(Metric(OfflineMetricTag.evaluationReturn, record.result.mean))
                report.append(Metric(OfflineMetricTag.evaluationStd, record.result.standardDeviation))
                if let score = record.normalizedScore { report.append(Metric(OfflineMetricTag.normalizedScore, score)) }
            }
            sums = [:]
            counts = [:]
            order = []
            windowSteps = 0
            let decision = try callbacks.dispatch(.iterationFinished(step: stepCount, metrics: report), algorithm: self)
            windowStart = ProcessInfo.processInfo.systemUptime
            if decision == .stop { break }
        }
        _ = try callbacks.dispatch(.finished(step: stepCount), algorithm: self)
    }

    /// Evaluates the deterministic policy now (``OfflineTrainerSettings/evaluation``'s episodes, seeded
    /// `seed + seedOffset`) and appends the record to ``evaluations``.
    /// - Throws: environment errors.
    @discardableResult
    public func evaluate() throws -> OfflineEvaluationRecord {
        let result = try Evaluation.run(
            self, episodes: settings.evaluation.episodes, seed: seed &+ settings.evaluation.seedOffset,
            deterministic: true)
        let score = settings.referenceReturns.flatMap { try? $0.normalized(result.mean) }
        let record = OfflineEvaluationRecord(step: stepCount, result: result, normalizedScore: score)
        evaluations.append(record)
        return record
    }

    /// Environment actions for raw observations (normalised here; `deterministic` is ignored: offline
    /// policies act deterministically).
    public func predict(observations: [Float], count: Int, deterministic: Bool) -> [Float] {
        preprocessing.toEnvironment(
            actions: algorithm.act(preprocessing.normalize(observations: observations), count: count))
    }

    /// Weights and optimizer moments of the algorithm, and a sidecar with its config, the preprocessing, the step
    /// count, the batch generator and the evaluations so far.
    /// - Throws: `TrainingCheckpointError` if the sidecar cannot be encoded.
    public func checkpoint() throws -> TrainingCheckpoint {
        let header = CheckpointHeader(
            algorithm: A.name, seed: seed, step: stepCount, observationSpace: observationSpace,
            actionSpace: actionSpace)
        let state = OfflineTrainerState(
            problem: algorithm.problem, preprocessing: preprocessing, settings: settings,
            updateCount: algorithm.updateCount, batchGenerator: rng, evaluations: evaluations,
            algorithmGenerators: algorithm.generators)
        return try TrainingCheckpoint(
            sidecar: CheckpointSidecar(header: header, environment: environment, config: algorithm.config, state: state),
            tensors: algorithm.checkpointTensors())
    }
}

/// The offline part of a checkpoint sidecar.
public struct OfflineTrainerState: Codable, Equatable, Sendable {
    /// The network sizes.
    public var problem: OfflineProblem
    /// Environment ↔ learner units.
    public var preprocessing: OfflinePreprocessing
    /// The trainer settings.
    public var settings: OfflineTrainerSettings
    /// The algorithm's update counter.
    public var updateCount: Int
    /// The batch sampler's generator.
    public var batchGenerator: Xoshiro256StarStar
    /// Evaluations so far.
    public var evaluations: [OfflineEvaluationRecord]
    /// The algorithm's own random streams (``OfflineAlgorithm/generators``); nil in older checkpoints.
    public var algorithmGenerators: [Xoshiro256StarStar]? = nil
}
