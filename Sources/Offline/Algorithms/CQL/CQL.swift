import Algorithms
import Foundation
import RLCore
import Tensor
import Tracking

/// CQL's hyper-parameters (Kumar et al. 2020, "Conservative Q-Learning for Offline Reinforcement Learning",
/// NeurIPS, arXiv:2006.04779, CQL(H) of eq. 4 with the importance-sampled log-sum-exp of Appendix F; defaults of
/// d3rlpy `CQLConfig` and the official code's Gym settings).
///
/// Differences from d3rlpy's defaults: α is fixed (d3rlpy also tunes a Lagrange multiplier with threshold 10);
/// states are normalised by ``OfflineTrainer`` unless `trainer.normalizeStates: false`.
public struct CQLConfig: Codable, Equatable, Sendable {
    /// α, weight of the conservative penalty (official Gym `min_q_weight` 5.0 = d3rlpy `conservative_weight`).
    /// Fixed (the official Gym runs use `with_lagrange=False`).
    public var conservativeWeight = 5.0
    /// N, actions sampled per state for each of: uniform, π(·|s), π(·|s′) (10).
    public var actionSamples = 10
    /// γ (0.99).
    public var gamma = 0.99
    /// τ, target Polyak coefficient (0.005).
    public var tau = 0.005
    /// Actor learning rate (d3rlpy 1e-4).
    public var actorLearningRate = 1e-4
    /// Critic learning rate (3e-4).
    public var criticLearningRate = 3e-4
    /// Entropy-temperature learning rate (d3rlpy `temp_learning_rate` 1e-4).
    public var temperatureLearningRate = 1e-4
    /// Initial entropy temperature (1.0).
    public var initialTemperature = 1.0
    /// H̄, target entropy; nil = −|A| (SAC's heuristic).
    public var targetEntropy: Double?
    /// Hidden widths of actor and critics (256-256).
    public var hiddenSizes = [256, 256]

    /// The defaults.
    public init() {}
}

/// Conservative Q-Learning, CQL(H) on SAC (Kumar et al. 2020): SAC with automatic entropy tuning, whose critics
/// additionally minimise α·(log Σ_a exp Q(s, a) − Q(s, a_data)), the log-sum-exp estimated by importance sampling
/// with N uniform actions (density 2^−|A|) and N actions each from π(·|s) and π(·|s′) (their log-probabilities
/// subtracted), all evaluated at s. The TD target is min Q′(s′, a′), a′ ~ π(·|s′), without the entropy bonus
/// (d3rlpy `soft_q_backup=False`).
public final class CQL: OfflineAlgorithm {
    public static let name = "cql"
    public let config: CQLConfig
    public let problem: OfflineProblem
    public var updateCount = 0
    /// π_φ.
    public let actor: SquashedGaussianPolicy
    /// Q_θ1, Q_θ2.
    public let critic: TwinCritic
    /// Q_θ′.
    public let criticTarget: TwinCritic
    /// log α (entropy temperature).
    public let temperature: LogScalar
    let actorOptimizer: Adam
    let criticOptimizer: Adam
    let temperatureOptimizer: Adam
    private var rng: Xoshiro256StarStar

    public init(config: CQLConfig, problem: OfflineProblem, seed: UInt64) throws {
        guard config.conservativeWeight >= 0, config.actionSamples > 0, config.tau > 0, config.tau <= 1,
            config.initialTemperature > 0, config.actorLearningRate > 0, config.criticLearningRate > 0,
            config.temperatureLearningRate >= 0, !config.hiddenSizes.isEmpty
        else {
            throw OfflineAlgorithmError(
                "cql: need α ≥ 0, actionSamples > 0, τ ∈ (0, 1], positive initial temperature and learning rates")
        }
        self.config = config
        self.problem = problem
        let o = problem.observationDimension, a = problem.actionDimension
        var init_ = Xoshiro256StarStar(seed: seed).derived("networks")
        actor = SquashedGaussianPolicy(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &init_)
        critic = TwinCritic(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &init_)
        criticTarget = TwinCritic(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &init_)
        try criticTarget.copyParameters(from: critic)
        temperature = LogScalar(initial: config.initialTemperature)
        actorOptimizer = Adam(learningRate: config.actorLearningRate)
        criticOptimizer = Adam(learningRate: config.criticLearningRate)
        temperatureOptimizer = Adam(learningRate: max(config.temperatureLearningRate, 1e-12))
        rng = Xoshiro256StarStar(seed: seed).derived("sampling")
    }

    public var generators: [Xoshiro256StarStar] {
        get { [rng] }
        set { if let first = newValue.first { rng = first } }
    }
    public var modules: [(name: String, module: Module)] {
        [("actor", actor), ("critic", critic), ("critic_target", criticTarget), ("temperature", temperature)]
    }
    public var optimizers: [(name: String, optimizer: any Optimizer)] {
        [("actor", actorOptimizer), ("critic", criticOptimizer), ("temperature", temperatureOptimizer)]
    }

    /// CQL(H)'s penalty for one critic: α·(mean_s logsumexp_j(values[s, j]) − mean Q(s, a_data)), where `values`
    /// `[B, 3N]` already holds Q(s, a_j) − log density(a_j).
    public static func conservativePenalty(sampledValues: Tensor, dataQ: Tensor, weight: Double) -> Tensor {
        (sampledValues.logSumExp(axis: 1).mean() - dataQ.mean()) * weight
    }

