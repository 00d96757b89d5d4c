#if HDF5
    import Foundation

    extension HDF5Dataset {
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
