import Foundation

/// Minari and legacy D4RL HDF5 dataset files, read by SwiftRL's own HDF5 reader (every build) and written through
/// libhdf5 (HDF5 trait only).
///
/// - D4RL flat: root datasets `observations`, `actions`, `rewards`, `terminals`, `timeouts`
///   (optionally `next_observations`), interpreted like ``OfflineDataset/init(flat:actionSpace:name:)``.
/// - Minari: `<dir>/data/main_data.hdf5` with one group `episode_<i>` per episode holding `observations`
///   (T + 1 rows), `actions`, `rewards`, `terminations`, `truncations`, and `<dir>/metadata.json`.
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
            episodes.append(
                OfflineEpisode(
                    observations: observations, actions: actions,
                    rewards: try file.readFloats("\(group)/rewards").values,
                    terminations: try file.readFloats("\(group)/terminations").values.map { $0 != 0 },
                    truncations: try file.readFloats("\(group)/truncations").values.map { $0 != 0 }))
        }
        return try OfflineDataset(
            episodes: episodes, observationDimension: observationDimension, actionDimension: actionDimension)
    }
}
