import Environments
import Foundation
import RLCore
import Tensor
import Tracking

/// Twin Delayed DDPG (Fujimoto et al. 2018, arXiv:1802.09477): clipped double-Q critics, target policy
/// smoothing (σ̃ 0.2 clipped at 0.5), delayed actor and target updates (every d = 2 critic updates), Gaussian
/// exploration noise (σ 0.1); SB3's details (actions in [−1, 1] units, Polyak targets). Box actions only.
public final class TD3: ConfigurableAlgorithm, OffPolicyLearner, OffPolicyParts {
    public static let name = "td3"
    public let config: TD3Config
    public let environment: EnvironmentConfig
    let runner: OffPolicyRunner
    let actor: DeterministicActor
    let actorTarget: DeterministicActor
    let critic: TwinQNetwork
    let criticTarget: TwinQNetwork
    let actorOptimizer: Adam
    let criticOptimizer: Adam
    private var lastActorLoss = 0.0
    private var noise: ExplorationNoise

    public var stepCount: Int { runner.stepCount }
    public var actionSpace: Space { runner.environment.vector.singleActionSpace }
    public var observationSize: Int { runner.environment.observationSize }

    public convenience init(config: TD3Config, environment: EnvironmentConfig, seed: UInt64) throws {
        try self.init(config: config, environment: environment,
                      runner: try OffPolicyRunner(environment: environment, settings: config.offPolicy, seed: seed),
                      seed: seed)
    }

    public convenience init(checkpoint: TrainingCheckpoint) throws {
        let restored = try Self.restoredRunner(from: checkpoint)
        try self.init(config: restored.config, environment: restored.environment, runner: restored.runner,
                      seed: restored.seed)
        try restoreParts(from: checkpoint)
        lastActorLoss = restored.state.extra["actor_loss"] ?? 0
        if let state = checkpoint.tensors["exploration_noise"] { noise.restore(state.floats) }
    }

    private init(config: TD3Config, environment: EnvironmentConfig, runner: OffPolicyRunner, seed: UInt64) throws {
        try config.offPolicy.validate(algorithm: Self.name)
        try runner.requireBoxActions(algorithm: Self.name, environmentID: environment.id)
        guard config.preActivationPenalty >= 0, config.preActivationPenalty.isFinite else {
            throw EnvironmentError.invalidOption(
                "td3.preActivationPenalty must be a finite number ≥ 0 (0 = off), got \(config.preActivationPenalty)")
        }
        guard config.policyDelay > 0 else {
            throw EnvironmentError.invalidOption("td3.policyDelay must be positive, got \(config.policyDelay)")
        }
        try validatePolyakCoefficient(config.tau, algorithm: Self.name)
        self.config = config
        self.environment = environment
        self.runner = runner
        let o = runner.environment.observationSize, a = runner.actionSize
        var rng = Xoshiro256StarStar(seed: seed).derived("networks")
        actor = DeterministicActor(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &rng)
        actorTarget = DeterministicActor(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &rng)
        critic = TwinQNetwork(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &rng)
        criticTarget = TwinQNetwork(observationSize: o, actionSize: a, hidden: config.hiddenSizes, using: &rng)
        try actorTarget.copyParameters(from: actor)
        try criticTarget.copyParameters(from: critic)
        actorOptimizer = Adam(learningRate: config.learningRate)
        criticOptimizer = Adam(learningRate: config.learningRate)
        noise = ExplorationNoise(kind: config.explorationNoiseKind, sigma: config.explorationNoise,
                                 count: runner.environment.count, actionSize: a)
    }

    var savedModules: [(module: Module, prefix: String)] {
        [(actor, "actor"), (actorTarget, "actor_target"), (critic, "critic"), (criticTarget, "critic_target")]
    }

    var savedOptimizers: [(optimizer: any Optimizer, prefix: String)] {
        [(actorOptimizer, "optimizer.actor"), (criticOptimizer, "optimizer.critic")]
    }

    var savedTensors: [String: Tensor] {
        noise.kind == .ornsteinUhlenbeck ? ["exploration_noise": Tensor(noise.state, shape: [noise.state.count])] : [:]
    }

    var savedScalars: [String: Double] { ["actor_loss": lastActorLoss] }

    public static var defaultConfig: TD3Config { TD3Config() }

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
        noise.perturb(policyActions(observations: observations, count: count, deterministic: true, using: &rng),
                      using: &rng)
    }

    func episodesEnded(_ done: [Bool]) { noise.reset(done: done) }

    func policyActions(observations: [Float], count: Int, deterministic: Bool, using rng: inout Xoshiro256StarStar)
        -> [Float]
    {
        withNoGrad { actor(Tensor(observations, shape: [count, observationSize])).floats }
    }

    func train(batch: ReplayBatch, update: Int, step: Int, using rng: inout Xoshiro256StarStar) throws
        -> OffPolicyUpdate
    {
        let b = batch.size, o = observationSize, a = runner.actionSize
        let observations = Tensor(batch.observations, shape: [b, o])
        let nextObservations = Tensor(batch.nextObservations, shape: [b, o])
        let actions = Tensor(batch.actions, shape: [b, a])
        let target = withNoGrad {
            let noise = Tensor.normal([b, a], using: &rng)
            let next = TD3Loss.smoothedTargetActions(
                actorTarget(nextObservations), noise: noise, sigma: config.targetPolicyNoise,
                clip: config.targetNoiseClip)
            return TD3Loss.target(
                rewards: Tensor(batch.rewards), bootstrap: Tensor(batch.bootstrapFactors),
                nextMinQ: criticTarget.clippedDoubleQ(nextObservations, next)
            ).detached()
        }
        var q1Mean = 0.0
        let (criticLoss, criticGradients) = valueAndGrad(critic) { critic in
            let q = critic(observations, actions)
            let q1 = q[0]
            q1Mean = Double(q1.mean().item())
            return TD3Loss.criticLoss(q1: q1, q2: q[1], target: target)
        }
        criticOptimizer.update(critic, gradients: criticGradients)
        if (update + 1) % config.policyDelay == 0 {
            let (actorLoss, actorGradients) = valueAndGrad(actor) { actor in
                let preActivations = actor.preActivations(observations)
                return TD3Loss.actorLoss(q1: critic.q1(observations, DeterministicActor.squash(preActivations)),
                                         preActivations: preActivations, penalty: config.preActivationPenalty)
            }
            actorOptimizer.update(actor, gradients: actorGradients)
            lastActorLoss = Double(actorLoss.item())
            try criticTarget.softUpdate(from: critic, tau: config.tau)
            try actorTarget.softUpdate(from: actor, tau: config.tau)
        }
        try NonFiniteValueError.check(
            [MetricTag.qfLoss: Double(criticLoss.item()), MetricTag.actorLoss: lastActorLoss], step: step)
        return OffPolicyUpdate(
            metrics: [Metric(MetricTag.qf1Values, q1Mean), Metric(MetricTag.qfLoss, Double(criticLoss.item())),
                      Metric(MetricTag.actorLoss, lastActorLoss)],
            tdErrors: nil)
    }
}
