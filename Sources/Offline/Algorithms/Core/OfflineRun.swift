import Foundation
import RLCore
import Tracking

/// The complete config of an offline run — what `config.yaml` holds:
///
/// ```yaml
/// algorithm: td3bc
/// seed: 1
/// steps: 100000
/// checkpointEvery: 0
/// dataset: pendulum-medium.npz
/// env: {id: Pendulum-v1, …}
/// trainer: {batchSize: 256, normalizeStates: true, logEvery: 1000, evaluation: {every: 5000, episodes: 10, …}}
/// td3bc: {alpha: 2.5, …}          # the algorithm's section, keyed by its name
/// ```
/// Overrides use dotted keys: `--set td3bc.alpha=5 --set trainer.batchSize=512`.
public struct OfflineRunConfig<A: OfflineAlgorithm>: Codable {
    /// The run seed.
    public var seed: UInt64
    /// Gradient steps.
    public var steps: Int
    /// Gradient steps between checkpoints (0: only at the end).
    public var checkpointEvery: Int
    /// The dataset file (for the record).
    public var dataset: String
    /// The evaluation environment.
    public var env: EnvironmentConfig
    /// Sampling, logging and evaluation.
    public var trainer: OfflineTrainerSettings
    /// The algorithm's hyper-parameters.
    public var hyperparameters: A.Config

    /// A config.
    public init(
        seed: UInt64 = 1, steps: Int = 100_000, checkpointEvery: Int = 0, dataset: String, env: EnvironmentConfig,
        trainer: OfflineTrainerSettings = OfflineTrainerSettings(), hyperparameters: A.Config
    ) {
        self.seed = seed
        self.steps = steps
        self.checkpointEvery = checkpointEvery
        self.dataset = dataset
        self.env = env
        self.trainer = trainer
        self.hyperparameters = hyperparameters
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let name = try c.decodeIfPresent(String.self, forKey: Key("algorithm")), name != A.name {
            throw DecodingError.dataCorruptedError(
                forKey: Key("algorithm"), in: c, debugDescription: "this config is for `\(name)`, not `\(A.name)`")
        }
        seed = try c.decode(UInt64.self, forKey: Key("seed"))
        steps = try c.decode(Int.self, forKey: Key("steps"))
        checkpointEvery = try c.decode(Int.self, forKey: Key("checkpointEvery"))
        dataset = try c.decode(String.self, forKey: Key("dataset"))
        env = try c.decode(EnvironmentConfig.self, forKey: Key("env"))
        trainer = try c.decode(OfflineTrainerSettings.self, forKey: Key("trainer"))
        hyperparameters = try c.decode(A.Config.self, forKey: Key(A.name))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(A.name, forKey: Key("algorithm"))
        try c.encode(seed, forKey: Key("seed"))
        try c.encode(steps, forKey: Key("steps"))
        try c.encode(checkpointEvery, forKey: Key("checkpointEvery"))
        try c.encode(dataset, forKey: Key("dataset"))
        try c.encode(env, forKey: Key("env"))
        try c.encode(trainer, forKey: Key("trainer"))
        try c.encode(hyperparameters, forKey: Key(A.name))
    }
}

/// What an offline run produced.
public struct OfflineRunOutcome: Sendable {
    /// The run directory.
    public var run: URL
    /// Every evaluation.
    public var evaluations: [OfflineEvaluationRecord]
    /// Wall seconds (training and evaluation).
    public var wallSeconds: Double
    /// The last checkpoint written.
    public var checkpoint: URL?

    /// The last evaluation.
    public var final: OfflineEvaluationRecord? { evaluations.last }
}

/// Runs a whole offline training job in a run directory: `config.yaml`, `metrics.csv` + TensorBoard events,
/// checkpoints (`checkpoints/step_<n>.safetensors` + `.json`), and `curve.svg` of the evaluation return.
public enum OfflineRun {
    /// CSV columns declared up front.
    public static let columns = [
        OfflineMetricTag.evaluationReturn, OfflineMetricTag.normalizedScore, OfflineMetricTag.evaluationStd,
        OfflineMetricTag.stepsPerSecond, MetricTag.qfLoss, MetricTag.qf1Values, MetricTag.actorLoss,
        OfflineMetricTag.bcLoss, OfflineMetricTag.lambda,
    ]

