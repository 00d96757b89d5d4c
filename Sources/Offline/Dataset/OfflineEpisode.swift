/// One recorded episode: `length` steps, with every observation including the final one.
///
/// Arrays are row-major: observation row `t` is `observations[t * observationDimension ..< (t + 1) * …]`,
/// rows `0...length`; action row `t` is the action taken after observation `t`.
public struct OfflineEpisode: Sendable, Equatable, Codable {
    /// `(length + 1) × observationDimension` observations, the last one after the final step.
    public var observations: [Float]
    /// `length × actionDimension` actions.
    public var actions: [Float]
    /// `length` rewards; `rewards[t]` follows `actions[t]`.
    public var rewards: [Float]
    /// `length` flags: the MDP ended after step `t` (Gymnasium `terminated`).
    public var terminations: [Bool]
    /// `length` flags: the episode was cut after step `t` (time limit or other; Gymnasium `truncated`).
    public var truncations: [Bool]
    /// Per-step numeric infos (Gymnasium `info` entries that are numbers or flags, e.g. PointMaze's `success`), each
    /// with `length` values; empty when none were recorded. Stored as `infos/<key>` in files (D4RL and Minari).
    public var infos: [String: [Float]]
    /// The numeric entries of the reset's info (Minari stores infos with `length + 1` entries, this one first).
    public var resetInfo: [String: Float]

    /// Creates an episode; ``OfflineDataset/init(episodes:observationDimension:actionDimension:actionSpace:)``
    /// validates it.
    public init(
        observations: [Float], actions: [Float], rewards: [Float], terminations: [Bool], truncations: [Bool],
        infos: [String: [Float]] = [:], resetInfo: [String: Float] = [:]
    ) {
        self.observations = observations
        self.actions = actions
        self.rewards = rewards
        self.terminations = terminations
        self.truncations = truncations
        self.infos = infos
        self.resetInfo = resetInfo
    }

    private enum CodingKeys: String, CodingKey {
        case observations, actions, rewards, terminations, truncations, infos, resetInfo
    }

    /// Decodes an episode; `infos` and `resetInfo` may be absent (episodes encoded before they existed).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        observations = try c.decode([Float].self, forKey: .observations)
        actions = try c.decode([Float].self, forKey: .actions)
        rewards = try c.decode([Float].self, forKey: .rewards)
        terminations = try c.decode([Bool].self, forKey: .terminations)
        truncations = try c.decode([Bool].self, forKey: .truncations)
        infos = try c.decodeIfPresent([String: [Float]].self, forKey: .infos) ?? [:]
        resetInfo = try c.decodeIfPresent([String: Float].self, forKey: .resetInfo) ?? [:]
    }

    /// The number of steps.
    public var length: Int { rewards.count }

    /// The undiscounted return.
    public var totalReward: Double { rewards.reduce(0.0) { $0 + Double($1) } }
}
