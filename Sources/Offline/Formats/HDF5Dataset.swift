#if HDF5
    import Foundation

    /// Minari and legacy D4RL HDF5 dataset files (HDF5 trait only).
    ///
    /// - D4RL flat: root datasets `observations`, `actions`, `rewards`, `terminals`, `timeouts`
    ///   (optionally `next_observations`), interpreted like ``OfflineDataset/init(flat:actionSpace:name:)``.
    /// - Minari: `<dir>/data/main_data.hdf5` with one group `episode_<i>` per episode holding `observations`
    ///   (T + 1 rows), `actions`, `rewards`, `terminations`, `truncations`, and `<dir>/metadata.json`.
    public enum HDF5Dataset {
        /// Reads a legacy D4RL flat HDF5 file.
        /// - Throws: ``DatasetError`` for missing keys, shape mismatches, invalid values and unreadable files.
        public static func readD4RL(from path: String) throws(DatasetError) -> OfflineDataset {
            let file = try HDF5File(reading: path)
            defer { file.close() }
            var arrays: [String: NPYArray] = [:]
            for key in ["observations", "actions", "rewards", "terminals", "timeouts", "next_observations"]
            where file.exists(key) {
                let (values, shape) = try file.readFloats(key)
                arrays[key] = NPYArray(values, shape: shape)
            }
            return try OfflineDataset(flat: arrays, name: path)
        }

        /// Writes `dataset` as a D4RL flat HDF5 file (float32 data, uint8 flags).
        public static func writeD4RL(_ dataset: OfflineDataset, to path: String) throws(DatasetError) {
            let file = try HDF5File(creating: path)
            defer { file.close() }
            let t = dataset.transitions
            let n = t.count
            try file.write("observations", floats: t.observations, shape: [n, dataset.observationDimension])
            try file.write("next_observations", floats: t.nextObservations, shape: [n, dataset.observationDimension])
            try file.write("actions", floats: t.actions, shape: [n, dataset.actionDimension])
            try file.write("rewards", floats: t.rewards, shape: [n])
            try file.write("terminals", bools: t.terminals, shape: [n])
            try file.write("timeouts", bools: t.timeouts, shape: [n])
        }

        /// Reads a Minari dataset directory (or its `main_data.hdf5` directly).
        public static func readMinari(from path: String) throws(DatasetError) -> OfflineDataset {
            let dataPath = path.hasSuffix(".hdf5") ? path : path + "/data/main_data.hdf5"
            let file = try HDF5File(reading: dataPath)
            defer { file.close() }
            let groups = file.children(of: "/").filter { $0.hasPrefix("episode_") }
                .sorted { (Int($0.dropFirst(8)) ?? 0) < (Int($1.dropFirst(8)) ?? 0) }
            guard !groups.isEmpty else {
                throw DatasetError(.missingKey, "\(dataPath): no `episode_<i>` groups; is this a Minari dataset?")
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

        /// Writes `dataset` as a Minari-layout directory: `data/main_data.hdf5` and `metadata.json`.
        public static func writeMinari(_ dataset: OfflineDataset, to directory: String, id: String) throws(DatasetError)
        {
            do {
                try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
            } catch { throw DatasetError(.io, "\(directory): cannot create (\(error.localizedDescription))") }
            let file = try HDF5File(creating: directory + "/data/main_data.hdf5")
            defer { file.close() }
            let o = dataset.observationDimension
            let a = dataset.actionDimension
            for (index, episode) in dataset.episodes.enumerated() {
                let g = "episode_\(index)"
                try file.write("\(g)/observations", floats: episode.observations, shape: [episode.length + 1, o])
                try file.write("\(g)/actions", floats: episode.actions, shape: [episode.length, a])
                try file.write("\(g)/rewards", floats: episode.rewards, shape: [episode.length])
                try file.write("\(g)/terminations", bools: episode.terminations, shape: [episode.length])
                try file.write("\(g)/truncations", bools: episode.truncations, shape: [episode.length])
            }
            let metadata: [String: Any] = [
                "dataset_id": id, "total_episodes": dataset.episodes.count, "total_steps": dataset.count,
                "data_format": "hdf5", "minari_version": "0.5.0",
            ]
            do {
                let data = try JSONSerialization.data(withJSONObject: metadata, options: [.sortedKeys, .prettyPrinted])
                try data.write(to: URL(fileURLWithPath: directory + "/metadata.json"), options: .atomic)
            } catch {
                throw DatasetError(.io, "\(directory)/metadata.json: cannot write (\(error.localizedDescription))")
            }
        }
    }
#endif
