import Foundation
import Tensor
import Tracking

extension CheckpointFiles {
    /// The pair `<stem>.safetensors` / `<stem>.json` for a weights file (or either file of the pair).
    public init(weights url: URL) {
        let stem = url.deletingPathExtension()
        let name = stem.lastPathComponent
        self.init(directory: stem.deletingLastPathComponent(), step: CheckpointFiles.step(fromFileName: name + ".json") ?? 0)
        weights = stem.appendingPathExtension("safetensors")
        sidecar = stem.appendingPathExtension("json")
    }
}

extension TrainingCheckpoint {
    /// The safetensors bytes of ``tensors`` (float32 / float64 entries, sorted by name).
    /// - Throws: `TrainingCheckpointError.invalidSidecar` if a tensor cannot be stored.
    public func weightsData() throws(TrainingCheckpointError) -> Data {
        var entries: [String: SafetensorsEntry] = [:]
        do {
            for (name, tensor) in tensors {
                switch tensor.dtype {
                case .float32: entries[name] = try SafetensorsEntry(shape: tensor.shape, floats: tensor.floats)
                case .float64: entries[name] = try SafetensorsEntry(shape: tensor.shape, doubles: tensor.doubles)
                }
            }
        } catch {
            throw .invalidSidecar("cannot store tensors as safetensors (\(error))")
        }
        return SafetensorsArchive(entries: entries, metadata: ["format": "pt", "writer": "swiftrl"]).serialized()
    }

    /// Writes the weights, then the sidecar (the commit marker), each atomically.
    /// - Throws: `TrainingCheckpointError` or `FileIOError`.
    public func write(to files: CheckpointFiles) throws {
        try FileManager.default.createDirectory(
            at: files.weights.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(try weightsData(), to: files.weights)
        try AtomicFile.write(sidecar, to: files.sidecar)
    }

    /// Writes the checkpoint into a run through `session` (metrics flushed first, old checkpoints pruned).
    /// - Throws: `TrainingCheckpointError` or `FileIOError`.
    @discardableResult
    public func save(in session: RunSession) throws -> CheckpointFiles {
        try session.saveCheckpoint(step: try header().step, weights: try weightsData(), sidecar: sidecar)
    }

    /// Reads a checkpoint pair.
    /// - Throws: `TrainingCheckpointError.unreadable` if a file is missing or malformed.
    public static func read(files: CheckpointFiles) throws(TrainingCheckpointError) -> TrainingCheckpoint {
        let archive: SafetensorsArchive
        do {
            archive = try SafetensorsArchive.read(from: files.weights)
        } catch {
            throw .unreadable(path: files.weights.path, reason: "\(error)")
        }
        let sidecar: Data
        do {
            sidecar = try Data(contentsOf: files.sidecar)
        } catch {
            throw .unreadable(path: files.sidecar.path, reason: "missing or unreadable sidecar (\(error.localizedDescription))")
        }
        var tensors: [String: Tensor] = [:]
        for (name, entry) in archive.entries {
            do {
                tensors[name] =
                    entry.dtype == .float64
                    ? Tensor(try entry.doubles(), shape: entry.shape) : Tensor(try entry.floats(), shape: entry.shape)
            } catch {
                throw .unreadable(path: files.weights.path, reason: "tensor `\(name)`: \(error)")
            }
        }
        return TrainingCheckpoint(tensors: tensors, sidecarJSON: sidecar)
    }

    /// Reads the checkpoint at `url`: a run directory (its newest complete checkpoint), a `.safetensors` file or
    /// a `.json` sidecar.
    /// - Throws: `TrainingCheckpointError.notFound` or `.unreadable`.
    public static func read(from url: URL) throws -> TrainingCheckpoint {
        try read(files: try locate(url))
    }

    /// The checkpoint files `url` refers to (see ``read(from:)``).
    /// - Throws: `TrainingCheckpointError.notFound`.
    public static func locate(_ url: URL) throws -> CheckpointFiles {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw TrainingCheckpointError.notFound(path: url.path)
        }
        if isDirectory.boolValue {
            let run = try RunDirectory(existing: url)
            guard let latest = try run.latestCheckpoint() else { throw TrainingCheckpointError.notFound(path: url.path) }
            return latest
        }
        let files = CheckpointFiles(weights: url)
        guard files.isComplete else { throw TrainingCheckpointError.notFound(path: url.path) }
        return files
    }
}
