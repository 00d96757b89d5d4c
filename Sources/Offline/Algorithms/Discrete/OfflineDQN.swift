import RLCore
import Tensor
import Tracking

/// Offline DQN's hyper-parameters (Schweighofer et al. 2022 §4: Adam 1e-4, target snapped every 100 updates,
/// Huber loss).
public struct OfflineDQNConfig: Codable, Equatable, Sendable {
    /// Shared Q-learning settings.
    public var shared = DiscreteQSettings()

    /// The paper's defaults.
    public init() {}
}

/// DQN trained on a fixed dataset (the unconstrained baseline of the DQN family): Huber loss to the double-DQN
/// target r + γ(1 − d) Q_target(s′, argmax_a Q(s′, a)), as in the authors' `dqn.py`; acts greedily.
public final class OfflineDQN: OfflineAlgorithm {
    public static let name = "dqn"
    public static var actionKind: OfflineActionKind { .discrete }
    public let config: OfflineDQNConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Q and its target.
    public let core: DiscreteQCore

    public init(config: OfflineDQNConfig, problem: OfflineProblem, seed: UInt64) throws {
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        core = try DiscreteQCore(Self.name, settings: config.shared, problem: problem, withTarget: true, using: &rng)
        self.config = config
        self.problem = problem
    }

    public var modules: [(name: String, module: Module)] { DiscreteQLearning.modules(core) }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("q", core.optimizer)] }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let metrics = try DiscreteQLearning.step(core, batch: batch, dimension: problem.observationDimension, alpha: 0)
        updateCount += 1
        try core.snapTarget(after: updateCount)
        return metrics
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        core.greedy(observations, count: count, dimension: problem.observationDimension)
    }
}

/// The double-DQN update DQN and CQL share (CQL adds α · its penalty).
enum DiscreteQLearning {
    static func modules(_ core: DiscreteQCore) -> [(name: String, module: Module)] {
        [("q", core.q)] + (core.target.map { [("q_target", $0 as Module)] } ?? [])
    }

    /// One gradient step of Huber TD loss (+ α · conservative penalty when α > 0).
    static func step(_ core: DiscreteQCore, batch: TransitionBatch, dimension: Int, alpha: Double) throws -> [Metric] {
        let (s, next, actions) = DiscreteQCore.tensors(batch, observationDimension: dimension)
        let targets: [Float] = withNoGrad {
            DiscreteLoss.doubleQTargets(
                rewards: batch.rewards, bootstrap: core.bootstrap(batch), onlineNext: core.q(next),
                targetNext: (core.target ?? core.q)(next))
        }
        var td = 0.0, penalty = 0.0, meanQ = 0.0
        let (loss, gradients) = valueAndGrad(core.q) { q in
            let values = q(s)
            let tdLoss = DiscreteLoss.td(values, actions: actions, targets: targets, delta: core.settings.huberDelta)
            td = Double(tdLoss.item())
            meanQ = Double(DiscreteLoss.chosen(values, actions: actions).mean().item())
            guard alpha > 0 else { return tdLoss }
            let conservative = DiscreteLoss.conservativePenalty(values, actions: actions)
            penalty = Double(conservative.item())
            return tdLoss + conservative * alpha
        }
        core.optimizer.update(core.q, gradients: gradients)
        var metrics = [Metric(MetricTag.qfLoss, td), Metric(MetricTag.qf1Values, meanQ)]
        if alpha > 0 {
            metrics.append(Metric(OfflineMetricTag.conservativeLoss, penalty))
            metrics.append(Metric(OfflineMetricTag.criticTotalLoss, Double(loss.item())))
        }
        return metrics
    }
}