    /// Rows of `x` `[B, D]` each repeated `n` times consecutively → `[B·n, D]`.
    static func repeatRows(_ x: [Float], width: Int, times n: Int) -> [Float] {
        var out = [Float]()
        out.reserveCapacity(x.count * n)
        for row in 0..<(x.count / width) {
            let slice = x[row * width..<(row + 1) * width]
            for _ in 0..<n { out.append(contentsOf: slice) }
        }
        return out
    }

    public func update(_ batch: TransitionBatch) throws -> [Metric] {
        let o = problem.observationDimension, a = problem.actionDimension, n = config.actionSamples
        let count = batch.count
        let b = TD3Core.Batch(batch, observationDimension: o, actionDimension: a, gamma: config.gamma)
        let alpha = temperature.value
        // TD target: min Q′(s′, a′), a′ ~ π(·|s′).
        let target = withNoGrad {
            let next = actor.distribution(b.nextObservations).sample(using: &rng)
            return (b.rewards + b.bootstrap * criticTarget.minimumQ(b.nextObservations, next)).detached()
        }
        // Importance-sampling actions (no gradient to the actor): uniform, π(·|s), π(·|s′), all scored at s.
        let repeatedStates = Tensor(Self.repeatRows(batch.observations, width: o, times: n), shape: [count * n, o])
        let repeatedNext = Tensor(Self.repeatRows(batch.nextObservations, width: o, times: n), shape: [count * n, o])
        let (sampled, sampledLogDensity) = withNoGrad {
            let uniform = Tensor.uniform([count * n, a], low: -1, high: 1, using: &rng)
            let (current, currentLogProb) = actor.distribution(repeatedStates).rsampleWithLogProb(using: &rng)
            let (next, nextLogProb) = actor.distribution(repeatedNext).rsampleWithLogProb(using: &rng)
            let uniformLogDensity = Tensor.zeros([count * n]) + Double(a) * Foundation.log(0.5)
            return (
                concat([uniform, current.detached(), next.detached()], axis: 0),
                concat([uniformLogDensity, currentLogProb.detached(), nextLogProb.detached()], axis: 0)
            )
        }
        let statesThrice = concat([repeatedStates, repeatedStates, repeatedStates], axis: 0)
        var q1Mean = 0.0, tdLoss = 0.0, penalty = 0.0
        let (criticLoss, criticGradients) = valueAndGrad(critic) { critic in
            let (q1, q2) = critic.both(b.observations, b.actions)
            q1Mean = Double(q1.mean().item())
            let td = TD3Loss.criticLoss(q1: q1, q2: q2, target: target)
            let (s1, s2) = critic.both(statesThrice, sampled)
            // [3·B·N] in blocks (kind, state, sample) → [B, 3N] per state.
            func perState(_ q: Tensor) -> Tensor {
                (q - sampledLogDensity).reshaped([3, count, n]).permuted([1, 0, 2]).reshaped([count, 3 * n])
            }
            let c = Self.conservativePenalty(sampledValues: perState(s1), dataQ: q1, weight: config.conservativeWeight)
                + Self.conservativePenalty(sampledValues: perState(s2), dataQ: q2, weight: config.conservativeWeight)
            tdLoss = Double(td.item())
            penalty = Double(c.item())
            return td + c
        }
        criticOptimizer.update(critic, gradients: criticGradients)
        // SAC actor and temperature.
        var logProb = Tensor.zeros([count])
        let critic = self.critic
        var noise = rng
        let (actorLoss, actorGradients) = valueAndGrad(actor) { actor in
            let (action, lp) = actor.distribution(b.observations).rsampleWithLogProb(using: &noise)
            logProb = lp
            return SACLoss.actorLoss(logProb: lp, minQ: critic.minimumQ(b.observations, action), alpha: alpha)
        }
        rng = noise
        actorOptimizer.update(actor, gradients: actorGradients)
        let targetEntropy = config.targetEntropy ?? -Double(a)
        let detached = logProb.detached()
        if config.temperatureLearningRate > 0 {
            let (_, temperatureGradients) = valueAndGrad(temperature) { t in
                SACLoss.entropyCoefficientLoss(logAlpha: t.logValue, logProb: detached, targetEntropy: targetEntropy)
            }
            temperatureOptimizer.update(temperature, gradients: temperatureGradients)
        }
        try criticTarget.softUpdate(from: critic, tau: config.tau)
        updateCount += 1
        return [
            Metric(MetricTag.qfLoss, tdLoss), Metric(MetricTag.qf1Values, q1Mean),
            Metric(OfflineMetricTag.conservativeLoss, penalty), Metric(MetricTag.actorLoss, Double(actorLoss.item())),
            Metric(MetricTag.alpha, alpha), Metric(OfflineMetricTag.criticTotalLoss, Double(criticLoss.item())),
        ]
    }

    /// The deterministic action tanh(μ(s)).
    public func act(_ observations: [Float], count: Int) -> [Float] {
        withNoGrad { actor.distribution(Tensor(observations, shape: [count, problem.observationDimension])).mode.floats }
    }
}
