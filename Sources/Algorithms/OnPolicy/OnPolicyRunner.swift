import Environments
import Foundation
import RLCore
import Tensor
import Tracking

/// The machinery PPO and A2C share: the training environment, the actor-critic policy, the rollout buffer,
/// RNG streams and counters; rollout collection with episode events; prediction; checkpoint parts.
final class OnPolicyRunner {
    var environment: TrainingEnvironment
    let policy: any ActorCriticPolicy
    var buffer: RolloutBuffer
    var rng: Xoshiro256StarStar
    var predictionRNG: Xoshiro256StarStar
    var stepCount = 0
    var iterations = 0
    let seed: UInt64

    /// A fresh runner: environments reset with `seed`, policy initialised from the `policy` stream.
    init(environment config: EnvironmentConfig, network: PolicyNetworkConfig, steps: Int, gamma: Double, seed: UInt64)
        throws
    {
        let root = Xoshiro256StarStar(seed: seed)
        environment = try TrainingEnvironment(config: config, seed: seed, gamma: gamma)
        var initRNG = root.derived("policy")
        policy = try Self.makePolicy(environment: environment, network: network, using: &initRNG)
        buffer = RolloutBuffer(
            steps: steps, environments: config.numEnvs, observationSize: environment.observationSize,
            actionSize: environment.actionSize)
        rng = root.derived("train")
        predictionRNG = root.derived("predict")
        self.seed = seed
    }

    /// A runner restored from a checkpoint's parts.
    init(
        environment config: EnvironmentConfig, network: PolicyNetworkConfig, steps: Int, gamma: Double, seed: UInt64,
        state: OnPolicyState, checkpoint: TrainingCheckpoint
    ) throws {
        let actions = checkpoint.tensors["environment.actions"]?.floats ?? []
        environment = try TrainingEnvironment(
            config: config, seed: seed, gamma: gamma, state: state.environment, actions: actions)
        var initRNG = Xoshiro256StarStar(seed: seed).derived("policy")
        policy = try Self.makePolicy(environment: environment, network: network, using: &initRNG)
        try checkpoint.restore(policy, prefix: "policy")
        buffer = RolloutBuffer(
            steps: steps, environments: config.numEnvs, observationSize: environment.observationSize,
            actionSize: environment.actionSize)
        rng = state.rng
        predictionRNG = state.predictionRNG
        stepCount = state.stepCount
        iterations = state.iterations
        self.seed = seed
    }

    static func makePolicy(
        environment: TrainingEnvironment, network: PolicyNetworkConfig, using rng: inout Xoshiro256StarStar
    ) throws -> any ActorCriticPolicy {
        switch environment.vector.singleActionSpace {
        case let .discrete(space):
            return CategoricalActorCritic(
                observationSize: environment.observationSize, actionCount: space.n, network: network, using: &rng)
        case let .box(box):
            return GaussianActorCritic(
                observationSize: environment.observationSize, actionSize: box.count, network: network, using: &rng)
        default:
            throw EnvironmentError.invalidOption("on-policy algorithms need a Discrete or Box action space")
        }
    }

    /// Fills the buffer with `buffer.steps` steps, sends an event per finished episode, computes GAE.
    /// - Returns: `.stop` if a callback asked to stop.
    func collect(
        gamma: Double, lambda: Double, callbacks: [any TrainingCallback], algorithm: any Algorithm
    ) throws -> CallbackDecision {
        var decision = CallbackDecision.continue
        buffer.reset()
        let n = environment.count, size = environment.observationSize
        while !buffer.isFull {
            let observations = environment.observations
            let (actions, logProbs, values) = policy.act(
                Tensor(observations, shape: [n, size]), deterministic: false, using: &rng)
            let step = try environment.step(actions)
            stepCount += n
            buffer.add(observations: observations, actions: actions, logProbs: logProbs, values: values, step: step)
            for episode in step.finishedEpisodes {
                let event = TrainingEvent.episodeFinished(
                    step: stepCount, episodeReturn: episode.episodeReturn, length: episode.length)
                if try callbacks.dispatch(event, algorithm: algorithm) == .stop { decision = .stop }
            }
        }
        let lastValues = policy.values(Tensor(environment.observations, shape: [n, size]))
        buffer.computeAdvantages(lastValues: lastValues, gamma: gamma, lambda: lambda)
        return decision
    }

    /// Actions for raw observations (normalised with frozen statistics; continuous actions clipped to the box).
    func predict(observations: [Float], count: Int, deterministic: Bool) -> [Float] {
        let input = Tensor(environment.normalize(observations), shape: [count, environment.observationSize])
        let actions = policy.act(input, deterministic: deterministic, using: &predictionRNG).actions
        return environment.clipped(actions)
    }

    /// Throws `NonFiniteValueError` naming the first parameter holding a NaN or infinity.
    func checkParameters() throws {
        for (path, tensor) in policy.namedParameters() {
            try NonFiniteValueError.check(parameter: "policy.\(path)", tensor.floats, step: stepCount)
        }
    }

    var state: OnPolicyState {
        OnPolicyState(
            stepCount: stepCount, iterations: iterations, rng: rng, predictionRNG: predictionRNG,
            environment: environment.state)
    }

    /// Policy parameters and the environment's action log, named for the checkpoint.
    var tensors: [String: Tensor] {
        var out = TrainingCheckpoint.tensors(of: policy, prefix: "policy")
        out["environment.actions"] = Tensor(environment.actionLog, shape: [environment.actionLog.count])
        return out
    }

    var header: CheckpointHeader {
        CheckpointHeader(
            algorithm: "", seed: seed, step: stepCount, observationSpace: environment.vector.singleObservationSpace,
            actionSpace: environment.vector.singleActionSpace)
    }

    /// The checkpoint of an on-policy algorithm: policy, action log, optimizer state and the sidecar.
    func checkpoint<Config: Codable>(
        algorithm: String, optimizer: some Optimizer, environment config: EnvironmentConfig, algorithmConfig: Config
    ) throws -> TrainingCheckpoint {
        var header = header
        header.algorithm = algorithm
        var tensors = tensors
        tensors.merge(TrainingCheckpoint.tensors(of: optimizer, prefix: "optimizer")) { a, _ in a }
        return try TrainingCheckpoint(
            sidecar: CheckpointSidecar(header: header, environment: config, config: algorithmConfig, state: state),
            tensors: tensors)
    }

    /// `losses/explained_variance` of the value predictions over the rollout rows `indices`, if defined.
    func explainedVarianceMetric(_ indices: [Int]) -> Metric? {
        explainedVariance(predictions: indices.map { buffer.values[$0] }, targets: indices.map { buffer.returns[$0] })
            .map { Metric(MetricTag.explainedVariance, $0) }
    }
}

/// Statistics of a batch of value predictions: 1 − Var(y − ŷ)/Var(y) (CleanRL / SB3 `explained_variance`),
/// `nil` when the targets have no variance.
func explainedVariance(predictions: [Double], targets: [Double]) -> Double? {
    guard !targets.isEmpty else { return nil }
    let count = Double(targets.count)
    let meanY = targets.reduce(0, +) / count
    let varY = targets.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) } / count
    guard varY > 0 else { return nil }
    let residuals = zip(targets, predictions).map { $0 - $1 }
    let meanR = residuals.reduce(0, +) / count
    let varR = residuals.reduce(0) { $0 + ($1 - meanR) * ($1 - meanR) } / count
    return 1 - varR / varY
}
