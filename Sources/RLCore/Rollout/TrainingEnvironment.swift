import Environments
import Tensor
import Tracking

/// Saved state of a ``TrainingEnvironment`` besides its action log: normalisation statistics.
public struct TrainingEnvironmentState: Codable, Equatable, Sendable {
    /// Observation statistics when observation normalisation is on.
    public var observationStatistics: RunningMeanStd?
    /// Reward normaliser when reward normalisation is on.
    public var rewardNormalizer: RewardNormalizer?
    /// Number of logged actions (floats) the replay must apply.
    public var loggedActions: Int
}

/// The training side of the environment for online algorithms: a vector environment with next-step autoreset,
/// optional observation/reward normalisation (SB3 `VecNormalize`), action clipping for boxes, and a log of every
/// action since the seeded reset.
///
/// The log makes resuming exact without serialising environment internals: a restored environment is re-created,
/// reset with the same seed and replayed action by action (CartPole replays millions of steps per second), so
/// episodes in progress, environment RNGs and episode statistics continue bit for bit.
public struct TrainingEnvironment {
    /// Environment settings.
    public let config: EnvironmentConfig
    /// Seed of the first reset.
    public let seed: UInt64
    /// The vector environment.
    public private(set) var vector: any FlatVectorEnvironment
    /// Observation normaliser, when enabled.
    public private(set) var observationNormalizer: VectorObservationNormalizer?
    /// Reward normaliser, when enabled.
    public private(set) var rewardNormalizer: RewardNormalizer?
    /// Every action applied since the seeded reset, `actionSize` floats per sub-environment per step.
    public private(set) var actionLog: [Float] = []
    /// Current observations as the policy sees them (normalised and clipped when enabled).
    public private(set) var observations: [Float]
    /// Whether each sub-environment's next step is a next-step-autoreset step.
    public private(set) var resetting: [Bool]
    /// Whether actions are discrete.
    public let isDiscrete: Bool
    /// Floats per observation.
    public var observationSize: Int { vector.observationSize }
    /// Floats per action (1 for discrete).
    public var actionSize: Int { vector.actionSize }
    /// Number of sub-environments.
    public var count: Int { vector.count }
    private let actionLow: [Float]?
    private let actionHigh: [Float]?

    /// Creates the environments, seeds and resets them (sub-environment `i` gets `seed + i`).
    /// - Parameter gamma: γ of reward normalisation's discounted return.
    /// - Throws: `EnvironmentError` for an unknown id or spaces the vector path cannot handle.
    public init(config: EnvironmentConfig, seed: UInt64, gamma: Double) throws {
        guard config.numEnvs > 0 else {
            throw EnvironmentError.invalidOption("env.numEnvs must be at least 1, got \(config.numEnvs)")
        }
        self.config = config
        self.seed = seed
        vector = try EnvironmentRegistry.shared.makeVector(config.id, count: config.numEnvs)
        switch vector.singleActionSpace {
        case .discrete:
            isDiscrete = true
            actionLow = nil
            actionHigh = nil
        case let .box(box):
            isDiscrete = false
            actionLow = box.low.map(Float.init)
            actionHigh = box.high.map(Float.init)
        default:
            throw EnvironmentError.invalidOption(
                "\(config.id): action space \(vector.singleActionSpace) is not supported; use Discrete or Box")
        }
        try vector.reset(seed: seed)
        resetting = Array(repeating: false, count: config.numEnvs)
        observations = []
        if config.normalizeObservations { observationNormalizer = VectorObservationNormalizer(size: vector.observationSize) }
        if config.normalizeRewards {
            rewardNormalizer = RewardNormalizer(count: config.numEnvs, gamma: gamma, clip: config.clipRewards)
        }
        try Self.checkFinite([], vector.observations, id: config.id, count: count, step: 0)
        observations = try prepare(vector.observations, update: true)
    }

    /// Re-creates a saved training environment: same seed, replayed actions, restored statistics.
    /// - Throws: `EnvironmentError` from the environment, or `.invalidOption` if the log does not fit.
    public init(config: EnvironmentConfig, seed: UInt64, gamma: Double, state: TrainingEnvironmentState, actions: [Float])
        throws
    {
        try self.init(config: config, seed: seed, gamma: gamma)
        try Self.check(state, observationSize: vector.observationSize, count: config.numEnvs)
        let width = count * actionSize
        guard actions.count == state.loggedActions, width > 0, actions.count % width == 0 else {
            throw EnvironmentError.invalidOption(
                "checkpoint action log has \(actions.count) floats; expected a multiple of \(width)")
        }
        var offset = 0
        while offset < actions.count {
            let chunk = Array(actions[offset..<(offset + width)])
            if isDiscrete {
                // The log comes from a file: a damaged value must be an error naming it, not a trap in `Int(_:)`.
                var discrete: [Int] = []
                for (index, value) in chunk.enumerated() {
                    discrete.append(
                        try CheckedDecoding.integer(
                            value, field: "environment.actions[\(offset + index)]", file: "checkpoint weights",
                            range: 0...Int(Int32.max)))
                }
                try vector.step(discreteActions: discrete)
            } else {
                guard chunk.allSatisfy(\.isFinite) else {
                    throw InputValidationError(
                        file: "checkpoint weights", field: "environment.actions[\(offset)...]",
                        expected: "finite actions", found: "NaN or infinity")
                }
                try vector.step(flatActions: chunk)
            }
            offset += width
        }
        actionLog = actions
        for i in 0..<count { resetting[i] = vector.terminations[i] || vector.truncations[i] }
        if let statistics = state.observationStatistics { observationNormalizer?.statistics = statistics }
        rewardNormalizer = state.rewardNormalizer
        observations = try prepare(vector.observations, update: false)
    }

