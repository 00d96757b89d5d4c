import Environments
import Foundation
import RLCore
import Tensor
import Tracking

/// Proximal Policy Optimization (Schulman et al. 2017) with CleanRL's implementation details: separate
/// orthogonally initialised actor and critic, GAE, per-minibatch advantage normalisation, clipped surrogate and
/// (optionally) clipped value loss, entropy bonus, global gradient clipping, Adam ε = 1e-5, learning-rate and
/// clip-range annealing, target-KL early stop; discrete (categorical) and continuous (diagonal Gaussian) actions.
///
/// ```swift
/// let preset = try #require(PPO.preset(for: "CartPole-v1"))
/// let ppo = try PPO(config: preset.config, environment: preset.environment, seed: 1)
/// try ppo.learn(totalSteps: preset.totalSteps, callbacks: [])
/// ```
public final class PPO: ConfigurableAlgorithm {
    public static let name = "ppo"
    public let config: PPOConfig
    public let environment: EnvironmentConfig
    let runner: OnPolicyRunner
    let optimizer: Adam

    public var stepCount: Int { runner.stepCount }
    public var actionSpace: Space { runner.environment.vector.singleActionSpace }
    public var observationSize: Int { runner.environment.observationSize }
    /// The actor-critic being trained.
    public var policy: any ActorCriticPolicy { runner.policy }

    public init(config: PPOConfig, environment: EnvironmentConfig, seed: UInt64) throws {
        try Self.validate(config)
        self.config = config
        self.environment = environment
        runner = try OnPolicyRunner(
            environment: environment, network: config.network, steps: config.numSteps, gamma: config.gamma, seed: seed)
        optimizer = Adam(learningRate: config.learningRate, epsilon: config.adamEpsilon)
    }

    public init(checkpoint: TrainingCheckpoint) throws {
        let contents = try checkpoint.contents(algorithm: Self.name, config: PPOConfig.self, state: OnPolicyState.self)
        config = contents.config
        environment = contents.environment
        runner = try OnPolicyRunner(
            environment: contents.environment, network: config.network, steps: config.numSteps, gamma: config.gamma,
            seed: contents.header.seed, state: contents.state, checkpoint: checkpoint)
        optimizer = Adam(learningRate: config.learningRate, epsilon: config.adamEpsilon)
        try checkpoint.restore(optimizer, prefix: "optimizer")
    }

    public static var defaultConfig: PPOConfig { PPOConfig() }

