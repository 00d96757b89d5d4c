import RLCore
import Tensor
import Tracking

/// IQL's hyper-parameters (Kostrikov, Nair & Levine 2022, "Offline Reinforcement Learning with Implicit
/// Q-Learning", ICLR, arXiv:2110.06169, Appendix B for MuJoCo; official code `ikostrikov/implicit_q_learning`).
///
/// The official code does not normalise states; ``OfflineTrainer`` does by default for every algorithm (an affine
/// change of input the networks absorb) — set `trainer.normalizeStates: false` to match it exactly.
public struct IQLConfig: Codable, Equatable, Sendable {
    /// τ, the expectile of the value regression (MuJoCo 0.7).
    public var expectile = 0.7
    /// β, inverse temperature of advantage-weighted regression (MuJoCo 3.0).
    public var beta = 3.0
    /// Clip of the weight exp(β·(Q − V)) (official code `EXP_ADV_MAX`: 100).
    public var maxWeight = 100.0
    /// γ (0.99).
    public var gamma = 0.99
    /// Polyak coefficient of the target critics (α in the paper's code: 0.005).
    public var tau = 0.005
    /// Actor learning rate (3e-4), cosine-decayed to 0 over ``actorDecaySteps``.
    public var actorLearningRate = 3e-4
    /// Critic learning rate (3e-4).
    public var criticLearningRate = 3e-4
    /// Value learning rate (3e-4).
    public var valueLearningRate = 3e-4
    /// Updates over which the actor's learning rate follows a cosine to 0 (official code: `max_steps` = 1e6,
    /// `opt_decay_schedule="cosine"`); nil keeps it constant. `swiftrl offline train` sets it to `--steps`.
    public var actorDecaySteps: Int? = 1_000_000
    /// Hidden widths of all networks (256-256).
    public var hiddenSizes = [256, 256]
    /// Scale rewards by 1000 / (max − min episode return), as the official code does for locomotion.
    public var normalizeRewards = true

    /// The paper's MuJoCo defaults.
    public init() {}
}

/// Implicit Q-Learning (Kostrikov et al. 2022): V by expectile regression on target-critic values, Q by TD
/// toward r + γV(s′) (never querying out-of-dataset actions), and the policy by advantage-weighted regression
/// `−mean(min(exp(β(Q̄(s,a) − V(s))), 100)·log π(a|s))`. Update order as the official code: V, actor, Q, target.
public final class IQL: OfflineAlgorithm {
    public static let name = "iql"
    public let config: IQLConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// π_φ.
    public let actor: TanhMeanGaussianPolicy
    /// Q_θ1, Q_θ2.
    public let critic: TwinCritic
    /// Q̄.
    public let criticTarget: TwinCritic
    /// V_ψ.
    public let value: ValueNetwork
    let actorOptimizer: Adam
    let criticOptimizer: Adam
    let valueOptimizer: Adam

    public init(config: IQLConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.expectile > 0, config.expectile < 1, config.beta >= 0, config.maxWeight > 0, config.tau > 0,
            config.tau <= 1, config.actorLearningRate > 0, config.criticLearningRate > 0, config.valueLearningRate > 0,
            !config.hiddenSizes.isEmpty
        else {
            throw OfflineAlgorithmError(
                "iql: need expectile ∈ (0, 1), β ≥ 0, maxWeight > 0, τ ∈ (0, 1], positive learning rates")
        }
        self.config = config
        self.problem = problem
        let o = problem.observationDimension, a = problem.actionDimension
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        actor = TanhMeanGaussianPolicy(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &rng)
        critic = TwinCritic(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &rng)
        criticTarget = TwinCritic(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &rng)
        value = ValueNetwork(observationSize: o, hidden: config.hiddenSizes, using: &rng)
        try criticTarget.copyParameters(from: critic)
        actorOptimizer = Adam(learningRate: config.actorLearningRate)
        criticOptimizer = Adam(learningRate: config.criticLearningRate)
        valueOptimizer = Adam(learningRate: config.valueLearningRate)
    }

    public var modules: [(name: String, module: Module)] {
        [("actor", actor), ("critic", critic), ("critic_target", criticTarget), ("value", value)]
    }
    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("actor", actorOptimizer), ("critic", criticOptimizer), ("value", valueOptimizer)]
    }

    public func rewardTransform(for dataset: OfflineDataset) -> RewardTransform {
        config.normalizeRewards ? .returnRange(of: dataset) : .identity
    }

    /// The expectile loss mean(|τ − 1(u < 0)|·u²), u = Q − V.
    public static func expectileLoss(_ u: Tensor, expectile: Double) -> Tensor {
        let weight = u.less(Tensor.zeros(like: u)).detached() * (1 - 2 * expectile) + expectile
        return (weight * u.square()).mean()
    }

    /// The advantage weights min(exp(β·(Q − V)), maxWeight), detached.
    public static func advantageWeights(q: Tensor, v: Tensor, beta: Double, maxWeight: Double) -> Tensor {
        withNoGrad { clamp(exp((q - v) * beta), max: maxWeight).detached() }
    }

    /// The actor's learning rate at update `step`.
    public func actorLearningRate(at step: Int) -> Double {
        guard let steps = config.actorDecaySteps else { return config.actorLearningRate }
        return Schedule.cosine(start: config.actorLearningRate, end: 0, steps: steps).value(at: step)
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let b = TD3Core.Batch(
            batch, observationDimension: problem.observationDimension, actionDimension: problem.actionDimension,
            gamma: config.gamma)
        let targetQ = withNoGrad { criticTarget.minimumQ(b.observations, b.actions).detached() }
        // V by expectile regression toward min Q̄(s, a).
        let (valueLoss, valueGradients) = valueAndGrad(value) { v in
            Self.expectileLoss(targetQ - v(b.observations), expectile: config.expectile)
        }
        valueOptimizer.update(value, gradients: valueGradients)
        // Actor by advantage-weighted regression with the updated V.
        let v = withNoGrad { value(b.observations).detached() }
        let weights = Self.advantageWeights(q: targetQ, v: v, beta: config.beta, maxWeight: config.maxWeight)
        actorOptimizer.learningRate = actorLearningRate(at: updateCount)
        let (actorLoss, actorGradients) = valueAndGrad(actor) { actor in
            -(weights * actor.distribution(b.observations).logProb(b.actions)).mean()
        }
        actorOptimizer.update(actor, gradients: actorGradients)
        // Q toward r + γ(1 − d)·V(s′).
        let target = withNoGrad { (b.rewards + b.bootstrap * value(b.nextObservations)).detached() }
        var q1Mean = 0.0
        let (criticLoss, criticGradients) = valueAndGrad(critic) { critic in
            let (q1, q2) = critic.both(b.observations, b.actions)
            q1Mean = Double(q1.mean().item())
            return ((q1 - target).square() + (q2 - target).square()).mean()
        }
        criticOptimizer.update(critic, gradients: criticGradients)
        try criticTarget.softUpdate(from: critic, tau: config.tau)
        updateCount += 1
        return [
            Metric(MetricTag.qfLoss, Double(criticLoss.item())), Metric(MetricTag.qf1Values, q1Mean),
            Metric(OfflineMetricTag.valueLoss, Double(valueLoss.item())),
            Metric(MetricTag.actorLoss, Double(actorLoss.item())),
            Metric(MetricTag.learningRate, actorOptimizer.learningRate),
        ]
    }

    /// The policy's mean tanh μ(s).
    public func act(_ observations: [Float], count: Int) -> [Float] {
        withNoGrad { actor.net(Tensor(observations, shape: [count, problem.observationDimension])).floats }
    }
}
