import Tensor

/// A batch of environments stepped together, with observations as one float32 matrix of shape
/// `(count, observationSize)` — what online RL algorithms consume.
///
/// Results live in buffers owned by the vector environment (no per-step allocation); read them after each
/// `reset`/`step` through the properties or ``withObservations(_:)``. The concrete type,
/// ``VectorEnvironment``, is generic over the environment so its inner loop has no existential dispatch;
/// this protocol is used where the environment is picked at run time (e.g. from an id).
public protocol FlatVectorEnvironment {
    /// The number of sub-environments.
    var count: Int { get }
    /// Floats per observation (`obsDim`).
    var observationSize: Int { get }
    /// Floats per action: 1 for discrete actions.
    var actionSize: Int { get }
    /// One sub-environment's observation space.
    var singleObservationSpace: Space { get }
    /// One sub-environment's action space.
    var singleActionSpace: Space { get }
    /// Includes ``EnvironmentMetadata/autoresetMode``.
    var metadata: EnvironmentMetadata { get }

    /// Observations, row-major `(count, observationSize)`.
    var observations: [Float] { get }
    /// Rewards of the last step, one per sub-environment.
    var rewards: [Double] { get }
    /// `terminated` flags of the last step.
    var terminations: [Bool] { get }
    /// `truncated` flags of the last step.
    var truncations: [Bool] { get }
    /// Episode statistics for sub-environments whose episode ended in the last step.
    var finishedEpisodes: [FinishedEpisode] { get }

    /// Resets every sub-environment; with a seed `s`, sub-environment `i` gets `s + i` (as Gymnasium).
    /// - Throws: ``EnvironmentError`` from a sub-environment.
    mutating func reset(seed: UInt64?) throws(EnvironmentError)

    /// Steps with one discrete action per sub-environment.
    /// - Throws: ``EnvironmentError/invalidAction(_:)`` for a wrong count or value.
    mutating func step(discreteActions: [Int]) throws(EnvironmentError)

    /// Steps with `count × actionSize` floats, row-major.
    /// - Throws: ``EnvironmentError/invalidAction(_:)`` for a wrong count or value.
    mutating func step(flatActions: [Float]) throws(EnvironmentError)

    /// Calls `body` with the observation buffer, without copying.
    func withObservations<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R
}

/// Statistics of an episode that ended in the last vector step.
public struct FinishedEpisode: Equatable, Sendable {
    /// The sub-environment index.
    public var index: Int
    /// The undiscounted return.
    public var episodeReturn: Double
    /// The number of steps.
    public var length: Int
    /// Whether it ended by termination (rather than truncation).
    public var terminated: Bool
}

/// How a vector environment uses threads.
public enum VectorParallelism: Equatable, Sendable {
    /// Step every sub-environment on the calling thread (Gymnasium's `SyncVectorEnv`).
    case serial
    /// Split sub-environments into contiguous chunks stepped on up to `threads` threads with
    /// `DispatchQueue.concurrentPerform`; batches smaller than `minimumPerThread` per thread run serially.
    case threads(Int, minimumPerThread: Int = 32)
    /// Time both serial and threaded stepping (up to `threads` threads) and use whichever is currently faster,
    /// re-checking the slower one every 32 steps — useful on shared machines where other processes compete for
    /// cores. Results are identical either way; only the speed changes.
    case adaptive(threads: Int)

    /// What ``ThreadBudget`` allows: ``adaptive(threads:)`` over its count when above 1, else ``serial``.
    public static var budget: VectorParallelism {
        let threads = ThreadBudget.threads
        return threads > 1 ? .adaptive(threads: threads) : .serial
    }
}

/// Running cost estimates for ``VectorParallelism/adaptive(threads:)``.
struct AdaptiveSchedule: Sendable {
    var serialNanoseconds: Double?
    var threadedNanoseconds: Double?
    var steps = 0

    /// Whether the next step should use threads.
    mutating func useThreads() -> Bool {
        steps += 1
        guard let serial = serialNanoseconds else { return false }
        guard let threaded = threadedNanoseconds else { return true }
        let preferThreads = threaded < serial
        return steps % 32 == 0 ? !preferThreads : preferThreads
    }

    /// Records how long a step took.
    mutating func record(nanoseconds: Double, threaded: Bool) {
        if threaded {
            threadedNanoseconds = threadedNanoseconds.map { 0.8 * $0 + 0.2 * nanoseconds } ?? nanoseconds
        } else {
            serialNanoseconds = serialNanoseconds.map { 0.8 * $0 + 0.2 * nanoseconds } ?? nanoseconds
        }
    }
}
