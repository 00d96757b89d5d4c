import Environments

/// The layout of an observation-history window (Hong, Dragan & Levine 2024, §3: policies and values conditioned
/// on h_t = (o_0, a_0, …, o_t), truncated to the last k steps).
///
/// A window of step t holds k rows, oldest first, for steps j = t − k + 1 … t. Row j is
/// `[o_j (d entries), one-hot(a_{j−1}) (n entries; zeros when j = 0), mask (1)]`; rows before the episode's start
/// (j < 0) are padding: all zeros, mask 0. The same layout is built from datasets
/// (``OfflineDataset/historyWindows(length:actionCount:)``) and online (`HistoryWindowObservation`), so a learner
/// sees identical inputs in training and evaluation.
public struct HistoryWindowLayout: Codable, Equatable, Sendable {
    /// k, the number of steps per window.
    public var length: Int
    /// d, entries per raw observation.
    public var observationDimension: Int
    /// n, the number of discrete actions (the previous action is one-hot encoded).
    public var actionCount: Int

    /// A layout.
    /// - Throws: ``DatasetError`` naming the non-positive size.
    public init(length: Int, observationDimension: Int, actionCount: Int) throws(DatasetError) {
        guard length > 0 else {
            throw DatasetError(.invalidArgument, "history length must be ≥ 1 (the paper's window k), got \(length)")
        }
        guard observationDimension > 0, actionCount > 0 else {
            throw DatasetError(
                .invalidArgument,
                "history windows need positive observation size and action count, got \(observationDimension), "
                    + "\(actionCount)")
        }
        self.length = length
        self.observationDimension = observationDimension
        self.actionCount = actionCount
    }

    /// Entries per row: d + n + 1.
    public var stepWidth: Int { observationDimension + actionCount + 1 }
    /// Entries per window: k · (d + n + 1).
    public var windowWidth: Int { length * stepWidth }

    /// The window ending at step `t` of an episode with `observations` rows (row-major, d entries each) and action
    /// indices `actions` (action j taken after observation j).
    /// - Precondition: `0 ≤ t < observations.count / d` and `actions.count ≥ t`.
    public func window(observations: [Float], actions: [Int], at t: Int) -> [Float] {
        var out = [Float](repeating: 0, count: windowWidth)
        let d = observationDimension
        for slot in 0..<length {
            let j = t - (length - 1 - slot)
            guard j >= 0 else { continue }
            let base = slot * stepWidth
            for i in 0..<d { out[base + i] = observations[j * d + i] }
            if j > 0 {
                let previous = actions[j - 1]
                if (0..<actionCount).contains(previous) { out[base + d + previous] = 1 }
            }
            out[base + stepWidth - 1] = 1
        }
        return out
    }
}

extension OfflineDataset {
    /// This dataset with every observation replaced by its history window (``HistoryWindowLayout``): each episode
    /// keeps its actions, rewards and flags; observation t becomes the window of the last `length` steps ending at
    /// t (the final observation's window includes the last action).
    /// - Parameters:
    ///   - length: k, steps per window.
    ///   - actionCount: n, the size of the Discrete action space the actions index.
    /// - Throws: ``DatasetError`` for k < 1, or actions that are not indices in `0..<n`.
    /// - Complexity: O(steps · k · (d + n)).
    public func historyWindows(length: Int, actionCount: Int) throws(DatasetError) -> OfflineDataset {
        let layout = try HistoryWindowLayout(
            length: length, observationDimension: observationDimension, actionCount: actionCount)
        guard actionDimension == 1 else {
            throw DatasetError(
                .invalidArgument,
                "history windows need one discrete action index per step; actions have \(actionDimension) entries")
        }
        var windowed: [OfflineEpisode] = []
        windowed.reserveCapacity(episodes.count)
        for (index, episode) in episodes.enumerated() {
            var actions: [Int] = []
            actions.reserveCapacity(episode.length)
            for (t, a) in episode.actions.enumerated() {
                guard a == a.rounded(), a >= 0, Int(a) < actionCount else {
                    throw DatasetError(
                        .invalidArgument,
                        "episode \(index), step \(t): action \(a) is not an index in 0..<\(actionCount)")
                }
                actions.append(Int(a))
            }
            var observations: [Float] = []
            observations.reserveCapacity((episode.length + 1) * layout.windowWidth)
            for t in 0...episode.length {
                observations += layout.window(observations: episode.observations, actions: actions, at: t)
            }
            windowed.append(
                OfflineEpisode(
                    observations: observations, actions: episode.actions, rewards: episode.rewards,
                    terminations: episode.terminations, truncations: episode.truncations, infos: episode.infos))
        }
        return try OfflineDataset(
            episodes: windowed, observationDimension: layout.windowWidth, actionDimension: 1)
    }
}
