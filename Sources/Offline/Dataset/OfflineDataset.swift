import Environments

/// An offline RL dataset: validated episodes plus a flat transition view (s, a, r, s′, terminal, timeout) for
/// fast sampling.
///
/// Build one from episodes (``init(episodes:observationDimension:actionDimension:actionSpace:)``), from D4RL's
/// flat arrays (``init(flat:actionSpace:)``) or a file (``NPZ``). Validation rejects wrong shapes, NaN/∞ values and
/// actions outside the action space, naming the episode and step.
public struct OfflineDataset: Sendable {
    /// The episodes in recording order.
    public let episodes: [OfflineEpisode]
    /// Entries per observation row.
    public let observationDimension: Int
    /// Entries per action row.
    public let actionDimension: Int
    /// The action space the actions were checked against, if given.
    public let actionSpace: BoxSpace?
    /// The transition view, one row per step of every episode.
    public let transitions: TransitionTable

    /// Creates a dataset and checks every episode.
    /// - Parameters:
    ///   - episodes: at least one episode with at least one step.
    ///   - observationDimension: entries per observation.
    ///   - actionDimension: entries per action.
    ///   - actionSpace: when given, every action must lie in it (and its size must equal `actionDimension`).
    /// - Throws: ``DatasetError`` naming the first bad episode/step and what to fix.
    /// - Complexity: O(total entries).
    public init(
        episodes: [OfflineEpisode], observationDimension: Int, actionDimension: Int, actionSpace: BoxSpace? = nil
    ) throws(DatasetError) {
        guard observationDimension > 0, actionDimension > 0 else {
            throw DatasetError(
                .invalidArgument,
                "observation and action dimensions must be positive (got \(observationDimension), \(actionDimension))")
        }
        guard !episodes.isEmpty else {
            throw DatasetError(.invalidArgument, "the dataset has no episodes; record at least one episode")
        }
        if let space = actionSpace, space.count != actionDimension {
            throw DatasetError(
                .shape, "action space \(space.shape) has \(space.count) entries but actions have \(actionDimension)")
        }
        for (index, episode) in episodes.enumerated() {
            try Self.validate(
                episode, index: index, observationDimension: observationDimension, actionDimension: actionDimension,
                actionSpace: actionSpace)
        }
        self.episodes = episodes
        self.observationDimension = observationDimension
        self.actionDimension = actionDimension
        self.actionSpace = actionSpace
        self.transitions = TransitionTable(
            episodes: episodes, observationDimension: observationDimension, actionDimension: actionDimension)
    }

    /// The number of transitions (steps over all episodes).
    public var count: Int { transitions.count }

    /// Checks one episode's shapes, values and actions.
    static func validate(
        _ episode: OfflineEpisode, index: Int, observationDimension: Int, actionDimension: Int, actionSpace: BoxSpace?
    ) throws(DatasetError) {
        let length = episode.rewards.count
        let name = "episode \(index)"
        guard length > 0 else { throw DatasetError(.shape, "\(name) has no steps; drop empty episodes") }
        guard episode.observations.count == (length + 1) * observationDimension else {
            throw DatasetError(
                .shape,
                "\(name): \(episode.observations.count) observation entries, expected (\(length) steps + 1 final) × "
                    + "\(observationDimension) = \((length + 1) * observationDimension); include the final observation")
        }
        guard episode.actions.count == length * actionDimension else {
            throw DatasetError(
                .shape,
                "\(name): \(episode.actions.count) action entries, expected \(length) × \(actionDimension)")
        }
        guard episode.terminations.count == length, episode.truncations.count == length else {
            throw DatasetError(
                .shape,
                "\(name): \(episode.terminations.count) terminations and \(episode.truncations.count) truncations for "
                    + "\(length) rewards; give one flag per step")
        }
        for (key, values) in episode.infos.sorted(by: { $0.key < $1.key }) where values.count != length {
            throw DatasetError(
                .shape, "\(name): info `\(key)` has \(values.count) values for \(length) steps; give one per step")
        }
        if let bad = episode.observations.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError(
                .nonFinite, "\(name), observation row \(bad / observationDimension): value \(episode.observations[bad])"
            )
        }
        if let bad = episode.actions.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError(
                .nonFinite, "\(name), step \(bad / actionDimension): action value \(episode.actions[bad])")
        }
        if let bad = episode.rewards.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError(.nonFinite, "\(name), step \(bad): reward \(episode.rewards[bad])")
        }
        guard let space = actionSpace else { return }
        for step in 0..<length {
            let row = episode.actions[step * actionDimension..<(step + 1) * actionDimension].map(Double.init)
            if !space.contains(row) {
                throw DatasetError(
                    .outOfSpace,
                    "\(name), step \(step): action \(row) is outside the action space [\(space.low), \(space.high)]; "
                        + "clip actions when recording or pass the right space")
            }
        }
    }
}
