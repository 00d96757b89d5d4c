import Foundation
import Tensor

/// Submits runs as Slurm job arrays (``SlurmScript``) with `sbatch`, follows them with `squeue`, the exit-code
/// files the tasks write and, for a task that left the queue without one, `sacct` (when accounting is on; else the
/// task counts as lost after ``lostAfter`` seconds); cancels with `scancel`. Results are read from the task logs in the (shared) sweep folder.
public final class SlurmExecutor: JobExecutor {
    public let name = "slurm"
    public let capacity = Int.max
    public let pollInterval: Double
    private let binary: String
    private let directory: URL
    private let options: SlurmOptions
    private let jobName: String
    private var submissions = 0
    private var missingSince: [JobHandle: Date] = [:]
    /// Seconds a task may be absent from `squeue` without an exit file before it counts as lost.
    public var lostAfter = 60.0

    /// An executor for the sweep in `directory` (absolute, visible to the compute nodes).
    public init(binary: String, directory: URL, options: SlurmOptions, jobName: String, pollInterval: Double = 5) {
        self.binary = binary
        self.directory = directory
        self.options = options
        self.jobName = jobName
        self.pollInterval = pollInterval
    }

    /// The script for `runs` (what `--dry-run` prints).
    public func script(for runs: [(run: PlannedRun, attempt: Int)]) -> String {
        SlurmScript.render(runs, binary: binary, directory: directory.path, jobName: jobName, options: options)
    }

    public func submit(_ runs: [(run: PlannedRun, attempt: Int)]) throws -> [JobHandle] {
        guard !runs.isEmpty else { return [] }
        let folder = directory.appendingPathComponent("slurm")
        for name in ["slurm", "logs", "status"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        submissions += 1
        let file = folder.appendingPathComponent(
            "submit-\(Int(Date().timeIntervalSince1970))-\(submissions).sbatch")
        try AtomicFile.write(script(for: runs), to: file)
        let answer = try Self.command("sbatch", ["--parsable", file.path])
        let jobID = answer.split(separator: ";").first
            .map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let jobID, !jobID.isEmpty, jobID.allSatisfy(\.isNumber) else {
            throw ScaleOutError.slurm("sbatch answered '\(answer)' instead of a job id (script: \(file.path))")
        }
        return runs.enumerated().map { index, item in
            JobHandle(runID: item.run.id, attempt: item.attempt, jobID: "\(jobID)_\(index)")
        }
    }

    public func poll(_ handles: [JobHandle]) throws -> [JobHandle: JobState] {
        var states: [JobHandle: JobState] = [:]
        var queue: [String: String]?
        for handle in handles {
            if let code = exitCode(handle) {
                let log = logFile(handle).path
                states[handle] = code == 0 ? .succeeded : .failed(reason: "exit status \(code); log: \(log)")
                missingSince[handle] = nil
                continue
            }
            if queue == nil { queue = try squeue(Set(handles.map { String($0.jobID.prefix { $0 != "_" }) })) }
            switch queue?[handle.jobID] {
            case "PENDING"?, "CONFIGURING"?, "REQUEUED"?, "SUSPENDED"?:
                states[handle] = .queued
                missingSince[handle] = nil
            case let state? where ["FAILED", "TIMEOUT", "CANCELLED", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED"]
                .contains(where: state.hasPrefix):
                states[handle] = .failed(reason: "Slurm task \(handle.jobID) \(state)")
            case .some:
                states[handle] = .running
                missingSince[handle] = nil
            case nil:
                if let final = accountingState(handle.jobID), !final.hasPrefix("COMPLETED"),
                   !["RUNNING", "PENDING", "COMPLETING"].contains(where: final.hasPrefix)
                {
                    states[handle] = .failed(reason: "Slurm task \(handle.jobID) \(final) (sacct)")
                    continue
                }
                let since = missingSince[handle] ?? Date()
                missingSince[handle] = since
                states[handle] = Date().timeIntervalSince(since) > lostAfter
                    ? .failed(reason: "Slurm task \(handle.jobID) left the queue without an exit file (lost)")
                    : .running
            }
        }
        return states
    }

    public func output(of handle: JobHandle) throws -> String {
        (try? String(contentsOf: logFile(handle), encoding: .utf8)) ?? ""
    }

    public func cancel(_ handle: JobHandle) throws {
        _ = try? Self.command("scancel", [handle.jobID])
    }

    private func logFile(_ handle: JobHandle) -> URL {
        directory.appendingPathComponent("logs/\(handle.runID).\(handle.attempt).log")
    }

    private func exitCode(_ handle: JobHandle) -> Int? {
        let file = directory.appendingPathComponent("status/\(handle.runID).\(handle.attempt).exit")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The task's state in Slurm's accounting (`sacct`), nil when accounting is off or does not know it yet.
    private func accountingState(_ jobID: String) -> String? {
        let arguments = ["-n", "-P", "-X", "-j", jobID, "-o", "JobID,State"]
        let text = (try? Self.command("sacct", arguments, allowFailure: true)) ?? ""
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "|")
            if parts.count == 2, parts[0] == jobID { return String(parts[1]) }
        }
        return nil
    }

    /// `jobid_task → state` for the given array jobs.
    private func squeue(_ jobs: Set<String>) throws -> [String: String] {
        let text = try Self.command("squeue", ["-h", "-r", "-j", jobs.sorted().joined(separator: ","), "-o", "%i|%T"],
                                    allowFailure: true)
        var states: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "|")
            if parts.count == 2 { states[String(parts[0])] = String(parts[1]) }
        }
        return states
    }

    /// Runs a Slurm command line tool and returns its standard output.
    static func command(_ tool: String, _ arguments: [String], allowFailure: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw ScaleOutError.slurm("cannot run \(tool): \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 {
            throw ScaleOutError.slurm("\(tool) is not installed here; run on a Slurm login node, or use --dry-run to "
                + "print the job script")
        }
        if process.terminationStatus != 0 && !allowFailure {
            throw ScaleOutError.slurm("\(tool) \(arguments.joined(separator: " ")) failed: \(errorText)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
