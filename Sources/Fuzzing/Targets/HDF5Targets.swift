import Foundation
import Offline

/// Minari dataset directories (`data/main_data.hdf5` + `data/metadata.json`) and D4RL flat `.hdf5` files, read through
/// SwiftRL's own HDF5 reader as `swiftrl offline train --dataset` does (every build; the HDF5 trait adds seeds
/// written by SwiftRL's libhdf5 writer).
enum HDF5Targets {
    static let minari = FuzzTarget(
        name: "hdf5",
        summary: "Minari directories (main_data.hdf5 + metadata.json) and D4RL flat .hdf5 files (Swift HDF5 reader)",
        parts: [.binary, .text],
        seeds: {
            let metadata = try decoded(HDF5Seeds.metadata)
            var seeds = [
                [try decoded(HDF5Seeds.minari), metadata],
                [try decoded(HDF5Seeds.d4rl), metadata],
                [try decoded(HDF5Seeds.chunked), metadata],
            ]
            #if HDF5
                seeds += try libhdf5Seeds()
            #endif
            return seeds
        },
        decode: { parts, scratch in
            // The same bytes as a Minari directory and as a single file (D4RL flat, or Minari's data file).
            let directory = scratch.appendingPathComponent("minari")
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
            try Data(parts[0]).write(to: directory.appendingPathComponent("data/main_data.hdf5"))
            try Data(parts[1]).write(to: directory.appendingPathComponent("data/metadata.json"))
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

    private static func decoded(_ base64: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
            throw FuzzRejected(description: "HDF5Seeds: invalid base64")
        }
        return [UInt8](data)
    }

    #if HDF5
        /// A Minari directory and a D4RL file written by SwiftRL's libhdf5 writer.
        private static func libhdf5Seeds() throws -> [[[UInt8]]] {
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
            let json = [UInt8](try Data(contentsOf: URL(fileURLWithPath: minari + "/data/metadata.json")))
            return [
                [[UInt8](try Data(contentsOf: URL(fileURLWithPath: minari + "/data/main_data.hdf5"))), json],
                [[UInt8](try Data(contentsOf: URL(fileURLWithPath: d4rl))), json],
            ]
        }
    #endif
}
