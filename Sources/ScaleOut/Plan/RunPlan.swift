import Foundation
import Tensor

/// The list of runs a sweep, benchmark or distributed reproduction consists of, computed once and written to
/// `plan.json` in the sweep folder; every executor consumes it and `--resume` re-reads it.
public struct RunPlan: Codable, Sendable, Equatable {
    /// What produced the plan.
    public enum Kind: String, Codable, Sendable {
        /// `swiftrl benchmark`: environments × seeds of one algorithm.
        case benchmark
        /// `swiftrl sweep`: configurations × environments × seeds.
        case sweep
        /// `swiftrl reproduce --executor`: a reproduction's units (arm × seed).
        case reproduce
    }

    /// Format version of `plan.json`.
    public var version = 1
    /// What produced the plan.
    public var kind: Kind
    /// Human-readable title (first line of the progress output and of the table).
    public var title: String
    /// The runs, in submission order.
    public var runs: [PlannedRun]
    /// For `reproduce`: the settings the report is built with (`id`, `quick`, `seeds`, `seed`).
    public var settings: [String: String]
    /// For sweeps and benchmarks: the threshold whose time-to-reach is reported, if any.
    public var threshold: Double?

    /// A plan; throws if run ids repeat or are not file-name safe.
    public init(
        kind: Kind, title: String, runs: [PlannedRun], settings: [String: String] = [:], threshold: Double? = nil
    ) throws(ScaleOutError) {
        var seen = Set<String>()
        for run in runs {
            guard !run.id.isEmpty, PlannedRun.safeName(run.id) == run.id else {
                throw .invalidSpec("run id '\(run.id)' must be made of letters, digits, '.', '_' and '-'")
            }
            guard seen.insert(run.id).inserted else { throw .invalidSpec("run id '\(run.id)' appears twice") }
        }
        self.kind = kind
        self.title = title
        self.runs = runs
        self.settings = settings
        self.threshold = threshold
    }

    /// File name inside the sweep folder.
    public static let fileName = "plan.json"

    /// Writes the plan to `<directory>/plan.json` (atomically), or checks that an existing plan is the same.
    /// - Throws: ``ScaleOutError/planMismatch(directory:)`` if the folder holds another plan; I/O errors.
    public func save(in directory: URL) throws {
        let file = directory.appendingPathComponent(Self.fileName)
        if FileManager.default.fileExists(atPath: file.path) {
            let existing = try Self.load(from: directory)
            guard existing == self else { throw ScaleOutError.planMismatch(directory: directory.path) }
            return
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: file)
    }

    /// Reads `<directory>/plan.json`.
    /// - Throws: ``ScaleOutError/missingPlan(directory:)`` or a decoding error naming the file.
    public static func load(from directory: URL) throws -> RunPlan {
        let file = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ScaleOutError.missingPlan(directory: directory.path)
        }
        do {
            return try JSONDecoder().decode(RunPlan.self, from: data)
        } catch {
            throw ScaleOutError.invalidSpec("\(file.path) is not a readable plan (\(error)); start a new sweep folder")
        }
    }
}
