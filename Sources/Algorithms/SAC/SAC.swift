import Environments
import Foundation
import RLCore
import Tensor
import Tracking

/// Soft Actor-Critic (Haarnoja et al. 2018, arXiv:1801.01290; automatic entropy tuning, arXiv:1812.05905) with
/// SB3's details: twin critics with Polyak-averaged targets (τ), a tanh-squashed Gaussian actor with the exact
/// log-det correction, α learned towards the target entropy −dim(A), one Adam per network. Box actions only.
///
/// ```swift
/// let preset = try #require(SAC.preset(for: "Pendulum-v1"))
/// let sac = try SAC(config: preset.config, environment: preset.environment, seed: 1)
/// try sac.learn(totalSteps: preset.totalSteps, callbacks: [])
/// ```
public final class SAC: ConfigurableAlgorithm, OffPolicyLearner {
    public static let name = "sac"
    public let config: SACConfig
    public let environment: EnvironmentConfig
    let runner: OffPolicyRunner
    let actor: SquashedGaussianActor
    let critic: TwinQNetwork
    let criticTarget: TwinQNetwork
    let entropy: LogEntropyCoefficient
    let actorOptimizer: Adam
    let criticOptimizer: Adam
    let entropyOptimizer: Adam
    /// H̄.
    let targetEntropy: Double

    public var stepCount: Int { runner.stepCount }
    public var actionSpace: Space { runner.environment.vector.singleActionSpace }
    public var observationSize: Int { runner.environment.observationSize }

    public convenience init(config: SACConfig, environment: EnvironmentConfig, seed: UInt64) throws {
        try self.init(config: config, environment: environment,
                      runner: try OffPolicyRunner(environment: environment, settings: config.offPolicy, seed: seed),
                      seed: seed)
    }

    public convenience init(checkpoint: TrainingCheckpoint) throws {
        let contents = try checkpoint.contents(algorithm: Self.name, config: SACConfig.self, state: OffPolicyState.self)
        let runner = try OffPolicyRunner(
            environment: contents.environment, settings: contents.config.offPolicy, state: contents.state,
            checkpoint: checkpoint)
        try self.init(config: contents.config, environment: contents.environment, runner: runner,
                      seed: contents.header.seed)
        for (module, prefix) in [(actor, "actor"), (critic, "critic"), (criticTarget, "critic_target"),
                                 (entropy, "entropy")] as [(Module, String)] {
            try checkpoint.restore(module, prefix: prefix)
        }
        try checkpoint.restore(actorOptimizer, prefix: "optimizer.actor")
        try checkpoint.restore(criticOptimizer, prefix: "optimizer.critic")
        try checkpoint.restore(entropyOptimizer, prefix: "optimizer.entropy")
    }

    private init(config: SACConfig, environment: EnvironmentConfig, runner: OffPolicyRunner, seed: UInt64) throws {
        try config.offPolicy.validate(algorithm: Self.name)
        guard runner.discreteActionCount == 0 else {
            throw EnvironmentError.invalidOption("sac needs a Box action space; \(environment.id) has Discrete actions (use dqn)")
        }
        guard config.tau > 0, config.tau <= 1 else {
            throw EnvironmentError.invalidOption("sac.tau must be in (0, 1], got \(config.tau)")
        }
        self.config = config
        self.environment = environment
        self.runner = runner
        let o = runner.environment.observationSize, a = runner.actionSize
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        actor = SquashedGaussianActor(observationSize: o, actionSize: a, hidden: config.hiddenSizes,
                                      logStdMin: config.logStdMin, logStdMax: config.logStdMax, using: &rng)
        critic = TwinQNetwork(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &rng)
        criticTarget = TwinQNetwork(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &rng)
        try criticTarget.copyParameters(from: critic)
        let initial: Double
        switch config.entropyCoefficient {
        case let .automatic(value), let .fixed(value): initial = value
        }
        guard initial > 0 else { throw EnvironmentError.invalidOption("sac.entropyCoefficient must be positive, got \(initial)") }
        entropy = LogEntropyCoefficient(initial: initial)
        targetEntropy = config.targetEntropy ?? -Double(a)
        actorOptimizer = Adam(learningRate: config.learningRate)
        criticOptimizer = Adam(learningRate: config.learningRate)
        entropyOptimizer = Adam(learningRate: config.learningRate)
    }

    public static var defaultConfig: SACConfig { SACConfig() }

    public func learn(totalSteps: Int, callbacks: [any TrainingCallback]) throws {
        try runner.learn(totalSteps: totalSteps, callbacks: callbacks, algorithm: self, learner: self)
    }

