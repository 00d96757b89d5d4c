import Tensor

/// A destination for training metrics: the console, a CSV or JSONL file, a TensorBoard event file, ….
///
/// Algorithms never talk to a sink directly; they log through ``MetricLogger``, which fans out to every sink.
/// Sinks may buffer; ``flush()`` makes everything logged so far durable (files: one `write` plus `fsync`).
/// Tags should be the constants in ``MetricTag``. Steps are global environment steps and non-decreasing.
public protocol MetricSink: AnyObject {
    /// Records a scalar `value` for `tag` at environment step `step`.
    /// - Throws: `FileIOError` if a file sink cannot write.
    func scalar(_ tag: String, _ value: Double, step: Int) throws(FileIOError)

    /// Records a text (markdown) entry, e.g. the hyper-parameter table under ``MetricTag/hyperparameters``.
    /// - Throws: `FileIOError` if a file sink cannot write.
    func text(_ tag: String, _ text: String, step: Int) throws(FileIOError)

    /// Writes buffered entries out and makes them durable.
    /// - Throws: `FileIOError` if writing or syncing fails.
    func flush() throws(FileIOError)

    /// Flushes and releases the sink; later calls throw or are ignored.
    /// - Throws: `FileIOError` if the final flush fails.
    func close() throws(FileIOError)
}

/// A source of wall-clock time in seconds since 1970, injectable so tests are deterministic.
public struct WallClock {
    /// Returns the current time in seconds since the Unix epoch.
    public var now: () -> Double

    /// A clock reading `now`.
    public init(now: @escaping () -> Double) {
        self.now = now
    }

    /// The system clock.
    public static var system: WallClock {
        WallClock { Double(clockTimeNanoseconds(realtime: true)) / 1e9 }
    }

    /// A monotonic clock (seconds since an arbitrary origin) for measuring durations such as SPS and ETA.
    public static var monotonic: WallClock {
        WallClock { Double(clockTimeNanoseconds(realtime: false)) / 1e9 }
    }

    /// A clock that always reads `time`.
    public static func fixed(_ time: Double) -> WallClock {
        WallClock { time }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `clock_gettime` in nanoseconds.
private func clockTimeNanoseconds(realtime: Bool) -> UInt64 {
    var spec = timespec()
    clock_gettime(realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}
