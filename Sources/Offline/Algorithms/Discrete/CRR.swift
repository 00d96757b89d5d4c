import RLCore
import Tensor
import Tracking

/// CRR's hyper-parameters (Schweighofer et al. 2022 §4; Wang et al. 2020).
public struct CRRConfig: Codable, Equatable, Sendable {
    /// Shared Q-learning settings (the target interval also snaps the target policy).
    public var shared = DiscreteQSettings()
    /// m: policy samples in the advantage baseline (1/m) Σ_j Q(s, a_j) (paper: 4).
    public var samples = 4
    /// β: temperature of the `exp` filter; the paper uses the binary filter, where β has no effect (paper: 1).
    public var beta = 1.0

    /// The paper's defaults.
    public init() {}
}

/// Critic Regularized Regression (Wang et al. 2020) with the binary filter, as in the study's `crr.py`: the
/// policy imitates dataset actions whose advantage Q(s, a) − (1/m) Σ_j Q(s, a_j), a_j ~ π(·|s), is positive; the
/// critic regresses (Huber) on r + γ(1 − d) Q_target(s′, a′), a′ ~ π_target(·|s′). Acts with the policy's mode
/// (the authors' evaluation samples from π; the mode keeps SwiftRL's offline evaluation deterministic).
public final class CRR: OfflineAlgorithm {
    public static let name = "crr"
    public static var actionKind: OfflineActionKind { .discrete }
    public let config: CRRConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// Q and its target.
    public let core: DiscreteQCore
    /// π (logits) and its target.
    public let actor: MLP
    let actorTarget: MLP
    let actorOptimizer: Adam
    private var rng: Xoshiro256StarStar

    public init(config: CRRConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.samples > 0 else {
            throw OfflineAlgorithmError("\(Self.name).samples (m) must be positive (paper: 4), got \(config.samples)")
        }
        guard config.beta > 0 else {
            throw OfflineAlgorithmError("\(Self.name).beta must be positive, got \(config.beta)")
        }
        let root = Xoshiro256StarStar(seed: seed)
        var networks = root.derived("networks")
        core = try DiscreteQCore(
            Self.name, settings: config.shared, problem: problem, withTarget: true, using: &networks)
        let n = core.actionCount
        let d = problem.observationDimension
        actor = DiscreteQCore.network(d, outputs: n, settings: config.shared, using: &networks)
        actorTarget = DiscreteQCore.network(d, outputs: n, settings: config.shared, using: &networks)
        try actorTarget.copyParameters(from: actor)
        actorOptimizer = Adam(learningRate: config.shared.learningRate)
        rng = root.derived("samples")
        self.config = config
        self.problem = problem
    }

    public var modules: [(name: String, module: Module)] {
        DiscreteQLearning.modules(core) + [("actor", actor), ("actor_target", actorTarget)]
    }
    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("q", core.optimizer), ("actor", actorOptimizer)]
    }
    public var generators: [Xoshiro256StarStar] {
        get { [rng] }
        set { if let first = newValue.first { rng = first } }
    }

    /// `count` actions per row drawn from softmax(logits `[B, n]`).
    static func sample(_ logits: Tensor, count: Int, using rng: inout Xoshiro256StarStar) -> [[Int]] {
        let n = logits.shape[1]
        let p = softmax(logits, axis: 1).floats
        return (0..<logits.shape[0]).map { i in
            (0..<count).map { _ in
                var u = Float(rng.nextDouble()), a = 0
                while a < n - 1, u >= p[i * n + a] {
                    u -= p[i * n + a]
                    a += 1
                }
                return a
            }
        }
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let (s, next, actions) = DiscreteQCore.tensors(batch, observationDimension: problem.observationDimension)
        let weights: [Float] = withNoGrad {
            DiscreteLoss.crrBinaryWeights(
                q: core.q(s), actions: actions, sampled: Self.sample(actor(s), count: config.samples, using: &rng))
        }
        let (policyLoss, policyGradients) = valueAndGrad(actor) { pi in
            DiscreteLoss.weightedCrossEntropy(logits: pi(s), actions: actions, weights: weights)
        }
        actorOptimizer.update(actor, gradients: policyGradients)
        let targets: [Float] = withNoGrad {
            let nextActions = Self.sample(actorTarget(next), count: 1, using: &rng).map { $0[0] }
            return DiscreteLoss.sarsaTargets(
                rewards: batch.rewards, bootstrap: core.bootstrap(batch), next: (core.target ?? core.q)(next),
                nextActions: nextActions)
        }
        let (tdLoss, gradients) = valueAndGrad(core.q) { q in
            DiscreteLoss.td(q(s), actions: actions, targets: targets, delta: config.shared.huberDelta)
        }
        core.optimizer.update(core.q, gradients: gradients)
        updateCount += 1
        try core.snapTarget(after: updateCount)
        if updateCount % config.shared.targetUpdateInterval == 0 { try actorTarget.copyParameters(from: actor) }
        let kept = Double(weights.reduce(0, +)) / Double(max(weights.count, 1))
        return [
            Metric(MetricTag.qfLoss, Double(tdLoss.item())), Metric(MetricTag.actorLoss, Double(policyLoss.item())),
            Metric("losses/filter_fraction", kept),
        ]
    }

    public func act(_ observations: [Float], count: Int) -> [Float] {
        withNoGrad {
            actor(Tensor(observations, shape: [count, problem.observationDimension])).argmax(axis: 1).map(Float.init)
        }
    }
}
