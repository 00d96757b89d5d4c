#if HDF5
    import Environments
    import Foundation
    import Tensor

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

        /// Writes `dataset` as a Minari dataset directory (Minari 0.5's layout, which `minari.MinariDataset(path +
        /// "/data")` opens): `data/main_data.hdf5` with one `episode_<i>` group per episode and `data/metadata.json`.
        ///
        /// Each episode's infos go to `episode_<i>/infos/<key>` with `length + 1` entries, the reset's info first, as
        /// Minari's collector stores them (a key the reset did not report is stored as 0 there).
        /// - Parameters:
        ///   - id: Minari's `dataset_id` (`namespace/name-v0`).
        ///   - spaces: The observation and action spaces, stored in Minari's serialised form so Minari needs no
        ///     environment to open the file; without them, unbounded float32 boxes of the dataset's widths.
        public static func writeMinari(
            _ dataset: OfflineDataset, to directory: String, id: String,
            spaces: (observation: Space, action: Space)? = nil
        ) throws(DatasetError) {
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
                for (key, values) in episode.infos.sorted(by: { $0.key < $1.key }) {
                    let first = episode.resetInfo[key] ?? 0
                    try file.write("\(g)/infos/\(key)", floats: [first] + values, shape: [episode.length + 1])
                }
            }
            func unbounded(_ width: Int) throws(DatasetError) -> Space {
                let infinite = [Double](repeating: .infinity, count: width)
                guard let box = try? BoxSpace(low: infinite.map { -$0 }, high: infinite) else {
                    throw DatasetError(.invalidArgument, "\(directory): cannot describe a \(width)-wide space")
                }
                return .box(box)
            }
            let observationSpace: Space, actionSpace: Space
            if let spaces {
                (observationSpace, actionSpace) = spaces
            } else {
                observationSpace = try unbounded(dataset.observationDimension)
                actionSpace = try unbounded(dataset.actionDimension)
            }
            let metadata: [String: Any] = [
                "dataset_id": id, "total_episodes": dataset.episodes.count, "total_steps": dataset.count,
                "data_format": "hdf5", "minari_version": "0.5.0",
                "observation_space": observationSpace.json.serialized(pythonStyle: true),
                "action_space": actionSpace.json.serialized(pythonStyle: true),
            ]
            do {
                let data = try JSONSerialization.data(withJSONObject: metadata, options: [.sortedKeys, .prettyPrinted])
                try AtomicFile.write(data, to: URL(fileURLWithPath: directory + "/data/metadata.json"))
            } catch {
                throw DatasetError(.io, "\(directory)/data/metadata.json: cannot write (\(error.localizedDescription))")
            }
        }
    }
#endif
