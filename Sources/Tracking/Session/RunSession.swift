import Foundation
import Tensor

/// Everything a training loop needs from Tracking, set up in one call: the run directory with `config.yaml`,
/// the metric logger (CSV + TensorBoard [+ JSONL] [+ console] + progress line), the hyper-parameter table,
/// Ctrl-C handling, checkpoint writing with pruning, and `curve.svg` at the end. Resuming repairs the metric
/// files and continues from the newest complete checkpoint.
///
/// ```swift
/// let session = try RunSession.start(environment: "CartPole-v1", algorithm: "ppo", seed: 1, config: config,
///                                    totalSteps: config.totalSteps)
/// while step < total && !session.stopRequested {
///     …
///     try session.logger.scalar(MetricTag.stepsPerSecond, sps, step: step)
///     try session.logger.flush()
///     if step % checkpointEvery == 0 { try session.saveCheckpoint(step: step, weights: w, sidecar: json) }
/// }
/// try session.finish()
/// ```
public final class RunSession {
    /// Settings for a session.
    public struct Options {
        /// Folder holding run directories.
        public var root = URL(fileURLWithPath: "runs")
        /// CSV columns declared up front (see ``CSVSink``).
        public var columns: [String] = MetricTag.ppo
        /// Also write `metrics.jsonl`.
        public var jsonl = false
        /// Also print metric blocks to standard output.
        public var console = false
        /// Show the progress line (on standard error).
        public var progress = true
        /// Where the progress line goes; `nil` = standard error.
        public var progressOutput: (any TextOutput)?
        /// Complete checkpoints to keep (older ones are deleted); 0 keeps all.
        public var keepCheckpoints = 3
        /// Turn SIGINT/SIGTERM into ``RunSession/stopRequested``.
        public var watchSignals = true
        /// Metric drawn into `curve.svg` by ``RunSession/finish()``.
        public var curveMetric = MetricTag.episodicReturn
        /// Wall clock for run names and event times.
        public var clock = WallClock.system

        /// Default options.
        public init() {}
    }

    /// The run directory.
    public let run: RunDirectory
    /// The logger all metrics go through.
    public let logger: MetricLogger
    /// The global step the session started at (0, or the checkpoint step when resumed).
    public let startStep: Int
    private let options: Options
    private let interrupt: InterruptMonitor?

    private init(run: RunDirectory, startStep: Int, totalSteps: Int?, options: Options) throws(FileIOError) {
        self.run = run
        self.startStep = startStep
        self.options = options
        var sinks = try run.openSinks(columns: options.columns, jsonl: options.jsonl, clock: options.clock)
        if options.console { sinks.append(ConsoleSink()) }
        if options.progress {
            sinks.append(
                ProgressReporter(
                    totalSteps: totalSteps, startStep: startStep,
                    output: options.progressOutput ?? StandardTextOutput(.error)))
        }
        logger = MetricLogger(sinks: sinks)
        interrupt = options.watchSignals ? InterruptMonitor() : nil
    }

    /// Creates a new run directory, writes `config.yaml`, opens the sinks and logs the hyper-parameters.
    /// - Throws: `FileIOError` or `ConfigError` if the directory, config or sinks cannot be written.
    public static func start<C: Encodable>(
        environment: String, algorithm: String, seed: UInt64, config: C, totalSteps: Int?, options: Options = Options()
    ) throws -> RunSession {
        let run = try RunDirectory.create(
            root: options.root, environment: environment, algorithm: algorithm, seed: seed, clock: options.clock)
        try run.writeConfig(config)
        let session = try RunSession(run: run, startStep: 0, totalSteps: totalSteps, options: options)
        try session.logger.hyperparameters(try ConfigLoader.flattened(config))
        try session.logger.flush()
        return session
    }

