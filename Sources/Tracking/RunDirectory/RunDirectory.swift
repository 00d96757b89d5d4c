import Foundation
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A run directory, `runs/<env>__<algo>__<seed>__<unixtime>/`, and the paths of everything in it:
///
/// ```
/// config.yaml                       resolved config (enough to rerun the run)
/// metrics.csv                       one row per log step (CSVSink)
/// metrics.jsonl                     optional JSONL twin (JSONLSink)
/// events.out.tfevents.<time>.<host> TensorBoard (TensorBoardSink), one more file per resume
/// checkpoints/step_<n>.safetensors  weights
/// checkpoints/step_<n>.json         sidecar, written last (commit marker)
/// curve.svg                         learning curve, rewritten at the end
/// ```
///
/// Whole files (config, curve, checkpoints) are written with `AtomicFile.write`; append-style files go through
/// ``AppendFile`` and are repaired by ``prepareForResume(fromStep:)``.
public struct RunDirectory: Hashable, Sendable {
    /// The directory.
    public let url: URL

    /// An existing run directory.
    /// - Throws: `FileIOError` if `url` is not an existing directory.
    public init(existing url: URL) throws(FileIOError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let reason =
                "no such run directory; pass a directory created by `swiftrl train` "
                + "(runs/<env>__<algo>__<seed>__<time>)"
            throw FileIOError(path: url.path, reason: reason)
        }
        self.url = url.standardizedFileURL
    }

    /// Creates a new, empty run directory `<root>/<env>__<algo>__<seed>__<unixtime>`.
    ///
    /// Collision-safe: the final directory is created with `mkdir(2)`, which fails if it exists, and then the
    /// next name (`…-1`, `…-2`, …) is tried, so concurrent runs never share a directory.
    /// - Parameters:
    ///   - root: the parent folder (created if missing), `runs` by default.
    ///   - clock: gives the unix time of the name.
    /// - Throws: `FileIOError` if the root or the run directory cannot be created.
    public static func create(
        root: URL = URL(fileURLWithPath: "runs"), environment: String, algorithm: String, seed: UInt64,
        clock: WallClock = .system
    ) throws(FileIOError) -> RunDirectory {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw FileIOError(path: root.path, reason: "cannot create the runs folder (\(error.localizedDescription))")
        }
        var name = RunName(environment: environment, algorithm: algorithm, seed: seed, unixTime: Int(clock.now()))
        while true {
            let candidate = root.appendingPathComponent(name.description, isDirectory: true)
            if mkdir(candidate.path, 0o755) == 0 { return try RunDirectory(existing: candidate) }
            guard errno == EEXIST, name.collisionIndex < 10_000 else {
                let text = FileIOError.describe(errno: errno)
                throw FileIOError(
                    path: candidate.path, reason: "cannot create run directory (\(text)); check permissions")
            }
            name.collisionIndex += 1
        }
    }

    /// The parsed name, or `nil` if the directory does not follow the naming convention.
    public var name: RunName? { RunName(parsing: url.lastPathComponent) }

    /// `config.yaml`.
    public var config: URL { url.appendingPathComponent("config.yaml") }
    /// `metrics.csv`.
    public var metricsCSV: URL { url.appendingPathComponent("metrics.csv") }
    /// `metrics.jsonl`.
    public var metricsJSONL: URL { url.appendingPathComponent("metrics.jsonl") }
    /// `curve.svg`.
    public var curveSVG: URL { url.appendingPathComponent("curve.svg") }
    /// `checkpoints/`.
    public var checkpointsDirectory: URL { url.appendingPathComponent("checkpoints", isDirectory: true) }

    /// The files of the checkpoint at `step` (they need not exist yet).
    public func checkpoint(step: Int) -> CheckpointFiles {
        CheckpointFiles(directory: checkpointsDirectory, step: step)
    }

    /// All complete checkpoints (weights and sidecar present), by increasing step.
    /// - Throws: `FileIOError` if the checkpoints folder exists but cannot be listed.
    public func checkpoints() throws(FileIOError) -> [CheckpointFiles] {
        let names = try list(checkpointsDirectory)
        let steps = Set(names.compactMap(CheckpointFiles.step(fromFileName:)))
        return steps.sorted().map(checkpoint(step:)).filter(\.isComplete)
    }

    /// The complete checkpoint with the highest step, the one a resume continues from; `nil` if there is none.
    /// - Throws: `FileIOError` if the checkpoints folder cannot be listed.
    public func latestCheckpoint() throws(FileIOError) -> CheckpointFiles? {
        try checkpoints().last
    }

    /// Deletes all but the newest `count` complete checkpoints (at least one is always kept), together with any
    /// incomplete ones older than those kept.
    /// - Throws: `FileIOError` if a file cannot be removed.
    public func pruneCheckpoints(keepingLast count: Int) throws(FileIOError) {
        let all = try checkpoints()
        let keep = max(count, 1)
        guard all.count > keep else { return }
        let oldestKept = all[all.count - keep].step
        for name in try list(checkpointsDirectory) {
            guard let step = CheckpointFiles.step(fromFileName: name), step < oldestKept else { continue }
            let file = checkpointsDirectory.appendingPathComponent(name)
            do {
                try FileManager.default.removeItem(at: file)
            } catch {
                throw FileIOError(
                    path: file.path, reason: "cannot delete old checkpoint (\(error.localizedDescription))")
            }
        }
    }

    /// The TensorBoard event files in the directory, oldest first (by name: the unix time comes first).
    /// - Throws: `FileIOError` if the directory cannot be listed.
    public func eventFiles() throws(FileIOError) -> [URL] {
        try list(url).filter { $0.hasPrefix("events.out.tfevents.") }.sorted().map { url.appendingPathComponent($0) }
    }

    /// Writes the resolved config as `config.yaml`, atomically.
    /// - Throws: `FileIOError` if the file cannot be written.
    public func writeConfig(_ yaml: String) throws(FileIOError) {
        try AtomicFile.write(yaml, to: config)
    }

    /// Writes a resolved config struct as `config.yaml` (see ``ConfigLoader``), atomically.
    /// - Throws: `ConfigError.encodingFailed` or `FileIOError`.
    public func writeConfig<C: Encodable>(_ config: C) throws {
        try writeConfig(try ConfigLoader.yaml(config))
    }

    /// Reads `config.yaml`.
    /// - Throws: `FileIOError` if it is missing or not UTF-8.
    public func readConfig() throws(FileIOError) -> String {
        do {
            return try String(contentsOf: config, encoding: .utf8)
        } catch {
            throw FileIOError(
                path: config.path,
                reason: "cannot read the run's config (\(error.localizedDescription)); is this a run directory?")
        }
    }

    private func list(_ directory: URL) throws(FileIOError) -> [String] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw FileIOError(path: directory.path, reason: "cannot list (\(error.localizedDescription))")
        }
    }
}
