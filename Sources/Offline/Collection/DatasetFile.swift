import Environments
import Foundation
import Tensor

/// Reads and writes datasets together with their ``DatasetMetadata`` and reference returns.
///
/// - `.npz`: the D4RL flat arrays, plus `ref_min_score` / `ref_max_score` (float64 scalars, D4RL's names for the
///   random and expert references) and `metadata` (the metadata JSON as uint8 bytes:
///   `json.loads(bytes(np.load(path)["metadata"]))`).
/// - `.hdf5`: the D4RL flat layout plus `ref_min_score` / `ref_max_score` datasets (shape [1]).
/// - a Minari directory: `data/main_data.hdf5` + `metadata.json`, into which `ref_min_score`,
///   `ref_max_score` (Minari's keys for `get_normalized_score`), `env_id` and `swiftrl_collection` are added.
///
/// HDF5 is read in every build by SwiftRL's own reader; writing HDF5 needs the HDF5 trait (libhdf5).
public enum DatasetFile {
    /// The layouts.
    public enum Format: String, Sendable, CaseIterable {
        /// NumPy `.npz`, D4RL flat arrays.
        case npz
        /// D4RL flat HDF5.
        case d4rl
        /// Minari directory.
        case minari

        /// `.npz` → npz, `.hdf5`/`.h5` → d4rl, anything else (a directory) → minari.
        public init(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "npz": self = .npz
            case "hdf5", "h5": self = .d4rl
            default: self = .minari
            }
        }
    }

    /// Writes `dataset` and `metadata` to `path`, atomically per file.
    /// - Throws: ``DatasetError`` for I/O failures or an HDF5 format without the HDF5 trait (writing needs libhdf5).
    public static func write(
        _ dataset: OfflineDataset, metadata: DatasetMetadata?, to path: String, format: Format? = nil
    ) throws(DatasetError) {
        let format = format ?? Format(path: path)
        let metadataJSON: Data?
        do { metadataJSON = try metadata?.json() } catch { throw DatasetError(.invalidArgument, error.message) }
        switch format {
        case .npz:
            var arrays = dataset.flatArrays()
            if let references = metadata?.references {
                arrays["ref_min_score"] = scalar(references.random)
                arrays["ref_max_score"] = scalar(references.expert)
            }
            if let metadataJSON {
                arrays["metadata"] = NPYArray(shape: [metadataJSON.count], elementType: .uint8, bytes: [UInt8](metadataJSON))
            }
            try NPZ.write(arrays, to: URL(fileURLWithPath: path))
        case .d4rl, .minari:
            #if HDF5
                if format == .d4rl {
                    try HDF5Dataset.writeD4RL(dataset, to: path)
                    if let references = metadata?.references {
                        let file = try HDF5File(updating: path)
                        defer { file.close() }
                        try file.write("ref_min_score", floats: [Float(references.random)], shape: [1])
                        try file.write("ref_max_score", floats: [Float(references.expert)], shape: [1])
                    }
                } else {
                    try HDF5Dataset.writeMinari(
                        dataset, to: path, id: minariID(metadata), spaces: metadata.flatMap { spaces(of: $0.environmentID) })
                    try mergeMinariMetadata(metadata, into: path)
                }
            #else
                throw DatasetError(
                    .unsupported, "\(path): HDF5 output needs the HDF5 trait (swift build --traits HDF5); write .npz")
            #endif
        }
    }

    /// Reads a dataset and whatever metadata and reference returns it carries.
    /// - Throws: ``DatasetError`` for unreadable or invalid files.
    public static func read(from path: String, actionSpace: BoxSpace? = nil) throws(DatasetError)
        -> (dataset: OfflineDataset, metadata: DatasetMetadata?, references: ReferenceReturns?)
    {
        switch Format(path: path) {
        case .npz:
            let url = URL(fileURLWithPath: path)
            let arrays = try NPZ.read(from: url)
            let dataset = try OfflineDataset(flat: arrays, actionSpace: actionSpace, name: url.lastPathComponent)
            let metadata = arrays["metadata"].flatMap { try? JSONDecoder().decode(DatasetMetadata.self, from: Data($0.bytes)) }
            var references = metadata?.references
            if let low = arrays["ref_min_score"].flatMap(firstDouble), let high = arrays["ref_max_score"].flatMap(firstDouble) {
                references = ReferenceReturns(random: low, expert: high)
            }
            return (dataset, metadata, references)
        case .d4rl, .minari:
            return try readHDF5(path)
        }
    }

    /// The first element as a `Double` (float64 read exactly, other types through `floats()`).
    static func firstDouble(_ array: NPYArray) -> Double? {
        guard array.count > 0 else { return nil }
        if array.elementType == .float64 {
            return array.bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: Double.self) }
        }
        return array.floats().first.map(Double.init)
    }

    /// A float64 scalar array.
    static func scalar(_ value: Double) -> NPYArray {
        NPYArray(shape: [], elementType: .float64, bytes: withUnsafeBytes(of: value) { Array($0) })
    }

    /// Reads a Minari directory or an `.hdf5` file (D4RL flat or a Minari `main_data.hdf5`) with the Swift reader.
    static func readHDF5(_ path: String) throws(DatasetError)
        -> (dataset: OfflineDataset, metadata: DatasetMetadata?, references: ReferenceReturns?)
    {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        guard exists else { throw DatasetError(.io, "\(path): no such file or directory") }
        if isDirectory.boolValue {
            let dataset = try HDF5Dataset.readMinari(from: path)
            // Minari 0.5 keeps metadata.json next to main_data.hdf5; SwiftRL files before it, one level up.
            let json = [path + "/data/metadata.json", path + "/metadata.json"].lazy
                .compactMap { try? Data(contentsOf: URL(fileURLWithPath: $0)) }.first
                .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
            let metadata = (json["swiftrl_collection"] as? String).flatMap {
                try? JSONDecoder().decode(DatasetMetadata.self, from: Data($0.utf8))
            }
            var references = metadata?.references
            if let low = (json["ref_min_score"] as? NSNumber)?.doubleValue,
                let high = (json["ref_max_score"] as? NSNumber)?.doubleValue
            {
                references = ReferenceReturns(random: low, expert: high)
            }
            return (dataset, metadata, references)
        }
        let file = try HDF5Reader(path: path)
        let isMinari = try file.children(of: "/").contains { $0.hasPrefix("episode_") }
        var references: ReferenceReturns?
        if try file.exists("ref_min_score"), try file.exists("ref_max_score") {
            let low = try file.readFloats("ref_min_score").values.first
            let high = try file.readFloats("ref_max_score").values.first
            if let low, let high { references = ReferenceReturns(random: Double(low), expert: Double(high)) }
        }
        let dataset = isMinari ? try HDF5Dataset.readMinari(file) : try HDF5Dataset.readD4RL(file)
        return (dataset, nil, references)
    }

    #if HDF5
        /// Minari's `dataset_id` for a SwiftRL recipe: `swiftrl/<env>-<recipe>-v0` (lower case, other characters `_`).
        static func minariID(_ metadata: DatasetMetadata?) -> String {
            guard let metadata else { return "swiftrl/dataset-v0" }
            let name = "\(metadata.environmentID)-\(metadata.recipe)".lowercased().map {
                $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_"
            }
            return "swiftrl/" + String(name) + "-v0"
        }

        /// The registered environment's spaces, if `id` is registered here.
        static func spaces(of id: String) -> (observation: Space, action: Space)? {
            guard let environment = try? EnvironmentRegistry.standard.make(id) else { return nil }
            return (environment.observationSpace, environment.actionSpace)
        }

        static func mergeMinariMetadata(_ metadata: DatasetMetadata?, into directory: String) throws(DatasetError) {
            guard let metadata else { return }
            let url = URL(fileURLWithPath: directory + "/data/metadata.json")
            do {
                var json = (try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]) ?? [:]
                json["env_id"] = metadata.environmentID
                if let references = metadata.references {
                    json["ref_min_score"] = references.random
                    json["ref_max_score"] = references.expert
                }
                json["swiftrl_collection"] = String(decoding: try metadata.json(), as: UTF8.self)
                let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .prettyPrinted])
                try AtomicFile.write(data, to: url)
            } catch { throw DatasetError(.io, "\(url.path): cannot add the collection metadata (\(error))") }
        }
    #endif
}

#if HDF5
    import CHDF5

    extension HDF5File {
        /// Opens an existing file for reading and writing (`H5F_ACC_RDWR`, value 1 in every libhdf5 release).
        init(updating path: String) throws(DatasetError) {
            swiftrl_h5_silence_errors()
            let handle = H5Fopen(path, 1, swiftrl_h5p_default())
            guard handle >= 0 else { throw DatasetError(.io, "\(path): cannot open the HDF5 file for writing") }
            id = handle
            self.path = path
        }
    }
#endif
