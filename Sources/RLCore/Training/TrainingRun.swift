import Environments
import Foundation
import Tracking

/// Runs a complete training job for any ``ConfigurableAlgorithm``: resolves the config (preset → YAML file →
/// `--set` overrides), creates or resumes the run directory, trains with logging, periodic evaluation and
/// checkpoints, and writes the final checkpoint and `curve.svg`. The command line and the benchmarks call this.
public enum TrainingRun {
    /// The resolved config for a new run.
    /// - Throws: `ConfigError` naming the bad key or value.
    public static func resolveConfig<A: ConfigurableAlgorithm>(
        _ type: A.Type, request: TrainingRequest
    ) throws -> RunConfig<A> {
        var defaults = try RunConfig<A>.defaults(for: request.environmentID, preset: request.preset)
        if let seed = request.seed { defaults.seed = seed }
        if let total = request.totalSteps { defaults.totalSteps = total }
        var config = try ConfigLoader.load(defaults: defaults, file: request.configFile, overrides: request.overrides)
        config.env.id = request.environmentID
        if let seed = request.seed { config.seed = seed }
        if let total = request.totalSteps { config.totalSteps = total }
        return config
    }

    /// Trains `type` as `request` says and returns where everything went.
    /// - Throws: `ConfigError`, `EnvironmentError`, `TrainingCheckpointError`, `FileIOError`, `NonFiniteValueError`.
    public static func train<A: ConfigurableAlgorithm>(_ type: A.Type, request: TrainingRequest) throws -> TrainingOutcome {
        let start = Date()
        let session: RunSession
        let algorithm: A
        let config: RunConfig<A>
        if let resumeURL = request.resume {
            let run = try RunDirectory(existing: resumeURL)
            let yaml = try run.readConfig()
            let defaults = try RunConfig<A>.defaults(for: request.environmentID, preset: request.preset)
            var saved = try ConfigLoader.load(
                defaults: defaults, yaml: yaml, source: run.config.path, overrides: request.overrides)
            if let total = request.totalSteps { saved.totalSteps = total }
            config = saved
            let resumed = try RunSession.resume(run, totalSteps: config.totalSteps, options: request.session)
            session = resumed.session
            algorithm = try A(checkpoint: try TrainingCheckpoint.read(files: resumed.checkpoint))
        } else {
            config = try resolveConfig(type, request: request)
            algorithm = try A(config: config.hyperparameters, environment: config.env, seed: config.seed)
            session = try RunSession.start(
                environment: config.env.id, algorithm: A.name, seed: config.seed, config: config,
                totalSteps: config.totalSteps, options: request.session)
        }
        let evaluation = EvaluationCallback(
            every: config.evaluation.every > 0 ? config.evaluation.every : Int.max,
            episodes: config.evaluation.episodes, seed: config.seed &+ config.evaluation.seedOffset,
            deterministic: config.evaluation.deterministic, stopAtReturn: config.evaluation.stopAtReturn,
            logger: session.logger)
        var lastCheckpoint: CheckpointFiles?
        let checkpoints = CheckpointCallback(
            every: config.checkpointEvery, stopRequested: { session.stopRequested }
        ) { checkpoint in
            lastCheckpoint = try checkpoint.save(in: session)
        }
        let callbacks: [any TrainingCallback] = [MetricLoggingCallback(logger: session.logger), evaluation, checkpoints]
        do {
            try algorithm.learn(totalSteps: config.totalSteps, callbacks: callbacks)
        } catch {
            try? session.finish()
            throw error
        }
        try session.finish()
        return TrainingOutcome(
            run: session.run, configYAML: try ConfigLoader.yaml(config), finalStep: algorithm.stepCount,
            wallSeconds: Date().timeIntervalSince(start), evaluations: evaluation.history,
            firstReached: evaluation.firstReached, checkpoint: lastCheckpoint)
    }
}
