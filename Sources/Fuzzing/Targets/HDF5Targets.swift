#if HDF5
    import Foundation
    import Offline

    /// Minari dataset directories (`data/main_data.hdf5` + `metadata.json`) and D4RL flat `.hdf5` files, read
    /// through libhdf5 as `swiftrl offline train --dataset` does (HDF5 trait only).
    enum HDF5Targets {
        static let minari = FuzzTarget(
            name: "hdf5",
            summary: "Minari directories (main_data.hdf5 + metadata.json) and D4RL flat .hdf5 files (libhdf5)",
            parts: [.binary, .text],
            seeds: {
                let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "swiftrl-fuzz-seed-\(ProcessInfo.processInfo.processIdentifier)-hdf5")
                defer { try? FileManager.default.removeItem(at: scratch) }
                try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
                let dataset = try OfflineDataset(flat: OfflineTargets.flatArrays, actionSpace: nil, name: "seed")
                let metadata = DatasetMetadata(
                    environmentID: "Pendulum-v1", recipe: "mixed", seed: 3,
                    references: ReferenceReturns(random: -1200, expert: -150),
                    parts: [.init(source: "random", behaviour: "uniform", episodes: dataset.episodes)])
                let minari = scratch.appendingPathComponent("minari").path
                try DatasetFile.write(dataset, metadata: metadata, to: minari, format: .minari)
                let d4rl = scratch.appendingPathComponent("flat.hdf5").path
                try DatasetFile.write(dataset, metadata: metadata, to: d4rl, format: .d4rl)
                let json = [UInt8](try Data(contentsOf: URL(fileURLWithPath: minari + "/metadata.json")))
                return [
                    [[UInt8](try Data(contentsOf: URL(fileURLWithPath: minari + "/data/main_data.hdf5"))), json],
                    [[UInt8](try Data(contentsOf: URL(fileURLWithPath: d4rl))), json],
                ]
            },
            decode: { parts, scratch in
                // The same bytes as a Minari directory and as a single file (D4RL flat, or Minari's data file).
                let directory = scratch.appendingPathComponent("minari")
                try FileManager.default.createDirectory(
                    at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
                try Data(parts[0]).write(to: directory.appendingPathComponent("data/main_data.hdf5"))
                try Data(parts[1]).write(to: directory.appendingPathComponent("metadata.json"))
                let file = scratch.appendingPathComponent("flat.hdf5")
                try Data(parts[0]).write(to: file)
                var errors: [String] = []
                for path in [directory.path, file.path] {
                    do {
                        let read = try DatasetFile.read(from: path)
                        _ = (read.dataset.count, read.metadata?.environmentID, read.references?.expert)
                    } catch { errors.append("\(error)") }
                }
                if errors.count == 2 { throw FuzzRejected(description: errors.joined(separator: "; ")) }
            })
    }
#endif
