import Foundation

/// Submits each run as one Ray job through the Jobs REST API (``RayJobsClient``).
///
/// The entrypoint is the quoted `swiftrl` command line (``ShellQuoting``) run with the binary path the workers
/// see (`workerBinary`); `{output}` becomes `sharedDirectory` when the user gives one (run directories then land
/// there), else a per-job folder under the worker's `/tmp`. Results come back in the job's logs.
public final class RayExecutor: JobExecutor {
    public let name = "ray"
    public let capacity: Int
    public let pollInterval: Double
    /// The REST client.
    public let client: RayJobsClient
    private let workerBinary: String
    private let sharedDirectory: String?
    private let cpusPerJob: Double?
    private let runtimeEnvironment: [String: String]
    private let workingDirectory: String?
    private let prefix: String

    /// An executor.
    /// - Parameters:
    ///   - client: the Ray Jobs client.
    ///   - sweepName: part of every submission id (`swiftrl-<sweepName>-<run>-a<attempt>`), so ids are unique.
    ///   - workerBinary: path of `swiftrl` on the worker nodes.
    ///   - sharedDirectory: a folder every node and the driver see (optional).
    ///   - cpusPerJob: `entrypoint_num_cpus` of each job (Ray queues jobs until that many CPUs are free).
    ///   - environment: `runtime_env.env_vars`.
    ///   - workingDirectory: `runtime_env.working_dir` (a local folder Ray uploads, or a remote URI).
    ///   - maxInFlight: jobs submitted but not finished at most.
    public init(
        client: RayJobsClient, sweepName: String, workerBinary: String, sharedDirectory: String?, cpusPerJob: Double?,
        environment: [String: String] = [:], workingDirectory: String? = nil, maxInFlight: Int = 256,
        pollInterval: Double = 1
    ) {
        self.client = client
        self.workerBinary = workerBinary
        self.sharedDirectory = sharedDirectory
        self.cpusPerJob = cpusPerJob
        runtimeEnvironment = environment
        self.workingDirectory = workingDirectory
        capacity = max(1, maxInFlight)
        self.pollInterval = pollInterval
        prefix = "swiftrl-" + PlannedRun.safeName(sweepName)
    }

    /// The entrypoint of `run` (exposed for tests of the quoting).
    public func entrypoint(_ run: PlannedRun, attempt: Int) -> String {
        let output = sharedDirectory ?? "/tmp/\(prefix)/\(run.id).a\(attempt)"
        var command = ShellQuoting.commandLine([workerBinary] + run.resolvedArguments(output: output))
        if sharedDirectory == nil { command = "mkdir -p " + ShellQuoting.quote(output) + " && " + command }
        return command
    }

    public func submit(_ runs: [(run: PlannedRun, attempt: Int)]) throws -> [JobHandle] {
        var environment: [String: Any] = [:]
        if !runtimeEnvironment.isEmpty { environment["env_vars"] = runtimeEnvironment }
        if let workingDirectory { environment["working_dir"] = workingDirectory }
        return try runs.map { item in
            let id = "\(prefix)-\(item.run.id)-a\(item.attempt)"
            if try client.info(id) == nil {  // a resumed driver may find the job already submitted
                try client.submit(
                    entrypoint: entrypoint(item.run, attempt: item.attempt), submissionID: id, cpus: cpusPerJob,
                    runtimeEnvironment: environment, metadata: ["swiftrl_run": item.run.id])
            }
            return JobHandle(runID: item.run.id, attempt: item.attempt, jobID: id)
        }
    }

    public func poll(_ handles: [JobHandle]) throws -> [JobHandle: JobState] {
        var states: [JobHandle: JobState] = [:]
        for handle in handles {
            guard let info = try client.info(handle.jobID) else {
                states[handle] = .failed(reason: "Ray no longer knows job \(handle.jobID) (head restarted?)")
                continue
            }
            switch info.status {
            case "PENDING": states[handle] = .queued
            case "RUNNING": states[handle] = .running
            case "SUCCEEDED": states[handle] = .succeeded
            case "STOPPED": states[handle] = .failed(reason: "job \(handle.jobID) was stopped")
            default:
                states[handle] = .failed(reason: "job \(handle.jobID) \(info.status): \(info.message ?? "")")
            }
        }
        return states
    }

    public func output(of handle: JobHandle) throws -> String { try client.logs(handle.jobID) }

    public func cancel(_ handle: JobHandle) throws { try client.stop(handle.jobID) }
}
