import Foundation

/// Runs each job as a child process of the driver, at most `jobs` at once; output goes to
/// `<sweep>/logs/<run>.<attempt>.log`.
public final class LocalExecutor: JobExecutor {
    public let name = "local"
    public let capacity: Int
    public let pollInterval = 0.1
    private let binary: URL
    private let directory: URL
    private var processes: [JobHandle: Process] = [:]

    /// An executor running `binary` (the `swiftrl` executable) for a sweep in `directory`.
    public init(binary: URL, directory: URL, jobs: Int) {
        self.binary = binary
        self.directory = directory
        capacity = max(1, jobs)
    }

    /// The log file of `handle`.
    public func logFile(_ handle: JobHandle) -> URL {
        directory.appendingPathComponent("logs/\(handle.runID).\(handle.attempt).log")
    }

    public func submit(_ runs: [(run: PlannedRun, attempt: Int)]) throws -> [JobHandle] {
        let logs = directory.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        return try runs.map { item in
            let process = Process()
            process.executableURL = binary
            process.arguments = item.run.resolvedArguments(output: directory.path)
            process.currentDirectoryURL = directory
            var handle = JobHandle(runID: item.run.id, attempt: item.attempt, jobID: "")
            let log = logFile(handle)
            guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
                throw ScaleOutError.invalidSpec("cannot create \(log.path); check that the sweep folder is writable")
            }
            let output = try FileHandle(forWritingTo: log)
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            try? output.close()
            handle.jobID = "\(process.processIdentifier)"
            processes[handle] = process
            return handle
        }
    }

    public func poll(_ handles: [JobHandle]) throws -> [JobHandle: JobState] {
        var states: [JobHandle: JobState] = [:]
        for handle in handles {
            guard let process = processes[handle] else {
                states[handle] = .failed(reason: "process \(handle.jobID) belongs to an earlier driver")
                continue
            }
            if process.isRunning {
                states[handle] = .running
            } else if process.terminationReason == .uncaughtSignal {
                states[handle] = .failed(reason: "killed by signal \(process.terminationStatus)")
            } else if process.terminationStatus == 0 {
                states[handle] = .succeeded
            } else {
                let log = logFile(handle).path
                states[handle] = .failed(reason: "exit status \(process.terminationStatus); log: \(log)")
            }
            if states[handle]?.isFinal == true { processes[handle] = nil }
        }
        return states
    }

    public func output(of handle: JobHandle) throws -> String {
        (try? String(contentsOf: logFile(handle), encoding: .utf8)) ?? ""
    }

    public func cancel(_ handle: JobHandle) throws {
        processes[handle]?.terminate()
    }
}