    /// Checks that saved statistics fit this environment (they come from a checkpoint sidecar).
    private static func check(
        _ state: TrainingEnvironmentState, observationSize: Int, count: Int
    ) throws(InputValidationError) {
        if let statistics = state.observationStatistics, statistics.mean.count != observationSize {
            throw InputValidationError(
                file: "checkpoint sidecar", field: "state.environment.observationStatistics.mean",
                expected: "\(observationSize) entries (the observation size)",
                found: "\(statistics.mean.count) entries")
        }
        if let normalizer = state.rewardNormalizer,
            normalizer.statistics.mean.count != 1 || normalizer.discountedReturns.count != count
        {
            throw InputValidationError(
                file: "checkpoint sidecar", field: "state.environment.rewardNormalizer",
                expected: "1 statistic and \(count) discounted returns (one per sub-environment)",
                found: "\(normalizer.statistics.mean.count) and \(normalizer.discountedReturns.count)")
        }
    }

    /// The state to save with the action log.
    public var state: TrainingEnvironmentState {
        TrainingEnvironmentState(
            observationStatistics: observationNormalizer?.statistics, rewardNormalizer: rewardNormalizer,
            loggedActions: actionLog.count)
    }

    /// Steps every sub-environment with `actions` (`count × actionSize` floats; continuous actions are clipped to
    /// the action box, the log keeps them unclipped as given).
    /// - Throws: `EnvironmentError` from the environment.
    public mutating func step(_ actions: [Float]) throws -> EnvironmentStep {
        let valid = resetting.map { !$0 }
        if isDiscrete {
            try vector.step(discreteActions: actions.map { Int($0) })
        } else {
            try vector.step(flatActions: clipped(actions))
        }
        actionLog.append(contentsOf: actions)
        let terminated = vector.terminations, truncated = vector.truncations
        var done = terminated
        for i in 0..<count {
            done[i] = terminated[i] || truncated[i]
            resetting[i] = done[i]
        }
        let globalStep = actionLog.count / max(actionSize, 1)
        try Self.checkFinite(vector.rewards, vector.observations, id: config.id, count: count, step: globalStep)
        var rewards = vector.rewards
        if rewardNormalizer != nil { rewards = rewardNormalizer?(rewards, done: done, valid: valid) ?? rewards }
        observations = try prepare(vector.observations, update: true)
        return EnvironmentStep(
            rewards: rewards, terminated: terminated, truncated: truncated, valid: valid,
            finishedEpisodes: vector.finishedEpisodes)
    }

    /// Raw observations mapped as the policy expects them, with frozen statistics (evaluation, `predict`).
    public func normalize(_ raw: [Float]) -> [Float] {
        guard var normalizer = observationNormalizer else { return raw }
        normalizer.updatesStatistics = false
        return clip((try? normalizer(raw)) ?? raw)
    }

    /// Actions clipped to the action box (unchanged for discrete actions).
    public func clipped(_ actions: [Float]) -> [Float] {
        guard let low = actionLow, let high = actionHigh else { return actions }
        var out = actions
        let width = low.count
        for i in out.indices { out[i] = min(max(out[i], low[i % width]), high[i % width]) }
        return out
    }

    /// Throws when a sub-environment returned a NaN or infinite reward or observation, naming which and where:
    /// a corrupted stream must stop training before it reaches the networks (and the normaliser's statistics).
    /// - Throws: `NonFiniteValueError` with the sub-environment, the observation index and the global step.
    static func checkFinite(_ rewards: [Double], _ observations: [Float], id: String, count: Int, step: Int)
        throws(NonFiniteValueError)
    {
        let advice = "\(id) produced it: check the environment (Gymnasium's passive checker reports the same), or "
            + "wrap it to sanitise its output."
        for (index, reward) in rewards.enumerated() where !reward.isFinite {
            throw NonFiniteValueError(
                quantity: "environment reward of sub-environment \(index)", step: step, value: reward, advice: advice)
        }
        let width = count > 0 ? observations.count / count : observations.count
        for (index, value) in observations.enumerated() where !value.isFinite {
            throw NonFiniteValueError(
                quantity: "environment observation [\(index % max(width, 1))] of sub-environment "
                    + "\(index / max(width, 1))", step: step, value: Double(value), advice: advice)
        }
    }

    private mutating func prepare(_ raw: [Float], update: Bool) throws -> [Float] {
        guard var normalizer = observationNormalizer else { return raw }
        normalizer.updatesStatistics = update
        let normalized = try normalizer(raw)
        observationNormalizer = normalizer
        return clip(normalized)
    }

    private func clip(_ values: [Float]) -> [Float] {
        let limit = Float(config.clipObservations)
        return values.map { min(max($0, -limit), limit) }
    }
}
