import Foundation

/// Minari and legacy D4RL HDF5 dataset files, read by SwiftRL's own HDF5 reader (every build) and written through
/// libhdf5 (HDF5 trait only).
///
/// - D4RL flat: root datasets `observations`, `actions`, `rewards`, `terminals`, `timeouts`
///   (optionally `next_observations`), interpreted like ``OfflineDataset/init(flat:actionSpace:name:)``.
/// - Minari: `<dir>/data/main_data.hdf5` with one group `episode_<i>` per episode holding `observations`
///   (T + 1 rows), `actions`, `rewards`, `terminations`, `truncations`, optional `infos/<key>` (T + 1 entries,
///   the reset's first), and `<dir>/data/metadata.json` (Minari 0.5; `<dir>/metadata.json` is read too).
public enum HDF5Dataset {
    /// Reads a legacy D4RL flat HDF5 file.
    /// - Throws: ``DatasetError`` for missing keys, shape mismatches, invalid values and unreadable files.
    public static func readD4RL(from path: String) throws(DatasetError) -> OfflineDataset {
        try readD4RL(HDF5Reader(path: path))
    }

    /// Reads a Minari dataset directory (or its `main_data.hdf5` directly).
    /// - Throws: ``DatasetError`` for missing groups or keys, shape mismatches and unreadable files.
    public static func readMinari(from path: String) throws(DatasetError) -> OfflineDataset {
        try readMinari(HDF5Reader(path: path.hasSuffix(".hdf5") ? path : path + "/data/main_data.hdf5"))
    }

    static func readD4RL(_ file: HDF5Reader) throws(DatasetError) -> OfflineDataset {
        var arrays: [String: NPYArray] = [:]
        for key in ["observations", "actions", "rewards", "terminals", "timeouts", "next_observations"]
        where try file.exists(key) {
            let (values, shape) = try file.readFloats(key)
            arrays[key] = NPYArray(values, shape: shape)
        }
        return try OfflineDataset(flat: arrays, name: file.path)
    }

    static func readMinari(_ file: HDF5Reader) throws(DatasetError) -> OfflineDataset {
        let groups = try file.children(of: "/").filter { $0.hasPrefix("episode_") }
            .sorted { (Int($0.dropFirst(8)) ?? 0) < (Int($1.dropFirst(8)) ?? 0) }
        guard !groups.isEmpty else {
            throw DatasetError(.missingKey, "\(file.path): no `episode_<i>` groups; is this a Minari dataset?")
        }
        var episodes: [OfflineEpisode] = []
        var observationDimension = 0
        var actionDimension = 0
        for group in groups {
            let (observations, observationShape) = try file.readFloats("\(group)/observations")
            let (actions, actionShape) = try file.readFloats("\(group)/actions")
            observationDimension = observationShape.dropFirst().reduce(1, *)
            actionDimension = actionShape.dropFirst().reduce(1, *)
            let rewards = try file.readFloats("\(group)/rewards").values
            let (infos, resetInfo) = try readInfos(file, group: group, length: rewards.count)
            episodes.append(
                OfflineEpisode(
                    observations: observations, actions: actions, rewards: rewards,
                    terminations: try file.readFloats("\(group)/terminations").values.map { $0 != 0 },
                    truncations: try file.readFloats("\(group)/truncations").values.map { $0 != 0 },
                    infos: infos, resetInfo: resetInfo))
        }
        return try OfflineDataset(
            episodes: episodes, observationDimension: observationDimension, actionDimension: actionDimension)
    }

    /// The numeric datasets of `<group>/infos`: `length + 1` entries (Minari: the reset's info first) or `length`
    /// (SwiftRL files before 0.5-style infos). Nested info groups and non-numeric infos are skipped.
    static func readInfos(_ file: HDF5Reader, group: String, length: Int) throws(DatasetError)
        -> (infos: [String: [Float]], resetInfo: [String: Float])
    {
        guard try file.exists("\(group)/infos") else { return ([:], [:]) }
        var infos: [String: [Float]] = [:]
        var resetInfo: [String: Float] = [:]
        for key in try file.children(of: "\(group)/infos") {
            guard let (values, shape) = try? file.readFloats("\(group)/infos/\(key)"), shape.count == 1 else { continue }
            switch values.count {
            case length + 1:
                resetInfo[key] = values[0]
                infos[key] = Array(values.dropFirst())
            case length: infos[key] = values
            default:
                throw DatasetError(
                    .shape, "\(file.path): \(group)/infos/\(key) has \(values.count) entries for \(length) steps; "
                        + "Minari stores \(length + 1) (the reset's info first)")
            }
        }
        return (infos, resetInfo)
    }
}