    /// Reopens `run` at its newest complete checkpoint: cuts torn records and drops metrics logged after that
    /// checkpoint, then opens the sinks (a new TensorBoard event file) and the progress line from its step.
    /// Load the weights and state from the returned checkpoint's files.
    /// - Throws: `RunSessionError.noCheckpoint` if the run has no complete checkpoint; `FileIOError` otherwise.
    public static func resume(
        _ run: RunDirectory, totalSteps: Int?, options: Options = Options()
    ) throws -> (session: RunSession, checkpoint: CheckpointFiles) {
        guard let checkpoint = try run.latestCheckpoint() else {
            throw RunSessionError.noCheckpoint(path: run.url.path)
        }
        try run.prepareForResume(fromStep: checkpoint.step)
        return (
            try RunSession(run: run, startStep: checkpoint.step, totalSteps: totalSteps, options: options), checkpoint
        )
    }

    /// Reopens `run` at `step` (the step of a checkpoint the caller found, e.g. the newest complete
    /// ``CheckpointFolder``): cuts torn records and drops metrics logged after `step`, then opens the sinks and the
    /// progress line from `step`.
    /// - Throws: `FileIOError` if a metric file cannot be repaired or opened.
    public static func resume(
        _ run: RunDirectory, fromStep step: Int, totalSteps: Int?, options: Options = Options()
    ) throws(FileIOError) -> RunSession {
        try run.prepareForResume(fromStep: step)
        return try RunSession(run: run, startStep: step, totalSteps: totalSteps, options: options)
    }

    /// Writes a checkpoint folder (see ``RunDirectory/writeCheckpointFolder(step:kind:contents:)``) after flushing
    /// the metrics, then deletes old folders beyond ``Options/keepCheckpoints``.
    /// - Throws: `FileIOError`, or what `contents` throws.
    @discardableResult
    public func saveCheckpointFolder(
        step: Int, kind: String, contents: (URL) throws -> Void
    ) throws -> CheckpointFolder {
        try logger.flush()
        let folder = try run.writeCheckpointFolder(step: step, kind: kind, contents: contents)
        if options.keepCheckpoints > 0 { try run.pruneCheckpointFolders(keepingLast: options.keepCheckpoints) }
        return folder
    }

    /// Whether Ctrl-C (or SIGTERM) asked the run to stop; save a checkpoint and call ``finish()``.
    public var stopRequested: Bool { interrupt?.isRequested ?? false }

    /// Writes a checkpoint: the weights first, the JSON sidecar last (its presence marks the checkpoint complete),
    /// each atomically; then deletes old checkpoints beyond ``Options/keepCheckpoints``. Flushes the metrics
    /// first so that files and checkpoint agree after a crash.
    /// - Throws: `FileIOError` if a file cannot be written or removed.
    @discardableResult
    public func saveCheckpoint(step: Int, weights: Data, sidecar: Data) throws(FileIOError) -> CheckpointFiles {
        try logger.flush()
        let files = run.checkpoint(step: step)
        try AtomicFile.write(weights, to: files.weights)
        try AtomicFile.write(sidecar, to: files.sidecar)
        if options.keepCheckpoints > 0 { try run.pruneCheckpoints(keepingLast: options.keepCheckpoints) }
        return files
    }

    /// Closes the sinks (final progress line), stops watching signals and writes `curve.svg` if the curve metric
    /// has data (a run too short to finish an episode simply has no curve).
    /// - Throws: `FileIOError` if a sink cannot be flushed or the curve cannot be written.
    public func finish() throws {
        try logger.close()
        interrupt?.stop()
        do {
            try LearningCurvePlot.writeCurve(for: run, metric: options.curveMetric)
        } catch let error as PlotError {
            switch error {
            case .noData, .unknownMetric, .missingMetrics: return
            case .noRuns, .invalidSmoothing: throw error
            }
        }
    }
}

/// Why a session could not start or resume.
public enum RunSessionError: Error, Equatable, CustomStringConvertible {
    /// `--resume` was given a run without a complete checkpoint.
    case noCheckpoint(path: String)

    public var description: String {
        switch self {
        case let .noCheckpoint(path):
            return "\(path): no complete checkpoint to resume from (checkpoints/step_<n>.safetensors + .json); "
                + "start a new run instead"
        }
    }
}
