/// A contiguous slice of one episode (for history-based methods): `length` steps from `start`.
public struct TrajectoryWindow: Sendable, Equatable {
    /// The episode index.
    public var episode: Int
    /// The first step.
    public var start: Int
    /// `(length + 1) × observationDimension` observations (including the one after the last step).
    public var observations: [Float]
    /// `length × actionDimension` actions.
    public var actions: [Float]
    /// `length` rewards.
    public var rewards: [Float]
    /// `length` termination flags.
    public var terminations: [Bool]
}

extension OfflineDataset {
    /// The window of `length` steps starting at step `start` of episode `episode`.
    /// - Throws: ``DatasetError`` when the window does not fit in the episode.
    public func window(episode: Int, start: Int, length: Int) throws(DatasetError) -> TrajectoryWindow {
        guard episodes.indices.contains(episode) else {
            throw DatasetError(.invalidArgument, "episode \(episode) does not exist (0..<\(episodes.count))")
        }
        let e = episodes[episode]
        guard length > 0, start >= 0, start + length <= e.length else {
            throw DatasetError(
                .invalidArgument,
                "window \(start)..<\(start + length) does not fit episode \(episode) of \(e.length) steps")
        }
        let o = observationDimension
        let a = actionDimension
        return TrajectoryWindow(
            episode: episode, start: start,
            observations: Array(e.observations[start * o..<(start + length + 1) * o]),
            actions: Array(e.actions[start * a..<(start + length) * a]),
            rewards: Array(e.rewards[start..<start + length]),
            terminations: Array(e.terminations[start..<start + length]))
    }

    /// `batchSize` windows of `length` steps, each start uniform over every valid (episode, start) pair.
    /// - Throws: ``DatasetError`` when no episode has `length` steps.
    public func sampleWindows(
        length: Int, batchSize: Int, using rng: inout some RandomNumberGenerator
    ) throws(DatasetError) -> [TrajectoryWindow] {
        let starts = episodes.map { max(0, $0.length - length + 1) }
        let total = starts.reduce(0, +)
        guard length > 0, total > 0 else {
            throw DatasetError(
                .invalidArgument,
                "no episode has \(length) steps (longest: \(episodes.map(\.length).max() ?? 0)); use a shorter window")
        }
        var windows = [TrajectoryWindow]()
        for _ in 0..<max(0, batchSize) {
            var pick = rng.int(below: total)
            var episode = 0
            while pick >= starts[episode] {
                pick -= starts[episode]
                episode += 1
            }
            windows.append(try window(episode: episode, start: pick, length: length))
        }
        return windows
    }
}