    public func predict(observations: [Float], count: Int, deterministic: Bool) -> [Float] {
        runner.predict(observations: observations, count: count, deterministic: deterministic, learner: self)
    }

    func explorationActions(observations: [Float], count: Int, step: Int, using rng: inout Xoshiro256StarStar)
        -> [Float]
    {
        policyActions(observations: observations, count: count, deterministic: false, using: &rng)
    }

    func policyActions(observations: [Float], count: Int, deterministic: Bool, using rng: inout Xoshiro256StarStar)
        -> [Float]
    {
        withNoGrad {
            let d = actor.distribution(Tensor(observations, shape: [count, observationSize]))
            return deterministic ? d.mode.floats : d.sample(using: &rng).floats
        }
    }

    func train(batch: ReplayBatch, update: Int, step: Int, using rng: inout Xoshiro256StarStar) throws
        -> OffPolicyUpdate
    {
        let b = batch.size, o = observationSize, a = runner.actionSize
        let observations = Tensor(batch.observations, shape: [b, o])
        let nextObservations = Tensor(batch.nextObservations, shape: [b, o])
        let actions = Tensor(batch.actions, shape: [b, a])
        let alpha = entropy.alpha
        // y = r + γᵏ(1 − d)(min Q̄(s', a') − α log π(a'|s'))
        let target = withNoGrad {
            let (nextActions, nextLogProb) = actor.distribution(nextObservations).rsampleWithLogProb(using: &rng)
            return SACLoss.target(
                rewards: Tensor(batch.rewards), bootstrap: Tensor(batch.bootstrapFactors),
                nextMinQ: criticTarget.clippedDoubleQ(nextObservations, nextActions), nextLogProb: nextLogProb,
                alpha: alpha
            ).detached()
        }
        var q1Mean = 0.0
        let (criticLoss, criticGradients) = valueAndGrad(critic) { critic in
            let q1 = critic.q1(observations, actions), q2 = critic.q2(observations, actions)
            q1Mean = Double(q1.mean().item())
            return SACLoss.criticLoss(q1: q1, q2: q2, target: target)
        }
        criticOptimizer.update(critic, gradients: criticGradients)

        var logProb = Tensor.zeros([b])
        let (actorLoss, actorGradients) = valueAndGrad(actor) { actor in
            let (sampled, lp) = actor.distribution(observations).rsampleWithLogProb(using: &rng)
            logProb = lp
            return SACLoss.actorLoss(logProb: lp, minQ: critic.clippedDoubleQ(observations, sampled), alpha: alpha)
        }
        actorOptimizer.update(actor, gradients: actorGradients)

        var metrics = [
            Metric(MetricTag.qf1Values, q1Mean), Metric(MetricTag.qfLoss, Double(criticLoss.item())),
            Metric(MetricTag.actorLoss, Double(actorLoss.item())), Metric(MetricTag.alpha, alpha),
        ]
        if case .automatic = config.entropyCoefficient {
            let detachedLogProb = logProb.detached()
            let (alphaLoss, alphaGradients) = valueAndGrad(entropy) { e in
                SACLoss.entropyCoefficientLoss(logAlpha: e.logAlpha, logProb: detachedLogProb,
                                               targetEntropy: targetEntropy)
            }
            entropyOptimizer.update(entropy, gradients: alphaGradients)
            metrics.append(Metric(MetricTag.alphaLoss, Double(alphaLoss.item())))
        }
        if (update + 1) % config.targetUpdateInterval == 0 {
            try criticTarget.softUpdate(from: critic, tau: config.tau)
        }
        try NonFiniteValueError.check(
            [MetricTag.qfLoss: Double(criticLoss.item()), MetricTag.actorLoss: Double(actorLoss.item())], step: step)
        return OffPolicyUpdate(metrics: metrics, tdErrors: nil)
    }

    public func checkpoint() throws -> TrainingCheckpoint {
        var tensors = runner.tensors
        for (module, prefix) in [(actor, "actor"), (critic, "critic"), (criticTarget, "critic_target"),
                                 (entropy, "entropy")] as [(Module, String)] {
            tensors.merge(TrainingCheckpoint.tensors(of: module, prefix: prefix)) { a, _ in a }
        }
        for (optimizer, prefix) in [(actorOptimizer, "optimizer.actor"), (criticOptimizer, "optimizer.critic"),
                                    (entropyOptimizer, "optimizer.entropy")] {
            tensors.merge(TrainingCheckpoint.tensors(of: optimizer, prefix: prefix)) { a, _ in a }
        }
        return try TrainingCheckpoint(
            sidecar: CheckpointSidecar(header: runner.header(algorithm: Self.name), environment: environment,
                                       config: config, state: runner.state()),
            tensors: tensors)
    }
}