    /// Trains `A` on `dataset` as `config` says.
    /// - Parameters:
    ///   - options: run-directory root, console/progress output (its `columns` and `curveMetric` are set here).
    ///   - callbacks: extra callbacks after logging and checkpointing (e.g. printing evaluations).
    /// - Throws: ``OfflineAlgorithmError``, ``DatasetError``, `EnvironmentError`, `FileIOError`,
    ///   `TrainingCheckpointError`, `NonFiniteValueError`.
    public static func train<A: OfflineAlgorithm>(
        _ type: A.Type, dataset: OfflineDataset, config: OfflineRunConfig<A>,
        options: RunSession.Options = RunSession.Options(), callbacks extra: [any TrainingCallback] = []
    ) throws -> OfflineRunOutcome {
        let start = Date()
        let trainer = try OfflineTrainer<A>(
            config: config.hyperparameters, dataset: dataset, environment: config.env, settings: config.trainer,
            seed: config.seed)
        let session = try RunSession.start(
            environment: config.env.id, algorithm: A.name, seed: config.seed, config: config, totalSteps: config.steps,
            options: sessionOptions(options))
        return try learn(trainer, session: session, config: config, start: start, callbacks: extra)
    }

    /// Continues the run in `run` from its newest complete checkpoint (`checkpoints/step_<n>.safetensors` +
    /// `.json`) to `config.steps`: metrics logged after the checkpoint are dropped, and the weights, optimizer
    /// moments, batch sampler and random streams are restored, so the run ends exactly as an uninterrupted one.
    /// - Parameters:
    ///   - config: the config this invocation resolves to; it must equal the run's `config.yaml`.
    /// - Throws: `ResumeError` naming the run (no complete checkpoint, a config that differs from the saved one),
    ///   and the errors of ``train(_:dataset:config:options:callbacks:)``.
    public static func resume<A: OfflineAlgorithm>(
        _ type: A.Type, run url: URL, dataset: OfflineDataset, config: OfflineRunConfig<A>,
        options: RunSession.Options = RunSession.Options(), callbacks extra: [any TrainingCallback] = []
    ) throws -> OfflineRunOutcome {
        let start = Date()
        let run = try RunDirectory(existing: url)
        guard let files = try run.latestCheckpoint() else { throw ResumeError.noCheckpoint(run: run.url.path) }
        try ResumeError.checkConfig(config, matches: run)
        let trainer: OfflineTrainer<A>
        do {
            trainer = try OfflineTrainer<A>(checkpoint: try TrainingCheckpoint.read(files: files), dataset: dataset)
        } catch let error as TrainingCheckpointError {
            throw ResumeError.invalidCheckpoint(path: files.weights.path, reason: error.description)
        }
        let session = try RunSession.resume(
            run, fromStep: files.step, totalSteps: config.steps, options: sessionOptions(options))
        return try learn(trainer, session: session, config: config, start: start, callbacks: extra)
    }

    private static func sessionOptions(_ options: RunSession.Options) -> RunSession.Options {
        var options = options
        options.columns = columns
        options.curveMetric = OfflineMetricTag.evaluationReturn
        return options
    }

    private static func learn<A: OfflineAlgorithm>(
        _ trainer: OfflineTrainer<A>, session: RunSession, config: OfflineRunConfig<A>, start: Date,
        callbacks extra: [any TrainingCallback]
    ) throws -> OfflineRunOutcome {
        var last: URL?
        let checkpoints = CheckpointCallback(every: config.checkpointEvery, stopRequested: { session.stopRequested }) {
            checkpoint in
            last = try checkpoint.save(in: session).weights
        }
        do {
            try trainer.learn(
                totalSteps: config.steps,
                callbacks: [MetricLoggingCallback(logger: session.logger), checkpoints] + extra)
        } catch {
            try? session.finish()
            throw error
        }
        try session.finish()
        return OfflineRunOutcome(
            run: session.run.url, evaluations: trainer.evaluations, wallSeconds: Date().timeIntervalSince(start),
            checkpoint: last)
    }
}
