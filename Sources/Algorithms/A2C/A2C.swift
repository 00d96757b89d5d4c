import Environments
import Foundation
import RLCore
import Tensor
import Tracking

/// Synchronous advantage actor-critic with SB3's details: one RMSprop step per rollout on all transitions,
/// loss = −mean(Â·log π) − c_ent·mean(H) + c_v·MSE(V, R), separate orthogonally initialised actor and critic.
public final class A2C: ConfigurableAlgorithm {
    public static let name = "a2c"
    public let config: A2CConfig
    public let environment: EnvironmentConfig
    let runner: OnPolicyRunner
    let optimizer: RMSprop

    public var stepCount: Int { runner.stepCount }
    public var actionSpace: Space { runner.environment.vector.singleActionSpace }
    public var observationSize: Int { runner.environment.observationSize }

    public init(config: A2CConfig, environment: EnvironmentConfig, seed: UInt64) throws {
        guard config.numSteps > 0, config.learningRate > 0 else {
            throw EnvironmentError.invalidOption("a2c.numSteps and a2c.learningRate must be positive")
        }
        self.config = config
        self.environment = environment
        runner = try OnPolicyRunner(
            environment: environment, network: config.network, steps: config.numSteps, gamma: config.gamma, seed: seed)
        optimizer = RMSprop(learningRate: config.learningRate, alpha: config.rmsPropAlpha, epsilon: config.rmsPropEpsilon)
    }

    public init(checkpoint: TrainingCheckpoint) throws {
        let contents = try checkpoint.contents(algorithm: Self.name, config: A2CConfig.self, state: OnPolicyState.self)
        config = contents.config
        environment = contents.environment
        runner = try OnPolicyRunner(
            environment: contents.environment, network: config.network, steps: config.numSteps, gamma: config.gamma,
            seed: contents.header.seed, state: contents.state, checkpoint: checkpoint)
        optimizer = RMSprop(learningRate: config.learningRate, alpha: config.rmsPropAlpha, epsilon: config.rmsPropEpsilon)
        try checkpoint.restore(optimizer, prefix: "optimizer")
    }

    public static var defaultConfig: A2CConfig { A2CConfig() }

    /// Tuned presets (RL Zoo `a2c.yml`): CartPole-v1 with 8 envs and no entropy bonus, 200k steps.
    public static func preset(for environmentID: String) -> RunPreset<A2CConfig>? {
        switch environmentID {
        case "CartPole-v1", "Acrobot-v1":
            return RunPreset(
                environment: EnvironmentConfig(id: environmentID, numEnvs: 8), config: A2CConfig(), totalSteps: 200_000)
        default:
            return nil
        }
    }

    public func learn(totalSteps: Int, callbacks: [any TrainingCallback]) throws {
        let start = Date(), startStep = runner.stepCount
        var stop = try callbacks.dispatch(.started(step: runner.stepCount), algorithm: self) == .stop
        let batchSteps = config.numSteps * environment.numEnvs
        let iterations = max((totalSteps + batchSteps - 1) / batchSteps, 1)
        while !stop && runner.stepCount < totalSteps {
            let fraction = max(1 - Double(runner.stepCount / batchSteps) / Double(iterations), 0)
            optimizer.learningRate = config.annealLearningRate ? fraction * config.learningRate : config.learningRate
            if try runner.collect(gamma: config.gamma, lambda: config.gaeLambda, callbacks: callbacks, algorithm: self)
                == .stop
            {
                stop = true
            }
            var metrics = try update()
            runner.iterations += 1
            try runner.checkParameters()
            let seconds = max(Date().timeIntervalSince(start), 1e-9)
            metrics.append(Metric(MetricTag.stepsPerSecond, Double(runner.stepCount - startStep) / seconds))
            if try callbacks.dispatch(.iterationFinished(step: runner.stepCount, metrics: metrics), algorithm: self)
                == .stop
            {
                stop = true
            }
        }
        _ = try callbacks.dispatch(.finished(step: runner.stepCount), algorithm: self)
    }

    func update() throws -> [Metric] {
        let buffer = runner.buffer
        let indices = buffer.validIndices
        guard !indices.isEmpty else { return [] }
        let size = buffer.observationSize, width = buffer.actionSize
        var observations = [Float](), actions = [Float]()
        for i in indices {
            observations.append(contentsOf: buffer.observations[(i * size)..<((i + 1) * size)])
            actions.append(contentsOf: buffer.actions[(i * width)..<((i + 1) * width)])
        }
        var advantages = indices.map { buffer.advantages[$0] }
        if config.normalizeAdvantages { advantages = normalizedAdvantages(advantages) }
        let advantageTensor = Tensor(advantages.map(Float.init))
        let returns = Tensor(indices.map { Float(buffer.returns[$0]) })
        let input = Tensor(observations, shape: [indices.count, size])
        var policyLoss = 0.0, valueLoss = 0.0, entropy = 0.0
        let (_, gradients) = valueAndGrad([runner.policy]) {
            let evaluation = runner.policy.evaluate(input, actions: actions)
            let pg = -(advantageTensor * evaluation.logProbs).mean()
            let value = (evaluation.values - returns).square().mean()
            let entropyMean = evaluation.entropy.mean()
            policyLoss = pg.doubleItem()
            valueLoss = value.doubleItem()
            entropy = entropyMean.doubleItem()
            return pg - config.entropyCoefficient * entropyMean + config.valueCoefficient * value
        }
        try NonFiniteValueError.check(
            [MetricTag.policyLoss: policyLoss, MetricTag.valueLoss: valueLoss], step: runner.stepCount)
        let clipped = try gradients[0].clippedCheckingFinite(
            config.maxGradNorm, owner: "policy", step: runner.stepCount)
        optimizer.update(runner.policy, gradients: clipped)
        var metrics = [
            Metric(MetricTag.learningRate, optimizer.learningRate), Metric(MetricTag.valueLoss, valueLoss),
            Metric(MetricTag.policyLoss, policyLoss), Metric(MetricTag.entropy, entropy),
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
