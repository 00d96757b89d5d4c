import Environments
import Foundation
import RLCore
import Tensor
import Tracking

/// The one off-policy training loop DQN, SAC and TD3 share (SB3 `OffPolicyAlgorithm.learn`, CleanRL's loop):
/// act (uniformly at random before ``OffPolicySettings/learningStarts``), step the vector environment, store
/// transitions (next-step-autoreset steps dropped, truncation bootstrapped, optional n-step returns), and every
/// ``OffPolicySettings/trainFrequency`` vector steps run ``OffPolicySettings/gradientSteps`` gradient steps on
/// replay batches (updating priorities under PER). Emits the ``TrainingEvent``s of the RLCore surface.
final class OffPolicyRunner {
    let settings: OffPolicySettings
    var environment: TrainingEnvironment
    var buffer: ReplayBuffer
    var recorder: TransitionRecorder
    let scaling: ActionScaling?
    /// Actions per sub-environment in learner units (1 for discrete).
    let actionSize: Int
    /// Number of discrete actions (0 for boxes).
    let discreteActionCount: Int
    var rng: Xoshiro256StarStar
    var replayRNG: Xoshiro256StarStar
    var predictionRNG: Xoshiro256StarStar
    var stepCount = 0
    var vectorSteps = 0
    var updates = 0
    let seed: UInt64
    private var lastMetrics: [Metric] = []

    /// A fresh runner: environments created and reset with `seed`, an empty replay buffer.
    init(environment config: EnvironmentConfig, settings: OffPolicySettings, seed: UInt64) throws {
        self.settings = settings
        self.seed = seed
        environment = try TrainingEnvironment(config: config, seed: seed, gamma: settings.gamma)
        let space = environment.vector.singleActionSpace
        scaling = ActionScaling(space: space)
        if case let .discrete(d) = space {
            discreteActionCount = d.n
            actionSize = 1
        } else {
            discreteActionCount = 0
            actionSize = environment.actionSize
        }
        buffer = try ReplayBuffer(
            capacity: settings.bufferSize, observationSize: environment.observationSize, actionSize: actionSize,
            sampling: settings.replay, memoryBudgetBytes: settings.memoryBudgetBytes)
        recorder = try TransitionRecorder(count: config.numEnvs, nSteps: settings.nSteps, gamma: settings.gamma)
        let root = Xoshiro256StarStar(seed: seed)
        rng = root.derived("explore")
        replayRNG = root.derived("replay")
        predictionRNG = root.derived("predict")
    }

    /// A runner restored from a checkpoint (environment replayed, replay buffer refilled, streams and counters set).
    convenience init(
        environment config: EnvironmentConfig, settings: OffPolicySettings, state: OffPolicyState,
        checkpoint: TrainingCheckpoint
    ) throws {
        try self.init(environment: config, settings: settings, seed: try checkpoint.header().seed)
        let actions = checkpoint.tensors["environment.actions"]?.floats ?? []
        environment = try TrainingEnvironment(
            config: config, seed: seed, gamma: settings.gamma, state: state.environment, actions: actions)
        try buffer.restore(tensors: checkpoint.tensors, prefix: "replay", state: state.replay)
        if let saved = state.recorder { try recorder.restore(saved) }
        rng = state.rng
        replayRNG = state.replayRNG
        predictionRNG = state.predictionRNG
        stepCount = state.stepCount
        vectorSteps = state.vectorSteps
        updates = state.updates
    }

    /// Uniform random actions in learner units.
    func randomActions(count: Int) -> [Float] {
        if discreteActionCount > 0 { return (0..<count).map { _ in Float(rng.int(below: discreteActionCount)) } }
        return (0..<(count * actionSize)).map { _ in rng.nextFloat() * 2 - 1 }
    }

