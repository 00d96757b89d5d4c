import Foundation
import Tracking

/// What `swiftrl train` asks for: environment, seed, budget, config sources and where to write.
public struct TrainingRequest {
    /// Environment id.
    public var environmentID: String
    /// Run seed (`nil`: the config's, 1 by default).
    public var seed: UInt64?
    /// Budget override (`nil`: the config's).
    public var totalSteps: Int?
    /// The preset family the config starts from (``RunPreset/tuned`` by default; e.g. PPO's `cleanrl`).
    public var preset: String
    /// A YAML file merged over the preset.
    public var configFile: URL?
    /// Dotted `key=value` overrides applied last.
    public var overrides: [String]
    /// Continue this run directory from its newest checkpoint instead of starting a new run.
    public var resume: URL?
    /// Session settings (runs folder, progress line, console, JSONL, …).
    public var session: RunSession.Options

    /// A request; by default a new run under `runs/` with a progress line.
    public init(
        environmentID: String, seed: UInt64? = nil, totalSteps: Int? = nil, configFile: URL? = nil,
        overrides: [String] = [], resume: URL? = nil, session: RunSession.Options = RunSession.Options(),
        preset: String = "tuned"
    ) {
        self.environmentID = environmentID
        self.preset = preset
        self.seed = seed
        self.totalSteps = totalSteps
        self.configFile = configFile
        self.overrides = overrides
        self.resume = resume
        self.session = session
    }
}

/// What a finished run reports.
public struct TrainingOutcome {
    /// The run directory.
    public var run: RunDirectory
    /// The resolved config as YAML.
    public var configYAML: String
    /// Environment steps at the end.
    public var finalStep: Int
    /// Wall seconds of this invocation (evaluations included).
    public var wallSeconds: Double
    /// Every evaluation, in order; the last one is the final evaluation.
    public var evaluations: [EvaluationRecord]
    /// The first evaluation that reached `evaluation.stopAtReturn`, if set and reached.
    public var firstReached: EvaluationRecord?
    /// The newest checkpoint written.
    public var checkpoint: CheckpointFiles?
}
