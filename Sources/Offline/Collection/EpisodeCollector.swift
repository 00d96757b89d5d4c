import Environments
import Tensor

/// Records episodes of a ``CollectionPolicy`` in a registered environment: observations (including the final
/// one), actions, rewards, terminations, truncations and numeric infos.
///
/// Episodes run side by side (``parallelEpisodes`` environments in lock step, so a trained policy is evaluated in
/// batches). Every random draw comes from `seed`: episode `i` is reset with the `i`-th seed of a stream derived from
/// it, its noise uses its own derived stream, and the policy samples from one more derived stream.
public struct EpisodeCollector {
    /// The environment id (see `swiftrl env list`).
    public var environmentID: String
    /// Construction options for the environment.
    public var options: EnvironmentOptions
    /// Overrides the registered time limit, if set.
    public var maxEpisodeSteps: Int?
    /// Environments stepped in lock step. Default 16.
    public var parallelEpisodes = 16

    /// A collector for `environmentID`.
    public init(environmentID: String, options: EnvironmentOptions = [:], maxEpisodeSteps: Int? = nil) {
        self.environmentID = environmentID
        self.options = options
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    /// The action box of the environment.
    /// - Throws: ``CollectionError`` when the id is unknown or the actions are not a Box.
    public func actionSpace() throws(CollectionError) -> BoxSpace {
        let env = try make()
        guard case let .box(box) = env.actionSpace else {
            throw CollectionError(
                "\(environmentID) has \(env.actionSpace.typeName) actions; offline datasets here need Box actions")
        }
        return box
    }

    /// The environment's action space: a Box, or a Discrete space whose actions are recorded as one index.
    /// - Throws: ``CollectionError`` when the id is unknown or the actions are neither Box nor Discrete.
    public func space() throws(CollectionError) -> Space {
        let env = try make()
        switch env.actionSpace {
        case .box, .discrete: return env.actionSpace
        default:
            throw CollectionError(
                "\(environmentID) has \(env.actionSpace.typeName) actions; offline datasets need Box or Discrete "
                    + "actions")
        }
    }

    /// The uniformly random policy over the action space (``RandomPolicy`` or ``RandomDiscretePolicy``).
    /// - Throws: ``CollectionError`` for an unbounded Box or an unsupported space.
    public func randomPolicy() throws(CollectionError) -> any CollectionPolicy {
        if case let .discrete(discrete) = try space() { return RandomDiscretePolicy(count: discrete.n) }
        return try RandomPolicy(space: try actionSpace())
    }

    /// The Box to validate recorded actions against (nil for Discrete actions).
    public func boxSpace() throws(CollectionError) -> BoxSpace? {
        if case let .box(box) = try space() { return box }
        return nil
    }

    /// Observation and action sizes (1 action entry, the index, for Discrete actions).
    /// - Throws: ``CollectionError`` for an unknown id or unsupported spaces.
    public func dimensions() throws(CollectionError) -> (observation: Int, action: Int) {
        let env = try make()
        guard case let .box(observation) = env.observationSpace else {
            throw CollectionError("\(environmentID) has \(env.observationSpace.typeName) observations; need a Box")
        }
        if case .discrete = try space() { return (observation.count, 1) }
        return (observation.count, try actionSpace().count)
    }

    /// Records episodes.
    /// - Parameters:
    ///   - policy: the behaviour policy.
    ///   - episodes: the number of episodes to record.
    ///   - maxTransitions: stop once this many steps are recorded in total (episodes still running are cut and
    ///     marked truncated), if set.
    ///   - noise: the exploration noise of episode `i`.
    ///   - seed: the seed every draw derives from.
    /// - Returns: the episodes in order of their index.
    /// - Throws: ``CollectionError`` for bad settings or environment errors.
    public func collect(
        policy: some CollectionPolicy, episodes: Int, maxTransitions: Int? = nil,
        noise: (Int) -> ActionNoise = { _ in .none }, seed: UInt64
    ) throws(CollectionError) -> [OfflineEpisode] {
        guard episodes > 0 else { throw CollectionError("collect at least 1 episode (got \(episodes))") }
        if let maxTransitions, maxTransitions < 1 {
            throw CollectionError("the step budget must be at least 1, got \(maxTransitions)")
        }
        let space = try self.space()
        let (o, a) = try dimensions()
        let root = Xoshiro256StarStar(seed: seed)
        var resetStream = root.derived("reset")
        let resetSeeds = (0..<episodes).map { _ in resetStream.next() }
        var policyStream = root.derived("policy")
        var finished = [OfflineEpisode?](repeating: nil, count: episodes)
        var running: [Recording] = []
        var nextEpisode = 0
        var total = 0
        func budgetLeft() -> Bool { maxTransitions.map { total < $0 } ?? true }
        while true {
            while running.count < max(1, parallelEpisodes), nextEpisode < episodes, budgetLeft() {
                let episodeNoise = noise(nextEpisode)
                try Self.check(episodeNoise)
                running.append(
                    try Recording(
                        index: nextEpisode, environment: make(), seed: resetSeeds[nextEpisode], noise: episodeNoise,
                        rng: root.derived(index: nextEpisode), observationSize: o, id: environmentID,
                        discrete: { if case .discrete = space { true } else { false } }()))
                nextEpisode += 1
            }
            if running.isEmpty { break }
            if !budgetLeft() {
                for recording in running { finished[recording.index] = recording.cut() }
                running.removeAll()
                break
            }
            let observations = running.flatMap(\.current)
            var actions = policy.actions(observations: observations, count: running.count, using: &policyStream)
            guard actions.count == running.count * a else {
                throw CollectionError(
                    "policy \(policy.name) returned \(actions.count) action values for \(running.count) rows of \(a)")
            }
            var still: [Recording] = []
            for (row, var recording) in running.enumerated() {
                guard budgetLeft() else {
                    still.append(recording)
                    continue
                }
                var action = Array(actions[row * a..<(row + 1) * a])
                switch space {
                case .box(let box): recording.noise.apply(to: &action, count: 1, space: box, using: &recording.rng)
                case .discrete(let d): recording.noise.apply(toIndices: &action, count: d.n, using: &recording.rng)
                default: break
                }
                actions.replaceSubrange(row * a..<(row + 1) * a, with: action)
                let done = try recording.step(action)
                total += 1
                if done { finished[recording.index] = recording.episode } else { still.append(recording) }
            }
            running = still
        }
        return finished.compactMap { $0 }
    }

    private static func check(_ noise: ActionNoise) throws(CollectionError) { try noise.validate() }

    private func make() throws(CollectionError) -> AnyEnvironment {
        do {
            return try EnvironmentRegistry.shared.make(environmentID, options: options, maxEpisodeSteps: maxEpisodeSteps)
        } catch { throw CollectionError("cannot make \(environmentID): \(error)") }
    }
}

/// One episode being recorded.
private struct Recording {
    let index: Int
    var environment: AnyEnvironment
    let noise: ActionNoise
    var rng: Xoshiro256StarStar
    let id: String
    var episode: OfflineEpisode
    var current: [Float]
    var infoKeys: [String]?
    let discrete: Bool

