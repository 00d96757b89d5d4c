import Environments
import Foundation
import RLCore
import Tensor
import Tracking

/// Tabular TD control on the RLCore surface, so `swiftrl train qlearning --env FrozenLake-v1` works: Q-learning by
/// default, SARSA or expected SARSA with `qlearning.method`. Needs Discrete observations and actions.
public final class QLearning: ConfigurableAlgorithm {
    public static let name = "qlearning"
    public let config: TabularTDConfig
    public let environment: EnvironmentConfig
    /// The learner (Q table, ε-greedy stream, step count).
    public private(set) var learner: TabularTD
    var trainingEnvironment: TrainingEnvironment
    private var actions: [Int]
    private var predictionRNG: Xoshiro256StarStar
    private let seed: UInt64

    public var stepCount: Int { learner.stepCount }
    public var actionSpace: Space { trainingEnvironment.vector.singleActionSpace }
    public var observationSize: Int { trainingEnvironment.observationSize }

    public init(config: TabularTDConfig, environment: EnvironmentConfig, seed: UInt64) throws {
        self.config = config
        self.environment = environment
        self.seed = seed
        trainingEnvironment = try TrainingEnvironment(config: environment, seed: seed, gamma: config.gamma)
        learner = try TabularTD(config: config, environment: trainingEnvironment.vector, seed: seed)
        predictionRNG = Xoshiro256StarStar(seed: seed).derived("predict")
        actions = []
        actions = trainingEnvironment.observations.map { learner.behaviourAction(Int($0), epsilon: config.explorationStart) }
    }

    public init(checkpoint: TrainingCheckpoint) throws {
        let contents = try checkpoint.contents(algorithm: Self.name, config: TabularTDConfig.self, state: TabularState.self)
        config = contents.config
        environment = contents.environment
        seed = contents.header.seed
        trainingEnvironment = try TrainingEnvironment(
            config: environment, seed: seed, gamma: config.gamma, state: contents.state.environment,
            actions: checkpoint.tensors["environment.actions"]?.floats ?? [])
        learner = try TabularTD(config: config, environment: trainingEnvironment.vector, seed: seed)
        guard let q = checkpoint.tensors["q"], q.count == learner.q.values.count else {
            throw TrainingCheckpointError.missingTensor("q")
        }
        learner.q.values = q.doubles
        learner.restore(stepCount: contents.state.stepCount, rng: contents.state.rng)
        predictionRNG = contents.state.predictionRNG
        actions = contents.state.actions
    }

    public static var defaultConfig: TabularTDConfig { TabularTDConfig() }

    /// Sutton & Barto-style settings for the toy-text environments.
    public static func preset(for environmentID: String) -> RunPreset<TabularTDConfig>? {
        let steps: Int
        switch environmentID {
        case "FrozenLake-v1": steps = 100_000
        case "FrozenLake8x8-v1": steps = 500_000
        case "CliffWalking-v1", "Taxi-v3": steps = 200_000
        default: return nil
        }
        return RunPreset(environment: EnvironmentConfig(id: environmentID), config: TabularTDConfig(), totalSteps: steps)
    }

    public func learn(totalSteps: Int, callbacks: [any TrainingCallback]) throws {
        let start = Date(), startStep = stepCount, n = trainingEnvironment.count
        var stop = try callbacks.dispatch(.started(step: stepCount), algorithm: self) == .stop
        let interval = max(1000, n)
        var nextLog = (stepCount / interval + 1) * interval
        while !stop && stepCount < totalSteps {
            let states = trainingEnvironment.observations.map { Int($0) }
            let step = try trainingEnvironment.step(actions.map(Float.init))
            let next = trainingEnvironment.observations.map { Int($0) }
            actions = learner.observe(states: states, actions: actions, nextStates: next, rewards: step.rewards,
                                      terminated: step.terminated, valid: step.valid, totalSteps: totalSteps)
            for episode in step.finishedEpisodes {
                let event = TrainingEvent.episodeFinished(
                    step: stepCount, episodeReturn: episode.episodeReturn, length: episode.length)
                if try callbacks.dispatch(event, algorithm: self) == .stop { stop = true }
            }
            if stepCount >= nextLog || stepCount >= totalSteps {
                nextLog = (stepCount / interval + 1) * interval
                let seconds = max(Date().timeIntervalSince(start), 1e-9)
                let metrics = [Metric(MetricTag.stepsPerSecond, Double(stepCount - startStep) / seconds),
                               Metric("charts/epsilon", config.epsilon(step: stepCount, totalSteps: totalSteps))]
                if try callbacks.dispatch(.iterationFinished(step: stepCount, metrics: metrics), algorithm: self) == .stop {
                    stop = true
                }
            }
        }
        _ = try callbacks.dispatch(.finished(step: stepCount), algorithm: self)
    }

    public func predict(observations: [Float], count: Int, deterministic: Bool) -> [Float] {
        observations.prefix(count).map { value in
            let state = Swift.min(Swift.max(Int(value), 0), learner.q.stateCount - 1)
            if !deterministic, predictionRNG.nextDouble() < config.explorationEnd {
                return Float(predictionRNG.int(below: learner.q.actionCount))
            }
            return Float(learner.q.greedyAction(state))
        }
    }

    public func checkpoint() throws -> TrainingCheckpoint {
        let header = CheckpointHeader(
            algorithm: Self.name, seed: seed, step: stepCount,
            observationSpace: trainingEnvironment.vector.singleObservationSpace, actionSpace: actionSpace)
        let state = TabularState(stepCount: stepCount, rng: learner.rng, predictionRNG: predictionRNG, actions: actions,
                                 environment: trainingEnvironment.state)
        let log = trainingEnvironment.actionLog
        return try TrainingCheckpoint(
            sidecar: CheckpointSidecar(header: header, environment: environment, config: config, state: state),
            tensors: ["q": Tensor(learner.q.values, shape: [learner.q.stateCount, learner.q.actionCount]),
                      "environment.actions": Tensor(log, shape: [log.count])])
    }
}

/// What ``QLearning`` saves besides the Q table and the action log.
public struct TabularState: Codable, Equatable, Sendable {
    /// Environment steps so far.
    public var stepCount: Int
    /// The ε-greedy stream.
    public var rng: Xoshiro256StarStar
    /// The stream of stochastic `predict` calls.
    public var predictionRNG: Xoshiro256StarStar
    /// The actions chosen for the next step (SARSA's a').
    public var actions: [Int]
    /// Normalisation statistics and action-log length.
    public var environment: TrainingEnvironmentState
}
