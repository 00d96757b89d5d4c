import Environments
import Foundation
import Tensor
import Tracking

/// The one surface every SwiftRL algorithm offers (Stable-Baselines3's `learn` / `predict` / `save` / `load`),
/// type-erased so callbacks, evaluation and the command line can drive any algorithm.
///
/// ```swift
/// let ppo = try PPO(config: PPOConfig(), environment: EnvironmentConfig(id: "CartPole-v1"), seed: 1)
/// try ppo.learn(totalSteps: 100_000, callbacks: [EvaluationCallback(every: 5_000, stopAtReturn: 475)])
/// let action = ppo.predict(observation, deterministic: true)
/// try ppo.save(to: URL(fileURLWithPath: "ppo_cartpole.safetensors"))
/// let again = try PPO.load(from: URL(fileURLWithPath: "ppo_cartpole.safetensors"))
/// ```
public protocol Algorithm: AnyObject {
    /// The registry name, e.g. `"ppo"`; also stored in checkpoints and run-directory names.
    static var name: String { get }
    /// The environment the algorithm trains on (id and vector/normalisation settings).
    var environment: EnvironmentConfig { get }
    /// Environment steps taken so far, summed over sub-environments (SB3 `num_timesteps`).
    var stepCount: Int { get }
    /// One sub-environment's action space (decides how ``predict(observations:count:deterministic:)`` is read).
    var actionSpace: Space { get }
    /// Floats per raw observation.
    var observationSize: Int { get }

    /// Trains until ``stepCount`` reaches `totalSteps` (an absolute count, so a resumed run passes the same
    /// total) or a callback returns ``CallbackDecision/stop``. Events go to `callbacks` in order.
    /// - Throws: environment errors, `NonFiniteValueError` for a NaN/Inf loss, or errors thrown by callbacks.
    func learn(totalSteps: Int, callbacks: [any TrainingCallback]) throws

    /// Actions for a batch of raw observations (the algorithm applies its own frozen normalisation).
    /// - Parameters:
    ///   - observations: `count × observationSize` floats, row-major.
    ///   - deterministic: the distribution's mode (argmax / mean) instead of a sample.
    /// - Returns: `count × actionSize` floats; discrete actions are whole numbers (step with `flatActions`).
    func predict(observations: [Float], count: Int, deterministic: Bool) -> [Float]

    /// Everything needed to continue training bit for bit: weights and optimizer moments as tensors, and a JSON
    /// sidecar with config, spaces, normalisation statistics, RNG states and step counters.
    /// - Throws: `TrainingCheckpointError` if a value cannot be encoded.
    func checkpoint() throws -> TrainingCheckpoint
}

extension Algorithm {
    /// The action for one raw observation (SB3 `model.predict(obs, deterministic=True)`).
    public func predict(_ observation: [Float], deterministic: Bool = true) -> [Float] {
        predict(observations: observation, count: 1, deterministic: deterministic)
    }

    /// Writes ``checkpoint()`` as `url` (safetensors) plus the sidecar next to it (`.json`), each atomically.
    /// - Parameter url: the weights file, conventionally ending in `.safetensors`.
    /// - Throws: `TrainingCheckpointError` or `FileIOError`.
    public func save(to url: URL) throws {
        try checkpoint().write(to: CheckpointFiles(weights: url))
    }
}

/// An algorithm with a typed, `Codable` config: what the registry, `swiftrl train` and loading need.
public protocol ConfigurableAlgorithm: Algorithm {
    /// The algorithm's hyper-parameters (defaults from the paper / SB3, doc comments naming the symbol).
    associatedtype Config: Codable & Equatable & Sendable
    /// The hyper-parameters in use.
    var config: Config { get }
    /// A fresh algorithm: networks initialised from `seed`, environments created and reset.
    /// - Throws: `EnvironmentError` for an unknown id or unsupported spaces; `ConfigError`-style errors for bad values.
    init(config: Config, environment: EnvironmentConfig, seed: UInt64) throws
    /// An algorithm restored from a checkpoint written by ``Algorithm/checkpoint()``, ready to predict or to
    /// continue `learn` exactly where it stopped.
    /// - Throws: `TrainingCheckpointError` if the checkpoint belongs to another algorithm or does not fit.
    init(checkpoint: TrainingCheckpoint) throws
    /// The tuned preset for an environment (like RL Zoo's per-environment hyper-parameters), or `nil`.
    static func preset(for environmentID: String) -> RunPreset<Config>?
    /// Named preset families besides the tuned one (``RunPreset/tuned``), e.g. PPO's `cleanrl`; empty by default.
    static var presetNames: [String] { get }
    /// The preset of family `name` for an environment, or `nil` if the family has none for it. The default
    /// implementation knows only ``RunPreset/tuned`` (``preset(for:)``).
    static func preset(named name: String, for environmentID: String) -> RunPreset<Config>?
    /// The defaults used when there is no preset.
    static var defaultConfig: Config { get }
}

extension ConfigurableAlgorithm {
    public static var presetNames: [String] { [] }

    public static func preset(named name: String, for environmentID: String) -> RunPreset<Config>? {
        name == RunPreset<Config>.tuned ? preset(for: environmentID) : nil
    }

    /// Loads a checkpoint saved with ``Algorithm/save(to:)`` or by a training run.
    /// - Parameter url: a `.safetensors` or `.json` checkpoint file, or a run directory (its newest checkpoint).
    /// - Throws: `TrainingCheckpointError` or `FileIOError`.
    public static func load(from url: URL) throws -> Self {
        try Self(checkpoint: try TrainingCheckpoint.read(from: url))
    }
}
