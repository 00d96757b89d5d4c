import Foundation
import Tensor

/// Why a run cannot be resumed; the message names the run directory and what to do.
public enum ResumeError: Error, Equatable, CustomStringConvertible {
    /// The run has no complete checkpoint (it was stopped before the first one was written).
    case noCheckpoint(run: String)
    /// The command line resolves to a config that differs from the run's `config.yaml`.
    case configConflict(run: String, differences: [String])
    /// The checkpoint exists but cannot be read or does not fit.
    case invalidCheckpoint(path: String, reason: String)

    public var description: String {
        switch self {
        case let .noCheckpoint(run):
            return "\(run): no complete checkpoint to resume from in checkpoints/ (the run stopped before its "
                + "first checkpoint was complete). Start a new run without --resume, and checkpoint more often with "
                + "--checkpoint-every"
        case let .configConflict(run, differences):
            return "\(run): this command line differs from the run's config.yaml in "
                + differences.joined(separator: "; ")
                + ". Resume with the run's original options (see \(run)/config.yaml), or start a new run without "
                + "--resume"
        case let .invalidCheckpoint(path, reason):
            return "\(path): cannot resume from this checkpoint (\(reason)); delete it to resume from the one "
                + "before, or start a new run without --resume"
        }
    }

    /// Checks that `current` (the config this command line resolves to) equals the run's saved `config.yaml`.
    /// - Throws: ``configConflict(run:differences:)`` listing each differing key with both values; `FileIOError`
    ///   or `ConfigError` if `config.yaml` cannot be read or decoded.
    public static func checkConfig<C: Codable>(_ current: C, matches run: RunDirectory) throws {
        let saved = try ConfigLoader.load(defaults: current, yaml: try run.readConfig(), source: run.config.path)
        let now = try ConfigLoader.flattened(current), before = try ConfigLoader.flattened(saved)
        let old = Dictionary(before.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(now.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        let keys = Set(old.keys).union(new.keys).sorted()
        let differences = keys.compactMap { key -> String? in
            guard old[key] != new[key] else { return nil }
            return "\(key) (saved \(old[key] ?? "absent"), now \(new[key] ?? "absent"))"
        }
        if !differences.isEmpty { throw ResumeError.configConflict(run: run.url.path, differences: differences) }
    }
}
