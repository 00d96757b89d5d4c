import RLCore
import Tensor
import Tracking

/// QR-DQN's hyper-parameters (Schweighofer et al. 2022 §4; Dabney et al. 2018).
public struct QRDQNConfig: Codable, Equatable, Sendable {
    /// Shared Q-learning settings.
    public var shared = DiscreteQSettings()
    /// N: quantiles per action (paper: 50).
    public var quantiles = 50

    /// The paper's defaults.
    public init() {}
}

/// Quantile-regression DQN (Dabney et al. 2018) on a fixed dataset: N quantiles θ_i(s, a) per action, targets
/// T_j = r + γ(1 − d) θ_target,j(s′, a′) with a′ = argmax_a mean_i θ_i(s′, a) of the online network, quantile
/// Huber loss (``DiscreteLoss/quantileHuber(current:target:kappa:)``); acts greedily on the quantile mean.
///
/// The loss uses the QR-DQN paper's midpoints τ̂_i = (2i − 1)/(2N) indexed by the predicted quantile; the study's
/// `qrdqn.py` uses i/N broadcast along the target axis.
public final class QRDQN: OfflineAlgorithm {
    public static let name = "qr-dqn"
    public static var actionKind: OfflineActionKind { .discrete }
    public let config: QRDQNConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// The quantile network (outputs `[B, n · N]`, action-major) and its target.
    public let core: DiscreteQCore

    public init(config: QRDQNConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.quantiles > 0 else {
            throw OfflineAlgorithmError("\(Self.name).quantiles must be positive (paper: 50), got \(config.quantiles)")
        }
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        core = try DiscreteQCore(
            Self.name, settings: config.shared, problem: problem, estimates: config.quantiles, withTarget: true,
            using: &rng)
        self.config = config
        self.problem = problem
    }

    public var modules: [(name: String, module: Module)] { DiscreteQLearning.modules(core) }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("q", core.optimizer)] }

    /// The N quantiles of action `actions[i]` in row i of `output [B, n · N]`, as `[B, N]`.
    static func quantiles(_ output: Tensor, actions: [Int], count n: Int) -> Tensor {
        output.gather(indices: actions.flatMap { a in (0..<n).map { a * n + $0 } }, axis: 1)
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let (s, next, actions) = DiscreteQCore.tensors(batch, observationDimension: problem.observationDimension)
        let n = core.actionCount, k = config.quantiles, b = batch.count
        let target: Tensor = withNoGrad {
            let nextActions = DiscreteLoss.meanOverEstimates(core.q(next), actions: n, estimates: k).argmax(axis: 1)
            let theta = Self.quantiles((core.target ?? core.q)(next), actions: nextActions, count: k).floats
            let bootstrap = core.bootstrap(batch)
            var values = theta
            for i in 0..<b {
                for j in 0..<k { values[i * k + j] = batch.rewards[i] + bootstrap[i] * theta[i * k + j] }
            }
            return Tensor(values, shape: [b, k])
        }
        var loss = 0.0
        let (_, gradients) = valueAndGrad(core.q) { q in
            // the loss's gradient w.r.t. θ in closed form (``DiscreteLoss/quantileHuberGradient``), back-propagated
            // through the network as Σ θ · ∂L/∂θ
            let theta = Self.quantiles(q(s), actions: actions, count: k)
            let fast = DiscreteLoss.quantileHuberGradient(
                current: theta.floats, target: target.floats, rows: b, quantiles: k,
                kappa: Float(config.shared.huberDelta))
            loss = fast.loss
            return (theta * Tensor(fast.gradient, shape: [b, k])).sum()
        }
        core.optimizer.update(core.q, gradients: gradients)
        updateCount += 1
        try core.snapTarget(after: updateCount)
        return [Metric("losses/quantile_loss", loss)]
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        withNoGrad {
            let output = core.q(Tensor(observations, shape: [count, problem.observationDimension]))
            return DiscreteLoss.meanOverEstimates(output, actions: core.actionCount, estimates: config.quantiles)
                .argmax(axis: 1).map(Float.init)
        }
    }
}
