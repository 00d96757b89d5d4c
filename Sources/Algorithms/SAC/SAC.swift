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
public final class SAC: ConfigurableAlgorithm, OffPolicyLearner, OffPolicyParts {
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
    /// gSDE: one exploration matrix θ_ε per sub-environment, and behaviour steps since they were drawn.
    private var explorationMatrices: [Tensor] = []
    private var stepsSinceNoise = 0

    public var stepCount: Int { runner.stepCount }
    public var actionSpace: Space { runner.environment.vector.singleActionSpace }
    public var observationSize: Int { runner.environment.observationSize }

    public convenience init(config: SACConfig, environment: EnvironmentConfig, seed: UInt64) throws {
        try self.init(config: config, environment: environment,
                      runner: try OffPolicyRunner(environment: environment, settings: config.offPolicy, seed: seed),
                      seed: seed)
    }

    public convenience init(checkpoint: TrainingCheckpoint) throws {
        let restored = try Self.restoredRunner(from: checkpoint)
        try self.init(config: restored.config, environment: restored.environment, runner: restored.runner,
                      seed: restored.seed)
        try restoreParts(from: checkpoint)
        if actor.usesSDE {
            stepsSinceNoise = try CheckedDecoding.integer(
                restored.state.extra["sde_steps_since_noise"] ?? 0, field: "state.extra.sde_steps_since_noise",
                file: "checkpoint sidecar", range: 0...Int(Int32.max))
            explorationMatrices = (0..<runner.environment.count).compactMap { checkpoint.tensors["sde.exploration.\($0)"] }
        }
    }

    private init(config: SACConfig, environment: EnvironmentConfig, runner: OffPolicyRunner, seed: UInt64) throws {
        try config.offPolicy.validate(algorithm: Self.name)
        try runner.requireBoxActions(algorithm: Self.name, environmentID: environment.id)
        try validatePolyakCoefficient(config.tau, algorithm: Self.name)
        self.config = config
        self.environment = environment
        self.runner = runner
        let o = runner.environment.observationSize, a = runner.actionSize
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        actor = SquashedGaussianActor(observationSize: o, actionSize: a, hidden: config.hiddenSizes,
                                      logStdMin: config.logStdMin, logStdMax: config.logStdMax,
                                      sdeLogStdInit: config.useSDE ? config.sdeLogStdInit : nil,
                                      clipMean: config.sdeClipMean, using: &rng)
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

    var savedModules: [(module: Module, prefix: String)] {
        [(actor, "actor"), (critic, "critic"), (criticTarget, "critic_target"), (entropy, "entropy")]
    }

    var savedOptimizers: [(optimizer: any Optimizer, prefix: String)] {
        [(actorOptimizer, "optimizer.actor"), (criticOptimizer, "optimizer.critic"), (entropyOptimizer, "optimizer.entropy")]
    }

    var savedTensors: [String: Tensor] {
        Dictionary(uniqueKeysWithValues: explorationMatrices.enumerated().map { ("sde.exploration.\($0)", $1) })
    }

    var savedScalars: [String: Double] { actor.usesSDE ? ["sde_steps_since_noise": Double(stepsSinceNoise)] : [:] }

    public static var defaultConfig: SACConfig { SACConfig() }

    public func learn(totalSteps: Int, callbacks: [any TrainingCallback]) throws {
        try runner.learn(totalSteps: totalSteps, callbacks: callbacks, algorithm: self, learner: self)
    }

    public func predict(observations: [Float], count: Int, deterministic: Bool) -> [Float] {
        runner.predict(observations: observations, count: count, deterministic: deterministic, learner: self)
    }

    public func checkpoint() throws -> TrainingCheckpoint { try makeCheckpoint() }

    func explorationActions(observations: [Float], count: Int, step: Int, using rng: inout Xoshiro256StarStar)
        -> [Float]
    {
        guard actor.usesSDE else {
            return policyActions(observations: observations, count: count, deterministic: false, using: &rng)
        }
        // SB3 draws new matrices at the start of every rollout (train_freq steps) or every sde_sample_freq steps.
        let period = config.sdeSampleFrequency > 0 ? config.sdeSampleFrequency : config.trainFrequency
        if stepsSinceNoise % period == 0 || explorationMatrices.count != count {
            explorationMatrices = (0..<count).map { _ in actor.sampleExplorationMatrix(using: &rng) }
            stepsSinceNoise = 0
        }
        stepsSinceNoise += 1
        let o = observationSize
        return (0..<count).flatMap { i in
            actor.explorationAction(
                Tensor(Array(observations[(i * o)..<((i + 1) * o)]), shape: [1, o]), matrix: explorationMatrices[i]
            ).floats
        }
    }

    func policyActions(observations: [Float], count: Int, deterministic: Bool, using rng: inout Xoshiro256StarStar)
        -> [Float]
    {
        withNoGrad {
            let x = Tensor(observations, shape: [count, observationSize])
            return deterministic ? actor.distribution(x).mode.floats : actor.sampleWithLogProb(x, using: &rng).action.floats
        }
    }

    /// One SAC gradient step: the soft target (actor on s', target critics), the fused twin critics, the actor
    /// against the updated critics (its log π also feeds the α loss), α, then the Polyak target update.
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
            let (nextActions, nextLogProb) = actor.sampleWithLogProb(nextObservations, using: &rng)
            return SACLoss.target(
                rewards: Tensor(batch.rewards), bootstrap: Tensor(batch.bootstrapFactors),
                nextMinQ: criticTarget.clippedDoubleQ(nextObservations, nextActions), nextLogProb: nextLogProb,
                alpha: alpha
            ).detached()
        }
        var q1Mean = 0.0
        let (criticLoss, criticGradients) = valueAndGrad(critic) { critic in
            let q = critic(observations, actions)
            let q1 = q[0]
            q1Mean = Double(q1.mean().item())
            return SACLoss.criticLoss(q1: q1, q2: q[1], target: target)
        }
        criticOptimizer.update(critic, gradients: criticGradients)

        var logProb = Tensor.zeros([b])
        let (actorLoss, actorGradients) = valueAndGrad(actor) { actor in
            let (sampled, lp) = actor.sampleWithLogProb(observations, using: &rng)
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
}
