import Environments
import Foundation
import RLCore
import Tensor
import Tracking

/// Deep Q-Network (Mnih et al. 2015) with SB3's details — Huber loss, Adam, gradient-norm clipping, linear ε
/// schedule, hard target updates every C environment steps — and optional double DQN, dueling heads, n-step
/// returns and prioritized replay (``DQNConfig``). Discrete actions only.
///
/// ```swift
/// let preset = try #require(DQN.preset(for: "CartPole-v1"))
/// let dqn = try DQN(config: preset.config, environment: preset.environment, seed: 1)
/// try dqn.learn(totalSteps: preset.totalSteps, callbacks: [])
/// ```
public final class DQN: ConfigurableAlgorithm, OffPolicyLearner, OffPolicyParts {
    public static let name = "dqn"
    public let config: DQNConfig
    public let environment: EnvironmentConfig
    let runner: OffPolicyRunner
    let q: QNetwork
    let qTarget: QNetwork
    let optimizer: Adam
    private var epsilon = 1.0

    public var stepCount: Int { runner.stepCount }
    public var actionSpace: Space { runner.environment.vector.singleActionSpace }
    public var observationSize: Int { runner.environment.observationSize }

    public convenience init(config: DQNConfig, environment: EnvironmentConfig, seed: UInt64) throws {
        try self.init(config: config, environment: environment,
                      runner: try OffPolicyRunner(environment: environment, settings: config.offPolicy, seed: seed),
                      seed: seed)
    }

    public convenience init(checkpoint: TrainingCheckpoint) throws {
        let restored = try Self.restoredRunner(from: checkpoint)
        try self.init(config: restored.config, environment: restored.environment, runner: restored.runner,
                      seed: restored.seed)
        try restoreParts(from: checkpoint)
    }

    private init(config: DQNConfig, environment: EnvironmentConfig, runner: OffPolicyRunner, seed: UInt64) throws {
        try config.offPolicy.validate(algorithm: Self.name)
        guard runner.discreteActionCount > 0 else {
            throw EnvironmentError.invalidOption("dqn needs a Discrete action space; \(environment.id) has Box actions (use sac or td3)")
        }
        guard config.targetUpdateInterval > 0, config.tau > 0, config.tau <= 1 else {
            throw EnvironmentError.invalidOption("dqn.targetUpdateInterval must be positive and dqn.tau in (0, 1]")
        }
        self.config = config
        self.environment = environment
        self.runner = runner
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        let o = runner.environment.observationSize, a = runner.discreteActionCount
        q = QNetwork(observationSize: o, actionCount: a, hidden: config.hiddenSizes, dueling: config.dueling, using: &rng)
        qTarget = QNetwork(observationSize: o, actionCount: a, hidden: config.hiddenSizes, dueling: config.dueling,
                           using: &rng)
        try qTarget.copyParameters(from: q)
        optimizer = Adam(learningRate: config.learningRate)
    }

    public static var defaultConfig: DQNConfig { DQNConfig() }

    public func learn(totalSteps: Int, callbacks: [any TrainingCallback]) throws {
        epsilon = config.epsilon(step: runner.stepCount, totalSteps: totalSteps)
        try runner.learn(totalSteps: totalSteps, callbacks: callbacks, algorithm: self, learner: self)
    }

    public func predict(observations: [Float], count: Int, deterministic: Bool) -> [Float] {
        runner.predict(observations: observations, count: count, deterministic: deterministic, learner: self)
    }

    func environmentStepped(vectorSteps: Int, step: Int, totalSteps: Int) throws {
        epsilon = config.epsilon(step: step, totalSteps: totalSteps)
        // SB3: every max(C / numEnvs, 1) vector steps
        if vectorSteps % max(config.targetUpdateInterval / runner.environment.count, 1) == 0 {
            try qTarget.softUpdate(from: q, tau: config.tau)
        }
    }

    func explorationActions(observations: [Float], count: Int, step: Int, using rng: inout Xoshiro256StarStar)
        -> [Float]
    {
        // one ε draw for the whole vector step, as SB3's `predict` and CleanRL's dqn.py: either every
        // sub-environment explores this step or none does (identical to a per-environment draw with one env)
        guard rng.nextDouble() < epsilon else {
            return policyActions(observations: observations, count: count, deterministic: true, using: &rng)
        }
        return (0..<count).map { _ in Float(rng.int(below: runner.discreteActionCount)) }
    }

    func policyActions(observations: [Float], count: Int, deterministic: Bool, using rng: inout Xoshiro256StarStar)
        -> [Float]
    {
        withNoGrad { q(Tensor(observations, shape: [count, observationSize])).argmax(axis: 1).map(Float.init) }
    }

    func train(batch: ReplayBatch, update: Int, step: Int, using rng: inout Xoshiro256StarStar) throws
        -> OffPolicyUpdate
    {
        let b = batch.size, o = observationSize
        let observations = Tensor(batch.observations, shape: [b, o])
        let targets: [Float] = withNoGrad {
            let next = Tensor(batch.nextObservations, shape: [b, o])
            let values = DQNLoss.nextValues(targetQ: qTarget(next), onlineQ: config.doubleQ ? q(next) : nil)
            return DQNLoss.targets(rewards: batch.rewards, bootstrap: batch.bootstrapFactors, nextValues: values)
        }
        let target = Tensor(targets)
        let weights = Tensor(batch.weights)
        var predicted: [Float] = []
        let (loss, gradients) = valueAndGrad(q) { q in
            let chosen = q(observations).gather(indices: batch.discreteActions, axis: 1).reshaped([b])
            predicted = chosen.floats
            return DQNLoss.weightedHuber(chosen, target, weights: weights, delta: config.huberDelta)
        }
        let lossValue = Double(loss.item())
        try NonFiniteValueError.check([MetricTag.qfLoss: lossValue], step: step)
        optimizer.update(q, gradients: try gradients.clippedCheckingFinite(config.maxGradNorm, owner: "q", step: step))
        let meanQ = Double(predicted.reduce(0, +)) / Double(max(b, 1))
        return OffPolicyUpdate(
            metrics: [Metric("losses/td_loss", lossValue), Metric("losses/q_values", meanQ),
                      Metric("charts/epsilon", epsilon)],
            tdErrors: zip(predicted, targets).map { $0 - $1 })
    }

    var savedModules: [(module: Module, prefix: String)] { [(q, "q"), (qTarget, "q_target")] }

    var savedOptimizers: [(optimizer: any Optimizer, prefix: String)] { [(optimizer, "optimizer")] }

    public func checkpoint() throws -> TrainingCheckpoint { try makeCheckpoint() }
}
