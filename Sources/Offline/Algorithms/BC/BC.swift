import RLCore
import Tracking
import Tensor

/// Behaviour cloning's hyper-parameters (deterministic policy regressed on dataset actions; d3rlpy `BCConfig`).
public struct BCConfig: Codable, Equatable, Sendable {
    /// Adam learning rate (d3rlpy `BCConfig.learning_rate`: 1e-3).
    public var learningRate = 1e-3
    /// Hidden widths of the policy (256-256, the TD3+BC paper's baselines).
    public var hiddenSizes = [256, 256]

    /// The defaults.
    public init() {}
}

/// Behaviour cloning: a deterministic tanh policy π_φ minimising mean ‖π_φ(s) − a‖² over the dataset
/// (the BC baseline of TD3+BC/IQL; d3rlpy `BC` with `policy_type="deterministic"`).
public final class BC: OfflineAlgorithm {
    public static let name = "bc"
    public let config: BCConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// π_φ.
    public let policy: MLP
    let optimizer: Adam

    public init(config: BCConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.learningRate > 0, !config.hiddenSizes.isEmpty, config.hiddenSizes.allSatisfy({ $0 > 0 }) else {
            throw OfflineAlgorithmError("bc: learningRate and hidden widths must be positive")
        }
        self.config = config
        self.problem = problem
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        policy = MLP(
            [problem.observationDimension] + config.hiddenSizes + [problem.actionDimension], activation: .relu,
            outputActivation: .tanh, using: &rng)
        optimizer = Adam(learningRate: config.learningRate)
    }

    public var modules: [(name: String, module: Module)] { [("actor", policy)] }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("actor", optimizer)] }

    /// mean ‖π(s) − a‖² (PyTorch `mse_loss`: mean over batch and action entries).
    public static func loss(policyActions: Tensor, datasetActions: Tensor) -> Tensor {
        mseLoss(policyActions, datasetActions)
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let b = batch.count
        let s = Tensor(batch.observations, shape: [b, problem.observationDimension])
        let a = Tensor(batch.actions, shape: [b, problem.actionDimension])
        let (loss, gradients) = valueAndGrad(policy) { policy in Self.loss(policyActions: policy(s), datasetActions: a) }
        optimizer.update(policy, gradients: gradients)
        updateCount += 1
        return [Metric(OfflineMetricTag.bcLoss, Double(loss.item()))]
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        withNoGrad { policy(Tensor(observations, shape: [count, problem.observationDimension])).floats }
    }
}
