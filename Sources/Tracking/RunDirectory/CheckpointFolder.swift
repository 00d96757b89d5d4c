import Foundation
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A checkpoint stored as a folder, `checkpoints/step_<n>/`, for runs whose state is several files (a Hugging Face
/// model directory plus optimizer and trainer state: `swiftrl rlvr train`, `swiftrl rlvr pretrain`).
///
/// The folder is filled under a hidden temporary name (`.step_<n>.partial-<pid>-<random>`), then
/// `checkpoint.json` (a ``CheckpointManifest`` listing every file and its size) is written last, and the folder
/// is renamed into place. A folder counts as complete only when its name is `step_<n>`, its manifest parses and
/// every listed file has the listed size, so a run killed mid-write never leaves a checkpoint that reads as valid.
public struct CheckpointFolder: Hashable, Sendable {
    /// The step the checkpoint was taken at.
    public var step: Int
    /// `checkpoints/step_<n>/`.
    public var url: URL

    /// The folder for `step` inside `directory` (the run's `checkpoints/` folder); it need not exist.
    public init(directory: URL, step: Int) {
        self.step = step
        url = directory.appendingPathComponent("step_\(step)", isDirectory: true)
    }

    /// `checkpoint.json`, the commit marker.
    public var manifestURL: URL { url.appendingPathComponent(CheckpointManifest.fileName) }

    /// The step of a folder name `step_<n>`, else `nil`.
    public static func step(fromFolderName name: String) -> Int? {
        guard name.hasPrefix("step_"), !name.contains(".") else { return nil }
        return Int(name.dropFirst(5)).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The manifest, if the folder is complete: the manifest parses, names this step, and every listed file
    /// exists with its listed size.
    public func completeManifest() -> CheckpointManifest? {
        guard let data = try? Data(contentsOf: manifestURL),
            let manifest = try? JSONDecoder().decode(CheckpointManifest.self, from: data), manifest.step == step
        else { return nil }
        for (name, size) in manifest.files {
            let path = url.appendingPathComponent(name).path
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                (attributes[.size] as? NSNumber)?.intValue == size
            else { return nil }
        }
        return manifest
    }

    /// Whether the folder holds a complete checkpoint (see ``completeManifest()``).
    public var isComplete: Bool { completeManifest() != nil }
}

/// `checkpoint.json` of a ``CheckpointFolder``: what wrote it and every file with its size in bytes.
public struct CheckpointManifest: Codable, Equatable, Sendable {
    /// The manifest's file name.
    public static let fileName = "checkpoint.json"
    /// Always `swiftrl-checkpoint`.
    public var format = "swiftrl-checkpoint"
    /// Format version.
    public var version = 1
    /// The kind of run (`rlvr`, `sft`, …), checked when resuming.
    public var kind: String
    /// The step.
    public var step: Int
    /// Every file in the folder (relative path → size in bytes), the manifest excepted.
    public var files: [String: Int]

    /// A manifest.
    public init(kind: String, step: Int, files: [String: Int]) {
        self.kind = kind
        self.step = step
        self.files = files
    }
}

extension RunDirectory {
    /// The folder of the checkpoint at `step` (it need not exist).
    public func checkpointFolder(step: Int) -> CheckpointFolder {
        CheckpointFolder(directory: checkpointsDirectory, step: step)
    }

    /// All complete checkpoint folders, by increasing step.
    /// - Throws: `FileIOError` if the checkpoints folder exists but cannot be listed.
    public func checkpointFolders() throws(FileIOError) -> [CheckpointFolder] {
        let steps = Set(try listCheckpoints().compactMap(CheckpointFolder.step(fromFolderName:)))
        return steps.sorted().map(checkpointFolder(step:)).filter(\.isComplete)
    }

    /// The complete checkpoint folder with the highest step; `nil` if there is none.
    /// - Throws: `FileIOError` if the checkpoints folder cannot be listed.
    public func latestCheckpointFolder() throws(FileIOError) -> CheckpointFolder? {
        try checkpointFolders().last
    }

    /// Writes the checkpoint folder for `step`: `contents` fills a temporary folder, the manifest is written last,
    /// and the folder is renamed to `checkpoints/step_<n>/` (replacing an older folder of that step).
    /// - Parameters:
    ///   - kind: recorded in the manifest (``CheckpointManifest/kind``).
    ///   - contents: writes the checkpoint's files into the folder it is given.
    /// - Throws: `FileIOError` if a folder cannot be created, listed or renamed, or what `contents` throws.
    @discardableResult
    public func writeCheckpointFolder(
        step: Int, kind: String, contents: (URL) throws -> Void
    ) throws -> CheckpointFolder {
        let manager = FileManager.default
        let folder = checkpointFolder(step: step)
        let temporary = checkpointsDirectory.appendingPathComponent(
            ".step_\(step).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))", isDirectory: true)
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw FileIOError(path: temporary.path, reason: "cannot create (\(error.localizedDescription))")
        }
        do {
            try contents(temporary)
            var files: [String: Int] = [:]
            for name in try FileManager.default.subpathsOfDirectory(atPath: temporary.path) {
                let path = temporary.appendingPathComponent(name).path
                let attributes = try manager.attributesOfItem(atPath: path)
                guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                files[name] = (attributes[.size] as? NSNumber)?.intValue ?? 0
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let manifest = CheckpointManifest(kind: kind, step: step, files: files)
            let manifestURL = temporary.appendingPathComponent(CheckpointManifest.fileName)
            try AtomicFile.write(try encoder.encode(manifest), to: manifestURL)
            if manager.fileExists(atPath: folder.url.path) {
                let old = checkpointsDirectory.appendingPathComponent(".step_\(step).replaced-\(getpid())")
                try? manager.removeItem(at: old)
                try manager.moveItem(at: folder.url, to: old)
                try? manager.removeItem(at: old)
            }
            if rename(temporary.path, folder.url.path) != 0 {
                let code = errno
                let text = FileIOError.describe(errno: code)
                throw FileIOError(path: folder.url.path, reason: "cannot rename the checkpoint into place (\(text))")
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
        return folder
    }

    /// Deletes all but the newest `count` complete checkpoint folders (at least one is kept), incomplete folders
    /// older than those kept, and temporary folders left by killed writers.
    /// - Throws: `FileIOError` if a folder cannot be removed.
    public func pruneCheckpointFolders(keepingLast count: Int) throws(FileIOError) {
        let all = try checkpointFolders()
        let oldestKept = all.count > max(count, 1) ? all[all.count - max(count, 1)].step : (all.first?.step ?? 0)
        for name in try listCheckpoints() {
            let stale = name.hasPrefix(".step_") && (name.contains(".partial-") || name.contains(".replaced-"))
            let old = CheckpointFolder.step(fromFolderName: name).map { $0 < oldestKept } ?? false
            guard stale || old else { continue }
            let url = checkpointsDirectory.appendingPathComponent(name)
            do { try FileManager.default.removeItem(at: url) } catch {
                let reason = "cannot delete old checkpoint (\(error.localizedDescription))"
                throw FileIOError(path: url.path, reason: reason)
            }
        }
    }

    private func listCheckpoints() throws(FileIOError) -> [String] {
        guard FileManager.default.fileExists(atPath: checkpointsDirectory.path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: checkpointsDirectory.path)
        } catch {
            throw FileIOError(path: checkpointsDirectory.path, reason: "cannot list (\(error.localizedDescription))")
        }
    }
}
