import Environments
import Tensor

extension OfflineDataset {
    /// Builds a dataset from D4RL's flat layout: `observations` (N × o), `actions` (N × a), `rewards` (N),
    /// `terminals` (N), and optionally `timeouts` (N), `next_observations` (N × o), `episode_lengths`.
    ///
    /// Episodes end at `episode_lengths` when given, else after each step with `terminals` or `timeouts` set (and at
    /// the end of the arrays, as a truncation). The final observation is `next_observations` of the last step; without
    /// `next_observations`, a timed-out episode drops its last step (its successor is unknown, as in D4RL's
    /// `qlearning_dataset`) and a terminated one repeats its last observation (never bootstrapped).
    /// - Throws: ``DatasetError`` for missing keys, mismatched lengths and invalid values.
    public init(flat arrays: [String: NPYArray], actionSpace: BoxSpace? = nil, name: String = "dataset")
        throws(DatasetError)
    {
        func required(_ key: String) throws(DatasetError) -> NPYArray {
            guard let array = arrays[key] else {
                throw DatasetError(
                    .missingKey,
                    "\(name): no `\(key)` array (found: \(arrays.keys.sorted().joined(separator: ", "))); "
                        + "D4RL layout needs "
                        + "observations, actions, rewards, terminals")
            }
            return array
        }
        let observationArray = try required("observations")
        let actionArray = try required("actions")
        let n = observationArray.shape.first ?? 0
        guard n > 0 else { throw DatasetError(.shape, "\(name): `observations` is empty") }
        let o = observationArray.count / n
        let a = actionArray.count / max(1, actionArray.shape.first ?? 1)
        func checkRows(_ key: String, _ array: NPYArray, width: Int) throws(DatasetError) {
            guard array.shape.first == n, array.count == n * width else {
                throw DatasetError(
                    .shape,
                    "\(name): `\(key)` has shape \(array.shape), expected \(n) rows of \(width) (like observations)")
            }
        }
        try checkRows("actions", actionArray, width: a)
        let rewardArray = try required("rewards")
        try checkRows("rewards", rewardArray, width: 1)
        let terminalArray = try required("terminals")
        try checkRows("terminals", terminalArray, width: 1)
        let observations = observationArray.floats()
        let actions = actionArray.floats()
        let rewards = rewardArray.floats()
        let terminals = terminalArray.bools()
        var timeouts = [Bool](repeating: false, count: n)
        if let array = arrays["timeouts"] {
            try checkRows("timeouts", array, width: 1)
            timeouts = array.bools()
        }
        var next: [Float]?
        if let array = arrays["next_observations"] {
            try checkRows("next_observations", array, width: o)
            next = array.floats()
        }
        var ends: [Int] = []
        if let stored = arrays["episode_lengths"]?.floats() {
            var lengths: [Int] = []
            for (index, value) in stored.enumerated() {
                do {
                    lengths.append(
                        try CheckedDecoding.integer(
                            value, field: "episode_lengths[\(index)]", file: name, range: 1...max(n, 1)))
                } catch {
                    throw DatasetError(.shape, error.description)
                }
            }
            guard lengths.reduce(0, +) == n else {
                throw DatasetError(.shape, "\(name): `episode_lengths` must be positive and sum to \(n)")
            }
            ends = lengths.reduce(into: []) { $0.append(($0.last ?? 0) + $1) }
        } else {
            ends = (0..<n).filter { terminals[$0] || timeouts[$0] }.map { $0 + 1 }
            if ends.last != n { ends.append(n) }
        }
        var infos: [String: [Float]] = [:]
        for (key, array) in arrays where key.hasPrefix("infos/") {
            try checkRows(key, array, width: 1)
            infos[String(key.dropFirst(6))] = array.floats()
        }
        var resetInfos: [String: [Float]] = [:]
        for (key, array) in arrays where key.hasPrefix("reset_infos/") {
            guard array.shape == [ends.count] else {
                throw DatasetError(
                    .shape, "\(name): `\(key)` has shape \(array.shape); expected [\(ends.count)], one per episode")
            }
            resetInfos[String(key.dropFirst(12))] = array.floats()
        }
        var episodes: [OfflineEpisode] = []
        var start = 0
        for (index, end) in ends.enumerated() {
            var stop = end
            var final: ArraySlice<Float>
            if let next {
                final = next[(end - 1) * o..<end * o]
            } else if terminals[end - 1] {
                final = observations[(end - 1) * o..<end * o]
            } else {
                stop = end - 1
                final = observations[stop * o..<end * o]
            }
            if stop > start {
                var truncations = Array(timeouts[start..<stop])
                truncations[truncations.count - 1] = !terminals[stop - 1]
                episodes.append(
                    OfflineEpisode(
                        observations: Array(observations[start * o..<stop * o]) + Array(final),
                        actions: Array(actions[start * a..<stop * a]), rewards: Array(rewards[start..<stop]),
                        terminations: Array(terminals[start..<stop]), truncations: truncations,
                        infos: infos.mapValues { Array($0[start..<stop]) },
                        resetInfo: resetInfos.mapValues { $0[index] }))
            }
            start = end
        }
        try self.init(episodes: episodes, observationDimension: o, actionDimension: a, actionSpace: actionSpace)
    }

    /// The D4RL flat arrays of this dataset (float32 data, bool flags) plus `episode_lengths` (int64) and one
    /// `infos/<key>` array (N) per info every episode recorded, and one `reset_infos/<key>` array (one entry per
    /// episode) per reset-info entry every episode recorded.
    public func flatArrays() -> [String: NPYArray] {
        let t = transitions
        let n = t.count
        let lengths = episodes.map { Int64($0.length) }
        var arrays: [String: NPYArray] = [:]
        var shared = Set(episodes.first.map { Array($0.infos.keys) } ?? [])
        for episode in episodes.dropFirst() { shared.formIntersection(episode.infos.keys) }
        for key in shared {
            arrays["infos/" + key] = NPYArray(episodes.flatMap { $0.infos[key] ?? [] }, shape: [n])
        }
        var sharedReset = Set(episodes.first.map { Array($0.resetInfo.keys) } ?? [])
        for episode in episodes.dropFirst() { sharedReset.formIntersection(episode.resetInfo.keys) }
        for key in sharedReset {
            arrays["reset_infos/" + key] = NPYArray(episodes.map { $0.resetInfo[key] ?? 0 }, shape: [episodes.count])
        }
        return arrays.merging([
            "observations": NPYArray(t.observations, shape: [n, observationDimension]),
            "next_observations": NPYArray(t.nextObservations, shape: [n, observationDimension]),
            "actions": NPYArray(t.actions, shape: [n, actionDimension]),
            "rewards": NPYArray(t.rewards, shape: [n]),
            "terminals": NPYArray(t.terminals, shape: [n]),
            "timeouts": NPYArray(t.timeouts, shape: [n]),
            "episode_lengths": NPYArray(
                shape: [lengths.count], elementType: .int64, bytes: lengths.withUnsafeBytes { Array($0) }),
        ]) { _, new in new }
    }
}
