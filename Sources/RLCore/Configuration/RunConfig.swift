import Tracking

/// When and how a run evaluates its policy (the `evaluation:` section of a run config).
public struct EvaluationSettings: Codable, Equatable, Sendable {
    /// Steps between evaluations; 0 evaluates only at the end.
    public var every: Int
    /// Episodes per evaluation.
    public var episodes: Int
    /// The evaluation environment is seeded `seed + seedOffset`, apart from the training environments.
    public var seedOffset: UInt64
    /// Stop training once the mean evaluation return reaches this.
    public var stopAtReturn: Double?
    /// Evaluate the distribution's mode.
    public var deterministic: Bool

    /// Evaluation settings; defaults: every 10k steps, 10 deterministic episodes, no early stop.
    public init(
        every: Int = 10_000, episodes: Int = 10, seedOffset: UInt64 = 10_000, stopAtReturn: Double? = nil,
        deterministic: Bool = true
    ) {
        self.every = every
        self.episodes = episodes
        self.seedOffset = seedOffset
        self.stopAtReturn = stopAtReturn
        self.deterministic = deterministic
    }
}

/// The complete, resolved config of a training run — what `config.yaml` holds and what reruns it exactly:
///
/// ```yaml
/// algorithm: ppo
/// seed: 1
/// totalSteps: 100000
/// checkpointEvery: 25000
/// env: {id: CartPole-v1, numEnvs: 8, normalizeObservations: false, …}
/// evaluation: {every: 10000, episodes: 10, …}
/// ppo: {numSteps: 32, epochs: 20, …}          # the algorithm's own section, keyed by its name
/// ```
/// Overrides address it by dotted keys: `--set ppo.clipRange=0.1 --set env.numEnvs=16`.
public struct RunConfig<A: ConfigurableAlgorithm>: Codable, Equatable {
    /// The run seed; every RNG stream derives from it.
    public var seed: UInt64
    /// Training budget in environment steps.
    public var totalSteps: Int
    /// Steps between checkpoints (0: only at the end).
    public var checkpointEvery: Int
    /// The environment.
    public var env: EnvironmentConfig
    /// Periodic evaluation.
    public var evaluation: EvaluationSettings
    /// The algorithm's hyper-parameters, stored under the algorithm's name.
    public var hyperparameters: A.Config

    /// A run config.
    public init(
        seed: UInt64 = 1, totalSteps: Int, checkpointEvery: Int = 0, env: EnvironmentConfig,
        evaluation: EvaluationSettings = EvaluationSettings(), hyperparameters: A.Config
    ) {
        self.seed = seed
        self.totalSteps = totalSteps
        self.checkpointEvery = checkpointEvery
        self.env = env
        self.evaluation = evaluation
        self.hyperparameters = hyperparameters
    }

    /// The defaults for an environment: the algorithm's tuned preset if it has one, else its defaults with
    /// one sub-environment and a 100k-step budget.
    public static func defaults(for environmentID: String, seed: UInt64 = 1) -> RunConfig {
        fromPreset(A.preset(for: environmentID), environmentID: environmentID, seed: seed)
    }

    /// The defaults of the named preset family (``RunPreset/tuned`` is ``defaults(for:seed:)``).
    /// - Throws: `ConfigError.invalidValue` naming the families the algorithm has when `preset` is not one of them,
    ///   or when the family has no preset for this environment.
    public static func defaults(for environmentID: String, seed: UInt64 = 1, preset name: String) throws -> RunConfig {
        if name == RunPreset<A.Config>.tuned { return defaults(for: environmentID, seed: seed) }
        let known = [RunPreset<A.Config>.tuned] + A.presetNames
        guard A.presetNames.contains(name) else {
            throw ConfigError.invalidValue(
                key: "preset", found: name, reason: "\(A.name) has the presets \(known.joined(separator: ", "))",
                origin: "--preset")
        }
        guard let preset = A.preset(named: name, for: environmentID) else {
            throw ConfigError.invalidValue(
                key: "preset", found: name,
                reason: "\(A.name)'s \(name) preset has no values for \(environmentID); use --preset tuned or --config",
                origin: "--preset")
        }
        return fromPreset(preset, environmentID: environmentID, seed: seed)
    }

    private static func fromPreset(_ preset: RunPreset<A.Config>?, environmentID: String, seed: UInt64) -> RunConfig {
        if let preset {
            return RunConfig(
                seed: seed, totalSteps: preset.totalSteps, checkpointEvery: max(preset.totalSteps / 4, 1),
                env: preset.environment, hyperparameters: preset.config)
        }
        return RunConfig(
            seed: seed, totalSteps: 100_000, checkpointEvery: 25_000, env: EnvironmentConfig(id: environmentID),
            hyperparameters: A.defaultConfig)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let name = try container.decodeIfPresent(String.self, forKey: Key("algorithm")), name != A.name {
            throw DecodingError.dataCorruptedError(
                forKey: Key("algorithm"), in: container,
                debugDescription: "this config is for `\(name)`, not `\(A.name)`")
        }
        seed = try container.decode(UInt64.self, forKey: Key("seed"))
        totalSteps = try container.decode(Int.self, forKey: Key("totalSteps"))
        checkpointEvery = try container.decode(Int.self, forKey: Key("checkpointEvery"))
        env = try container.decode(EnvironmentConfig.self, forKey: Key("env"))
        evaluation = try container.decode(EvaluationSettings.self, forKey: Key("evaluation"))
        hyperparameters = try container.decode(A.Config.self, forKey: Key(A.name))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(A.name, forKey: Key("algorithm"))
        try container.encode(seed, forKey: Key("seed"))
        try container.encode(totalSteps, forKey: Key("totalSteps"))
        try container.encode(checkpointEvery, forKey: Key("checkpointEvery"))
        try container.encode(env, forKey: Key("env"))
        try container.encode(evaluation, forKey: Key("evaluation"))
        try container.encode(hyperparameters, forKey: Key(A.name))
    }
}
