import Foundation
import Tensor

/// What the driver remembers between sessions (`state.json` in the sweep folder): the executor, the newest
/// handle of every submitted run and its attempt count. Finished results live in `results/<run>.json`.
public struct SweepState: Codable, Sendable, Equatable {
    /// Executor of the recorded handles.
    public var executor: String
    /// Newest handle per run that was submitted and had not finished when the state was saved.
    public var inFlight: [String: JobHandle] = [:]
    /// Highest attempt number used per run (attempt numbers never repeat, so job ids and logs stay unique).
    public var attempts: [String: Int] = [:]
    /// Failure reasons per run, oldest first.
    public var failures: [String: [String]] = [:]

    /// A fresh state.
    public init(executor: String) { self.executor = executor }

    static let fileName = "state.json"

    /// Reads `<directory>/state.json`, or a fresh state if there is none.
    static func load(from directory: URL, executor: String) -> SweepState {
        let file = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: file.path),
              let state = try? JSONDecoder().decode(SweepState.self, from: data)
        else { return SweepState(executor: executor) }
        return state
    }

    /// The executor a sweep folder last ran on (`local`, `ray`, `slurm`), if it has a state file.
    public static func recordedExecutor(in directory: URL) -> String? {
        let file = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return (try? JSONDecoder().decode(SweepState.self, from: data))?.executor
    }

    /// Writes the state atomically.
    func save(in directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: directory.appendingPathComponent(Self.fileName))
    }
}

/// The finished results of a sweep folder: `results/<run id>.json`, each the JSON of the run's result line.
public enum SweepResults {
    /// The result file of `runID`.
    public static func file(_ runID: String, in directory: URL) -> URL {
        directory.appendingPathComponent("results/\(runID).json")
    }

    /// Results present for the plan's runs.
    public static func load(_ plan: RunPlan, from directory: URL) -> [String: Data] {
        var results: [String: Data] = [:]
        for run in plan.runs {
            if let data = FileManager.default.contents(atPath: file(run.id, in: directory).path), !data.isEmpty {
                results[run.id] = data
            }
        }
        return results
    }

    /// Writes one result atomically.
    static func save(_ data: Data, for runID: String, in directory: URL) throws {
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("results"), withIntermediateDirectories: true)
        try AtomicFile.write(data, to: file(runID, in: directory))
    }
}
