import RLCore
import Tensor
import Tracking

/// Discrete behaviour cloning's hyper-parameters (Schweighofer et al. 2022: cross-entropy on the dataset actions).
public struct DiscreteBCConfig: Codable, Equatable, Sendable {
    /// Learning rate and network (paper: Adam 1e-4; γ and the target interval are unused).
    public var shared = DiscreteQSettings()

    /// The paper's defaults.
    public init() {}
}

/// Behaviour cloning for discrete actions: a softmax policy π_φ(a|s) trained by cross-entropy on the dataset's
/// actions; acts with argmax_a π_φ(a|s).
public final class DiscreteBC: OfflineAlgorithm {
    public static let name = "bc-discrete"
    public static var actionKind: OfflineActionKind { .discrete }
    public let config: DiscreteBCConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Logits of π_φ (the shared core's network, without a target).
    public let core: DiscreteQCore

    public init(config: DiscreteBCConfig, problem: OfflineProblem, seed: UInt64) throws {
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        core = try DiscreteQCore(Self.name, settings: config.shared, problem: problem, withTarget: false, using: &rng)
        self.config = config
        self.problem = problem
    }

    public var modules: [(name: String, module: Module)] { [("actor", core.q)] }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("actor", core.optimizer)] }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let (s, _, actions) = DiscreteQCore.tensors(batch, observationDimension: problem.observationDimension)
        let (loss, gradients) = valueAndGrad(core.q) { policy in
            DiscreteLoss.crossEntropy(logits: policy(s), actions: actions)
        }
        core.optimizer.update(core.q, gradients: gradients)
        updateCount += 1
        return [Metric(OfflineMetricTag.bcLoss, Double(loss.item()))]
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        core.greedy(observations, count: count, dimension: problem.observationDimension)
    }
}
