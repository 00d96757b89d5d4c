import Environments
import Foundation
import Tensor

/// NumPy `.npz` archives (a ZIP of `.npy` files) and the D4RL flat layout stored in them.
public enum NPZ {
    /// Reads every array of an `.npz` file, keyed by name without the `.npy` suffix.
    /// - Throws: ``DatasetError`` for unreadable, truncated or corrupt files.
    public static func read(from url: URL) throws(DatasetError) -> [String: NPYArray] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DatasetError(.io, "\(url.path): cannot read (\(error.localizedDescription))")
        }
        return try parse([UInt8](data), name: url.lastPathComponent)
    }

    /// Parses `.npz` bytes.
    public static func parse(_ bytes: [UInt8], name: String = "archive.npz") throws(DatasetError) -> [String: NPYArray]
    {
        var arrays: [String: NPYArray] = [:]
        for (entry, contents) in try ZipArchive.read(bytes, name: name) {
            let key = entry.hasSuffix(".npy") ? String(entry.dropLast(4)) : entry
            arrays[key] = try NPYArray.parse(contents, name: "\(name)/\(entry)")
        }
        return arrays
    }

    /// Writes arrays as an uncompressed `.npz` (like `numpy.savez`), atomically, keys in sorted order.
    /// - Throws: ``DatasetError`` when the file cannot be written.
    public static func write(_ arrays: [String: NPYArray], to url: URL) throws(DatasetError) {
        let bytes = try ZipArchive.write(
            arrays.keys.sorted().compactMap { key in
                arrays[key].map { ("\(key).npy", $0.serialized()) }
            })
        do { try AtomicFile.write(Data(bytes), to: url) } catch {
            throw DatasetError(.io, error.description)
        }
    }

    /// Reads a D4RL-style flat dataset from an `.npz` file.
    /// - Throws: ``DatasetError`` for missing keys, shape mismatches and invalid values.
    public static func readDataset(from url: URL, actionSpace: BoxSpace? = nil) throws(DatasetError) -> OfflineDataset {
        try OfflineDataset(flat: read(from: url), actionSpace: actionSpace, name: url.lastPathComponent)
    }

    /// Writes `dataset` in the D4RL flat layout (observations, actions, rewards, terminals, timeouts,
    /// next_observations) plus `episode_lengths` so episodes round-trip exactly.
    public static func writeDataset(_ dataset: OfflineDataset, to url: URL) throws(DatasetError) {
        try write(dataset.flatArrays(), to: url)
    }
}
