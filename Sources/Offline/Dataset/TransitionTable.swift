/// Flat, row-major transition arrays (s, a, r, s′, terminal, timeout) over all episodes of a dataset.
public struct TransitionTable: Sendable, Equatable {
    /// `count × observationDimension` states.
    public var observations: [Float]
    /// `count × actionDimension` actions.
    public var actions: [Float]
    /// `count` rewards.
    public var rewards: [Float]
    /// `count × observationDimension` next states.
    public var nextObservations: [Float]
    /// `count` flags: the MDP terminated after the step (do not bootstrap).
    public var terminals: [Bool]
    /// `count` flags: the episode was truncated after the step (bootstrap from s′).
    public var timeouts: [Bool]
    /// For each transition, the index of its episode.
    public var episodeIndices: [Int32]
    /// For each transition, its step within the episode.
    public var stepIndices: [Int32]

    /// The number of transitions.
    public var count: Int { rewards.count }

    /// Flattens episodes into a table.
    /// - Complexity: O(total entries).
    public init(episodes: [OfflineEpisode], observationDimension: Int, actionDimension: Int) {
        let total = episodes.reduce(0) { $0 + $1.length }
        observations = []
        observations.reserveCapacity(total * observationDimension)
        nextObservations = []
        nextObservations.reserveCapacity(total * observationDimension)
        actions = []
        actions.reserveCapacity(total * actionDimension)
        rewards = []
        rewards.reserveCapacity(total)
        terminals = []
        terminals.reserveCapacity(total)
        timeouts = []
        timeouts.reserveCapacity(total)
        episodeIndices = []
        episodeIndices.reserveCapacity(total)
        stepIndices = []
        stepIndices.reserveCapacity(total)
        for (index, episode) in episodes.enumerated() {
            let length = episode.length
            observations.append(contentsOf: episode.observations[0..<length * observationDimension])
            nextObservations.append(contentsOf: episode.observations[observationDimension...])
            actions.append(contentsOf: episode.actions)
            rewards.append(contentsOf: episode.rewards)
            terminals.append(contentsOf: episode.terminations)
            timeouts.append(contentsOf: episode.truncations)
            episodeIndices.append(contentsOf: repeatElement(Int32(index), count: length))
            stepIndices.append(contentsOf: (0..<Int32(length)))
        }
    }
}