    init(
        index: Int, environment: AnyEnvironment, seed: UInt64, noise: ActionNoise, rng: Xoshiro256StarStar,
        observationSize: Int, id: String, discrete: Bool
    ) throws(CollectionError) {
        self.index = index
        self.discrete = discrete
        self.environment = environment
        self.noise = noise
        self.rng = rng
        self.id = id
        let reset: Reset<SpaceValue>
        do { reset = try self.environment.reset(seed: seed, options: ResetOptions()) } catch {
            throw CollectionError("\(id): reset failed: \(error)")
        }
        current = try Self.floats(reset.observation, id: id)
        episode = OfflineEpisode(
            observations: current, actions: [], rewards: [], terminations: [], truncations: [],
            resetInfo: reset.info.compactMapValues(\.doubleValue).mapValues(Float.init))
    }

    static func floats(_ value: SpaceValue, id: String) throws(CollectionError) -> [Float] {
        guard let values = value.arrayValue else {
            throw CollectionError("\(id): observation \(value.summary) is not a flat array; use a Box environment")
        }
        return values.map(Float.init)
    }

    /// Steps with `action`; returns whether the episode ended.
    mutating func step(_ action: [Float]) throws(CollectionError) -> Bool {
        let result: Step<SpaceValue>
        let value: SpaceValue = discrete ? .int(Int(action[0].rounded())) : .array(action.map(Double.init))
        do { result = try environment.step(value) } catch {
            throw CollectionError("\(id): step failed: \(error)")
        }
        current = try Self.floats(result.observation, id: id)
        episode.observations += current
        episode.actions += action
        episode.rewards.append(Float(result.reward))
        episode.terminations.append(result.terminated)
        episode.truncations.append(result.truncated && !result.terminated)
        let numeric = result.info.compactMapValues(\.doubleValue)
        let keys = infoKeys ?? numeric.keys.sorted()
        infoKeys = keys.filter { numeric[$0] != nil }
        for key in keys {
            if let value = numeric[key] {
                episode.infos[key, default: []].append(Float(value))
            } else {
                episode.infos[key] = nil
            }
        }
        return result.terminated || result.truncated
    }

    /// The episode cut short by the step budget (its last step marked truncated).
    func cut() -> OfflineEpisode? {
        guard episode.length > 0 else { return nil }
        var cut = episode
        cut.truncations[cut.length - 1] = !cut.terminations[cut.length - 1]
        return cut
    }
}