    /// Trains until `totalSteps` environment steps or a callback stops.
    func learn(totalSteps: Int, callbacks: [any TrainingCallback], algorithm: any Algorithm,
               learner: any OffPolicyLearner) throws {
        let start = Date(), startStep = stepCount, n = environment.count
        var stop = try callbacks.dispatch(.started(step: stepCount), algorithm: algorithm) == .stop
        var nextLog = (stepCount / settings.logInterval + 1) * settings.logInterval
        while !stop && stepCount < totalSteps {
            let observations = environment.observations
            let actions = stepCount < settings.learningStarts
                ? randomActions(count: n)
                : learner.explorationActions(observations: observations, count: n, step: stepCount, using: &rng)
            let step = try environment.step(scaling?.toEnvironment(actions) ?? actions)
            stepCount += n
            vectorSteps += 1
            try recorder.record(
                previousObservations: observations, actions: actions, rewards: step.rewards,
                nextObservations: environment.observations, terminations: step.terminated,
                truncations: step.truncated, valid: step.valid, into: &buffer)
            try learner.environmentStepped(vectorSteps: vectorSteps, step: stepCount, totalSteps: totalSteps)
            learner.episodesEnded(zip(step.terminated, step.truncated).map { $0 || $1 })
            for episode in step.finishedEpisodes {
                let event = TrainingEvent.episodeFinished(
                    step: stepCount, episodeReturn: episode.episodeReturn, length: episode.length)
                if try callbacks.dispatch(event, algorithm: algorithm) == .stop { stop = true }
            }
            if stepCount > settings.learningStarts && vectorSteps % settings.trainFrequency == 0 && buffer.count > 0 {
                let steps = settings.gradientSteps == -1 ? settings.trainFrequency * n : settings.gradientSteps
                for _ in 0..<steps { try trainOnce(learner) }
            }
            if stepCount >= nextLog || stepCount >= totalSteps {
                nextLog = (stepCount / settings.logInterval + 1) * settings.logInterval
                let seconds = max(Date().timeIntervalSince(start), 1e-9)
                var metrics = lastMetrics
                metrics.append(Metric(MetricTag.stepsPerSecond, Double(stepCount - startStep) / seconds))
                let event = TrainingEvent.iterationFinished(step: stepCount, metrics: metrics)
                if try callbacks.dispatch(event, algorithm: algorithm) == .stop { stop = true }
            }
        }
        _ = try callbacks.dispatch(.finished(step: stepCount), algorithm: algorithm)
    }

    /// One gradient step on a replay batch, with PER priority updates.
    private func trainOnce(_ learner: any OffPolicyLearner) throws {
        let batch = try buffer.sample(batchSize: settings.batchSize, step: stepCount, using: &replayRNG)
        let result = try learner.train(batch: batch, update: updates, step: stepCount, using: &replayRNG)
        updates += 1
        if let errors = result.tdErrors, settings.replay.isPrioritized {
            try buffer.updatePriorities(slots: batch.slots, tdErrors: errors)
        }
        lastMetrics = result.metrics
    }

    /// Actions in environment units for raw observations (normalised with frozen statistics).
    func predict(observations: [Float], count: Int, deterministic: Bool, learner: any OffPolicyLearner) -> [Float] {
        let actions = learner.policyActions(
            observations: environment.normalize(observations), count: count, deterministic: deterministic,
            using: &predictionRNG)
        return scaling?.toEnvironment(actions) ?? actions
    }

    func state(extra: [String: Double] = [:]) -> OffPolicyState {
        OffPolicyState(
            stepCount: stepCount, vectorSteps: vectorSteps, updates: updates, rng: rng, replayRNG: replayRNG,
            predictionRNG: predictionRNG, replay: buffer.state, environment: environment.state, extra: extra,
            recorder: recorder.state)
    }

    /// Replay contents and the environment's action log, named for the checkpoint.
    var tensors: [String: Tensor] {
        var out = buffer.tensors(prefix: "replay")
        out["environment.actions"] = Tensor(environment.actionLog, shape: [environment.actionLog.count])
        return out
    }

    func header(algorithm: String) -> CheckpointHeader {
        CheckpointHeader(
            algorithm: algorithm, seed: seed, step: stepCount,
            observationSpace: environment.vector.singleObservationSpace,
            actionSpace: environment.vector.singleActionSpace)
    }
}
