import Foundation

#if canImport(Glibc)
    import Glibc
    private typealias SignalHandler = sighandler_t
#elseif canImport(Darwin)
    import Darwin
    private typealias SignalHandler = sig_t
#endif

/// Per-signal counters written by the signal handler. Process-wide because POSIX signal dispositions are
/// process-wide; a C signal handler cannot capture context, so this is the one global the handler may touch.
nonisolated(unsafe) private let signalCounts: UnsafeMutablePointer<sig_atomic_t> = {
    let counts = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 65)
    counts.initialize(repeating: 0, count: 65)
    return counts
}()

/// The async-signal-safe handler: count the signal; on the second one restore the default action and re-raise.
private func countSignal(_ number: Int32) {
    guard number > 0, number < 65 else { return }
    signalCounts[Int(number)] += 1
    if signalCounts[Int(number)] >= 2 {
        signal(number, SIG_DFL)
        raise(number)
    }
}

/// Turns Ctrl-C (SIGINT, and SIGTERM) into a flag a training loop polls, so it stops cleanly after writing a
/// checkpoint instead of dying mid-update:
///
/// ```swift
/// let interrupt = InterruptMonitor()
/// defer { interrupt.stop() }
/// while step < total {
///     …
///     if interrupt.isRequested { try saveCheckpoint(); break }
/// }
/// ```
///
/// A second signal while the stop is pending restores the default action and re-raises it, so a stuck process
/// can still be killed with another Ctrl-C. Only one monitor should be active at a time.
public final class InterruptMonitor: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var previous: [(number: Int32, handler: SignalHandler?)] = []
    private let watched: [Int32]

    /// Starts watching `signals` (default SIGINT and SIGTERM).
    public init(signals: [Int32] = [SIGINT, SIGTERM]) {
        watched = signals.filter { $0 > 0 && $0 < 65 }
        for number in watched {
            signalCounts[Int(number)] = 0
            previous.append((number, signal(number, countSignal)))
        }
    }

    deinit {
        stop()
    }

    /// Whether a stop was requested by a watched signal or by ``request()``.
    public var isRequested: Bool { signalNumber != nil || flag }

    /// The watched signal that requested the stop, if any.
    public var signalNumber: Int32? {
        watched.first { signalCounts[Int($0)] > 0 }
    }

    /// Requests a stop programmatically (e.g. a wall-clock budget ran out).
    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }

    /// Stops watching and restores the previous signal actions.
    public func stop() {
        lock.lock()
        let restore = previous
        previous = []
        lock.unlock()
        for (number, handler) in restore { signal(number, handler) }
    }

    private var flag: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
