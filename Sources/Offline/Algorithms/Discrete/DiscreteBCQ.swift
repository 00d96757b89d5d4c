import RLCore
import Tensor
import Tracking

/// Discrete BCQ's hyper-parameters (Schweighofer et al. 2022 §4; Fujimoto et al. 2019b).
public struct DiscreteBCQConfig: Codable, Equatable, Sendable {
    /// Shared Q-learning settings.
    public var shared = DiscreteQSettings()
    /// τ: actions with π(a|s)/max π(·|s) ≤ τ are not considered (paper: 0.3).
    public var threshold = 0.3
    /// Weight of the logit penalty mean(logits²) added to the loss (paper code: 1e-2).
    public var logitPenalty = 1e-2

    /// The paper's defaults.
    public init() {}
}

/// The Q network and the imitation network of discrete BCQ, optimised together (one Adam over both, as in the
/// authors' `bcq.py`).
final class QAndActor: Module {
    let q: MLP
    let actor: MLP

    init(q: MLP, actor: MLP) {
        self.q = q
        self.actor = actor
    }
}

/// Discrete BCQ (Fujimoto et al. 2019b, "Benchmarking batch deep RL algorithms"): Q learned with Huber loss to
/// r + γ(1 − d) Q_target(s′, a′), a′ = the best-Q action among those the imitation network π_ω deems likely
/// (π(a|s′)/max π > τ); π_ω trained by cross-entropy with a 1e-2 logit penalty; acts with the same masked argmax.
public final class DiscreteBCQ: OfflineAlgorithm {
    public static let name = "bcq-discrete"
    public static var actionKind: OfflineActionKind { .discrete }
    public let config: DiscreteBCQConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Q and its target.
    public let core: DiscreteQCore
    /// The imitation network π_ω (logits).
    public let actor: MLP
    let both: QAndActor
    let optimizer: Adam

    public init(config: DiscreteBCQConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard (0...1).contains(config.threshold) else {
            throw OfflineAlgorithmError(
                "\(Self.name).threshold must be in [0, 1] (paper: 0.3), got \(config.threshold)")
        }
        guard config.logitPenalty >= 0 else {
            throw OfflineAlgorithmError(
                "\(Self.name).logitPenalty must be ≥ 0 (paper: 0.01), got \(config.logitPenalty)")
        }
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        core = try DiscreteQCore(Self.name, settings: config.shared, problem: problem, withTarget: true, using: &rng)
        actor = DiscreteQCore.network(
            problem.observationDimension, outputs: core.actionCount, settings: config.shared, using: &rng)
        both = QAndActor(q: core.q, actor: actor)
        optimizer = Adam(learningRate: config.shared.learningRate)
        self.config = config
        self.problem = problem
    }

    public var modules: [(name: String, module: Module)] { DiscreteQLearning.modules(core) + [("actor", actor)] }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("q_actor", optimizer)] }

    /// BCQ's total loss: Huber TD + cross-entropy + penalty · mean(logits²).
    public static func loss(
        q: Tensor, logits: Tensor, actions: [Int], targets: [Float], penalty: Double, delta: Double = 1
    ) -> (total: Tensor, td: Tensor, imitation: Tensor) {
        let td = DiscreteLoss.td(q, actions: actions, targets: targets, delta: delta)
        let imitation = DiscreteLoss.crossEntropy(logits: logits, actions: actions)
        return (td + imitation + logits.square().mean() * penalty, td, imitation)
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let (s, next, actions) = DiscreteQCore.tensors(batch, observationDimension: problem.observationDimension)
        let targets: [Float] = withNoGrad {
            let nextActions = DiscreteLoss.bcqActions(q: core.q(next), logits: actor(next), threshold: config.threshold)
            let values = DiscreteLoss.chosen((core.target ?? core.q)(next), actions: nextActions).floats
            let b = core.bootstrap(batch)
            return (0..<batch.count).map { batch.rewards[$0] + b[$0] * values[$0] }
        }
        var td = 0.0, imitation = 0.0
        let (loss, gradients) = valueAndGrad(both) { m in
            let parts = Self.loss(
                q: m.q(s), logits: m.actor(s), actions: actions, targets: targets, penalty: config.logitPenalty,
                delta: config.shared.huberDelta)
            td = Double(parts.td.item())
            imitation = Double(parts.imitation.item())
            return parts.total
        }
        optimizer.update(both, gradients: gradients)
        updateCount += 1
        try core.snapTarget(after: updateCount)
        return [
            Metric(MetricTag.qfLoss, td), Metric(OfflineMetricTag.bcLoss, imitation),
            Metric(OfflineMetricTag.criticTotalLoss, Double(loss.item())),
        ]
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        withNoGrad {
            let s = Tensor(observations, shape: [count, problem.observationDimension])
            return DiscreteLoss.bcqActions(q: core.q(s), logits: actor(s), threshold: config.threshold).map(Float.init)
        }
    }
}
