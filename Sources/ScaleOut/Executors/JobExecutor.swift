import Foundation

/// Where a submitted job stands, as the engine reports it.
public enum JobState: Equatable, Sendable {
    /// Accepted, not started (Ray PENDING, Slurm PENDING).
    case queued
    /// Running.
    case running
    /// Exited with status 0.
    case succeeded
    /// Exited with an error, was stopped, or the engine lost it; `reason` says which.
    case failed(reason: String)

    /// Whether the job will not change state any more.
    public var isFinal: Bool {
        switch self {
        case .succeeded, .failed: return true
        case .queued, .running: return false
        }
    }
}

/// A submitted job: which run, which attempt, and the engine's id for it.
public struct JobHandle: Codable, Sendable, Hashable {
    /// ``PlannedRun/id``.
    public var runID: String
    /// 1 for the first submission, 2 for the first retry, …
    public var attempt: Int
    /// The engine's id (process id, Ray submission id, Slurm `jobid_task`).
    public var jobID: String

    /// A handle.
    public init(runID: String, attempt: Int, jobID: String) {
        self.runID = runID
        self.attempt = attempt
        self.jobID = jobID
    }
}

/// A cluster engine (or the local machine) that runs `swiftrl` command lines.
///
/// The ``SweepDriver`` owns the plan, the retries and the results; an executor only submits, polls, fetches a
/// finished job's output and cancels. Results travel in the job's output as a ``ResultLine``, so an executor
/// needs no shared file system (Slurm's logs are files in the sweep folder, which must therefore be shared).
public protocol JobExecutor: AnyObject {
    /// `local`, `ray` or `slurm` (recorded in the sweep state).
    var name: String { get }
    /// Jobs the driver keeps in flight at most.
    var capacity: Int { get }
    /// Seconds between polls.
    var pollInterval: Double { get }
    /// Submits `runs` (attempt numbers given per run); returns one handle per run, in order.
    func submit(_ runs: [(run: PlannedRun, attempt: Int)]) throws -> [JobHandle]
    /// The states of `handles`; a handle the engine no longer knows is `.failed` with a reason.
    func poll(_ handles: [JobHandle]) throws -> [JobHandle: JobState]
    /// The job's combined output so far (the result line is its last `swiftrl-result:` line).
    func output(of handle: JobHandle) throws -> String
    /// Stops a queued or running job (no error if it already ended).
    func cancel(_ handle: JobHandle) throws
}
