import Environments

/// What every checkpoint sidecar starts with: enough to pick the algorithm and environment before decoding the rest.
public struct CheckpointHeader: Codable, Equatable, Sendable {
    /// The sidecar format this build writes.
    public static let currentFormatVersion = 1
    /// Format version of the sidecar.
    public var formatVersion: Int
    /// Registry name of the algorithm (`ppo`, `dqn`, …).
    public var algorithm: String
    /// The run seed every RNG stream was derived from.
    public var seed: UInt64
    /// Environment steps taken when the checkpoint was written.
    public var step: Int
    /// One sub-environment's observation space.
    public var observationSpace: Space
    /// One sub-environment's action space.
    public var actionSpace: Space

    /// A header in the current format.
    public init(algorithm: String, seed: UInt64, step: Int, observationSpace: Space, actionSpace: Space) {
        formatVersion = Self.currentFormatVersion
        self.algorithm = algorithm
        self.seed = seed
        self.step = step
        self.observationSpace = observationSpace
        self.actionSpace = actionSpace
    }
}

/// The JSON sidecar of a checkpoint: header, environment settings, the algorithm's config and its training state
/// (normalisation statistics, RNG states, counters, replay of the environments' actions, …).
public struct CheckpointSidecar<Config: Codable, State: Codable>: Codable {
    /// Algorithm, seed, step and spaces.
    public var header: CheckpointHeader
    /// The environment the run trained on.
    public var environment: EnvironmentConfig
    /// The algorithm's hyper-parameters.
    public var config: Config
    /// Algorithm-specific state needed to continue training exactly.
    public var state: State

    /// A sidecar.
    public init(header: CheckpointHeader, environment: EnvironmentConfig, config: Config, state: State) {
        self.header = header
        self.environment = environment
        self.config = config
        self.state = state
    }
}

/// Decodes only the parts every sidecar shares.
struct CheckpointPreamble: Decodable {
    var header: CheckpointHeader
    var environment: EnvironmentConfig
}
