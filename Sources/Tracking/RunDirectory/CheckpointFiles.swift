import Foundation

/// The two files of one checkpoint: `checkpoints/step_<n>.safetensors` (weights) and `checkpoints/step_<n>.json`
/// (sidecar: config, spaces, normalisation statistics, optimizer and RNG state, step counters).
///
/// Write the weights first and the sidecar last, each with `AtomicFile.write`: the sidecar is the commit
/// marker, so a checkpoint whose sidecar is missing (the run was killed in between) is ignored by
/// ``RunDirectory/latestCheckpoint()``.
public struct CheckpointFiles: Hashable, Sendable {
    /// The global environment step the checkpoint was taken at.
    public var step: Int
    /// `step_<n>.safetensors`.
    public var weights: URL
    /// `step_<n>.json`.
    public var sidecar: URL

    /// The files for `step` inside `directory` (the run's `checkpoints/` folder).
    public init(directory: URL, step: Int) {
        self.step = step
        weights = directory.appendingPathComponent("step_\(step).safetensors")
        sidecar = directory.appendingPathComponent("step_\(step).json")
    }

    /// The step of a checkpoint file name `step_<n>.safetensors` or `step_<n>.json`, else `nil`.
    public static func step(fromFileName name: String) -> Int? {
        guard name.hasPrefix("step_") else { return nil }
        let stem = name.dropFirst(5)
        for suffix in [".safetensors", ".json"] where stem.hasSuffix(suffix) {
            return Int(stem.dropLast(suffix.count)).flatMap { $0 >= 0 ? $0 : nil }
        }
        return nil
    }

    /// Whether both files exist.
    public var isComplete: Bool {
        FileManager.default.fileExists(atPath: weights.path) && FileManager.default.fileExists(atPath: sidecar.path)
    }
}
