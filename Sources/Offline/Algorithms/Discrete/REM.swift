import RLCore
import Tensor
import Tracking

/// REM's hyper-parameters (Schweighofer et al. 2022 §4; Agarwal et al. 2020).
public struct REMConfig: Codable, Equatable, Sendable {
    /// Shared Q-learning settings.
    public var shared = DiscreteQSettings()
    /// K: Q heads (paper: 200).
    public var heads = 200

    /// The paper's defaults.
    public init() {}
}

/// Random Ensemble Mixture (Agarwal et al. 2020): K Q heads mixed with a random convex combination α (α_k ~ U(0,
/// 1), normalised) drawn each update; Huber loss of the mixture to the double-DQN target of the mixture; acts
/// greedily on the mean over heads.
///
/// One α serves the online and the target mixture of an update (Agarwal et al.'s definition); the study's
/// `rem.py` draws a fresh α at every forward pass.
public final class REM: OfflineAlgorithm {
    public static let name = "rem"
    public static var actionKind: OfflineActionKind { .discrete }
    public let config: REMConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// The K-head network (outputs `[B, K · n]`, head-major) and its target.
    public let core: DiscreteQCore
    private var rng: Xoshiro256StarStar

    public init(config: REMConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.heads > 0 else {
            throw OfflineAlgorithmError("\(Self.name).heads must be positive (paper: 200), got \(config.heads)")
        }
        let root = Xoshiro256StarStar(seed: seed)
        var networks = root.derived("networks")
        core = try DiscreteQCore(
            Self.name, settings: config.shared, problem: problem, estimates: config.heads, withTarget: true,
            using: &networks)
        rng = root.derived("mixture")
        self.config = config
        self.problem = problem
    }

    public var modules: [(name: String, module: Module)] { DiscreteQLearning.modules(core) }
    public var optimizers: [(name: String, optimizer: any Optimizer)] { [("q", core.optimizer)] }
    public var generators: [Xoshiro256StarStar] {
        get { [rng] }
        set { if let first = newValue.first { rng = first } }
    }

    /// Σ_k α_k Q_k of a head-major output `[B, K · n]`: `[B, n]`.
    public static func mixture(_ output: Tensor, weights: [Float], actions n: Int) -> Tensor {
        let k = weights.count
        return (output.reshaped([output.shape[0], k, n]) * Tensor(weights, shape: [1, k, 1])).sum(axis: 1)
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let (s, next, actions) = DiscreteQCore.tensors(batch, observationDimension: problem.observationDimension)
        let n = core.actionCount
        var alpha = (0..<config.heads).map { _ in Float(rng.nextDouble()) }
        let total = alpha.reduce(0, +)
        alpha = alpha.map { $0 / max(total, .leastNormalMagnitude) }
        let targets: [Float] = withNoGrad {
            DiscreteLoss.doubleQTargets(
                rewards: batch.rewards, bootstrap: core.bootstrap(batch),
                onlineNext: Self.mixture(core.q(next), weights: alpha, actions: n),
                targetNext: Self.mixture((core.target ?? core.q)(next), weights: alpha, actions: n))
        }
        let (loss, gradients) = valueAndGrad(core.q) { q in
            DiscreteLoss.td(
                Self.mixture(q(s), weights: alpha, actions: n), actions: actions, targets: targets,
                delta: config.shared.huberDelta)
        }
        core.optimizer.update(core.q, gradients: gradients)
        updateCount += 1
        try core.snapTarget(after: updateCount)
        return [Metric(MetricTag.qfLoss, Double(loss.item()))]
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        withNoGrad {
            let output = core.q(Tensor(observations, shape: [count, problem.observationDimension]))
            let uniform = [Float](repeating: 1 / Float(config.heads), count: config.heads)
            return Self.mixture(output, weights: uniform, actions: core.actionCount).argmax(axis: 1).map(Float.init)
        }
    }
}
