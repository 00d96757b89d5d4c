import Foundation

/// How many threads SwiftRL's parallel paths may use in this process: vector-environment stepping (each
/// sub-environment keeps its own random stream, so results are identical for any count) and, when set
/// explicitly, OpenBLAS's GEMM threads.
///
/// The default is `SWIFTRL_THREADS` from the environment if set, else the cores available. The command line's
/// `--threads N` calls ``set(_:)``, which also exports `SWIFTRL_THREADS` so child processes (`benchmark --jobs`,
/// sweeps) inherit the count.
public enum ThreadBudget {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var current = initialCount(
        ProcessInfo.processInfo.environment["SWIFTRL_THREADS"], cores: ProcessInfo.processInfo.activeProcessorCount)

    /// The thread count, at least 1.
    public static var threads: Int {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Sets the thread count for this process and its children.
    /// - Parameters:
    ///   - count: threads, at least 1 (smaller values are raised to 1).
    ///   - openBLAS: whether OpenBLAS gets the same count (it collapses when another process holds a core it
    ///     waits for, so the default budget leaves it at 1; `--threads` passes `true`).
    public static func set(_ count: Int, openBLAS: Bool = true) {
        let value = max(1, count)
        lock.lock()
        current = value
        lock.unlock()
        setenv("SWIFTRL_THREADS", "\(value)", 1)
        if openBLAS { GEMM.setThreads(value) }
    }

    /// The count `SWIFTRL_THREADS` asks for, or `cores` when it is unset or not a positive integer.
    static func initialCount(_ setting: String?, cores: Int) -> Int {
        if let setting, let value = Int(setting.trimmingCharacters(in: .whitespaces)), value > 0 { return value }
        return max(1, cores)
    }
}