    static func validate(_ config: PPOConfig) throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw EnvironmentError.invalidOption("ppo.\(message)") }
        }
        try check(config.numSteps > 0, "numSteps must be positive, got \(config.numSteps)")
        try check(config.minibatchSize > 0, "minibatchSize must be positive, got \(config.minibatchSize)")
        try check(config.epochs > 0, "epochs must be positive, got \(config.epochs)")
        try check(config.learningRate > 0, "learningRate must be positive, got \(config.learningRate)")
        try check(config.clipRange > 0, "clipRange must be positive, got \(config.clipRange)")
        try check((0...1).contains(config.gamma), "gamma must be in [0, 1], got \(config.gamma)")
        try check((0...1).contains(config.gaeLambda), "gaeLambda must be in [0, 1], got \(config.gaeLambda)")
    }

    public func learn(totalSteps: Int, callbacks: [any TrainingCallback]) throws {
        let start = Date(), startStep = runner.stepCount
        var stop = try callbacks.dispatch(.started(step: runner.stepCount), algorithm: self) == .stop
        let batchSteps = config.numSteps * environment.numEnvs
        let iterations = max((totalSteps + batchSteps - 1) / batchSteps, 1)
        while !stop && runner.stepCount < totalSteps {
            let fraction = max(1 - Double(runner.stepCount / batchSteps) / Double(iterations), 0)
            optimizer.learningRate = config.annealLearningRate ? fraction * config.learningRate : config.learningRate
            let clipRange = config.annealClipRange ? fraction * config.clipRange : config.clipRange
            if try runner.collect(gamma: config.gamma, lambda: config.gaeLambda, callbacks: callbacks, algorithm: self)
                == .stop
            {
                stop = true
            }
            var metrics = try update(clipRange: max(clipRange, 1e-8))
            runner.iterations += 1
            try runner.checkParameters()
            let seconds = max(Date().timeIntervalSince(start), 1e-9)
            metrics.append(Metric(MetricTag.stepsPerSecond, Double(runner.stepCount - startStep) / seconds))
            let event = TrainingEvent.iterationFinished(step: runner.stepCount, metrics: metrics)
            if try callbacks.dispatch(event, algorithm: self) == .stop { stop = true }
        }
        _ = try callbacks.dispatch(.finished(step: runner.stepCount), algorithm: self)
    }

    /// K epochs of minibatch updates on the collected rollout; CleanRL's metrics (last minibatch's losses).
    func update(clipRange: Double) throws -> [Metric] {
        let buffer = runner.buffer
        let indices = buffer.validIndices
        guard !indices.isEmpty else { return [] }
        let size = buffer.observationSize, width = buffer.actionSize
        var last = PPOLossStatistics(
            policyLoss: 0, valueLoss: 0, entropy: 0, oldApproxKL: 0, approxKL: 0, clipFraction: 0)
        var clipFractions: [Double] = []
        epochs: for _ in 0..<config.epochs {
            let order = randomPermutation(indices.count, using: &runner.rng)
            var start = 0
            while start < order.count {
                let chosen = order[start..<min(start + config.minibatchSize, order.count)].map { indices[$0] }
                start += config.minibatchSize
                var observations = [Float](), actions = [Float]()
                observations.reserveCapacity(chosen.count * size)
                actions.reserveCapacity(chosen.count * width)
                for i in chosen {
                    observations.append(contentsOf: buffer.observations[(i * size)..<((i + 1) * size)])
                    actions.append(contentsOf: buffer.actions[(i * width)..<((i + 1) * width)])
                }
                var advantages = chosen.map { buffer.advantages[$0] }
                if config.normalizeAdvantages { advantages = normalizedAdvantages(advantages) }
                let batch = PPOMinibatch(
                    oldLogProbs: Tensor(chosen.map { buffer.logProbs[$0] }),
                    advantages: Tensor(advantages.map(Float.init)),
                    returns: Tensor(chosen.map { Float(buffer.returns[$0]) }),
                    oldValues: Tensor(chosen.map { Float(buffer.values[$0]) }))
                let input = Tensor(observations, shape: [chosen.count, size])
                var statistics = last
                let (_, gradients) = valueAndGrad([runner.policy]) {
                    let evaluation = runner.policy.evaluate(input, actions: actions)
                    let result = ppoLoss(
                        newLogProbs: evaluation.logProbs, entropy: evaluation.entropy, newValues: evaluation.values,
                        batch: batch, clipRange: clipRange, clipValueLoss: config.clipValueLoss,
                        entropyCoefficient: config.entropyCoefficient, valueCoefficient: config.valueCoefficient)
                    statistics = result.statistics
                    return result.loss
                }
                try NonFiniteValueError.check(
                    [MetricTag.policyLoss: statistics.policyLoss, MetricTag.valueLoss: statistics.valueLoss],
                    step: runner.stepCount)
                last = statistics
                clipFractions.append(statistics.clipFraction)
                let clipped = try gradients[0].clippedCheckingFinite(
                    config.maxGradNorm, owner: "policy", step: runner.stepCount)
                optimizer.update(runner.policy, gradients: clipped)
            }
            if let targetKL = config.targetKL, last.approxKL > targetKL { break epochs }
        }
        var metrics = [
            Metric(MetricTag.learningRate, optimizer.learningRate),
            Metric(MetricTag.valueLoss, last.valueLoss),
            Metric(MetricTag.policyLoss, last.policyLoss),
            Metric(MetricTag.entropy, last.entropy),
            Metric(MetricTag.oldApproxKL, last.oldApproxKL),
            Metric(MetricTag.approxKL, last.approxKL),
            Metric(MetricTag.clipFraction, clipFractions.reduce(0, +) / Double(max(clipFractions.count, 1))),
        ]
        if let variance = runner.explainedVarianceMetric(indices) { metrics.append(variance) }
        return metrics
    }

    public func predict(observations: [Float], count: Int, deterministic: Bool) -> [Float] {
        runner.predict(observations: observations, count: count, deterministic: deterministic)
    }

    public func checkpoint() throws -> TrainingCheckpoint {
        try runner.checkpoint(algorithm: Self.name, optimizer: optimizer, environment: environment, algorithmConfig: config)
    }
}
