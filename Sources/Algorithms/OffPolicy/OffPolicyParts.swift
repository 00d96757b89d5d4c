import Environments
import RLCore
import Tensor

/// An off-policy algorithm as the shared code sees it: its runner, and the networks and optimizers its checkpoint
/// holds under fixed prefixes (e.g. `critic_target`, `optimizer.actor`). Gives DQN, SAC and TD3 one way to build a
/// runner, check their action space, save a checkpoint and restore from one.
protocol OffPolicyParts: ConfigurableAlgorithm where Config: OffPolicyConfig {
    var runner: OffPolicyRunner { get }
    /// Networks with their checkpoint prefixes.
    var savedModules: [(module: Module, prefix: String)] { get }
    /// Optimizers with their checkpoint prefixes.
    var savedOptimizers: [(optimizer: any Optimizer, prefix: String)] { get }
    /// Extra tensors to save (e.g. gSDE exploration matrices), keyed by full name.
    var savedTensors: [String: Tensor] { get }
    /// Scalars saved in ``OffPolicyState/extra``.
    var savedScalars: [String: Double] { get }
}

extension OffPolicyParts {
    var savedTensors: [String: Tensor] { [:] }
    var savedScalars: [String: Double] { [:] }

    /// What a checkpoint restores before the algorithm's networks exist: config, environment, a runner with the
    /// replay buffer and streams restored, the run seed and the saved state.
    static func restoredRunner(from checkpoint: TrainingCheckpoint) throws
        -> (config: Config, environment: EnvironmentConfig, runner: OffPolicyRunner, seed: UInt64, state: OffPolicyState)
    {
        let contents = try checkpoint.contents(algorithm: Self.name, config: Config.self, state: OffPolicyState.self)
        let runner = try OffPolicyRunner(
            environment: contents.environment, settings: contents.config.offPolicy, state: contents.state,
            checkpoint: checkpoint)
        return (contents.config, contents.environment, runner, contents.header.seed, contents.state)
    }

    /// Loads every saved network and optimizer from `checkpoint`.
    func restoreParts(from checkpoint: TrainingCheckpoint) throws {
        for (module, prefix) in savedModules { try checkpoint.restore(module, prefix: prefix) }
        for (optimizer, prefix) in savedOptimizers { try checkpoint.restore(optimizer, prefix: prefix) }
    }

    /// The checkpoint of the current state: runner (replay, environment, streams), networks, optimizers, extras.
    func makeCheckpoint() throws -> TrainingCheckpoint {
        var tensors = runner.tensors.merging(savedTensors) { a, _ in a }
        for (module, prefix) in savedModules {
            tensors.merge(TrainingCheckpoint.tensors(of: module, prefix: prefix)) { a, _ in a }
        }
        for (optimizer, prefix) in savedOptimizers {
            tensors.merge(TrainingCheckpoint.tensors(of: optimizer, prefix: prefix)) { a, _ in a }
        }
        return try TrainingCheckpoint(
            sidecar: CheckpointSidecar(header: runner.header(algorithm: Self.name), environment: environment,
                                       config: config, state: runner.state(extra: savedScalars)),
            tensors: tensors)
    }
}

extension OffPolicyRunner {
    /// Checks that the action space is a box (SAC, TD3).
    /// - Throws: `EnvironmentError.invalidOption` naming the algorithm and environment.
    func requireBoxActions(algorithm: String, environmentID: String) throws {
        guard discreteActionCount == 0 else {
            throw EnvironmentError.invalidOption(
                "\(algorithm) needs a Box action space; \(environmentID) has Discrete actions (use dqn)")
        }
    }
}

/// Checks a Polyak coefficient.
/// - Throws: `EnvironmentError.invalidOption` if τ is outside (0, 1].
func validatePolyakCoefficient(_ tau: Double, algorithm: String) throws {
    guard tau > 0, tau <= 1 else {
        throw EnvironmentError.invalidOption("\(algorithm).tau must be in (0, 1], got \(tau)")
    }
}
