import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where human-readable text (console metrics, progress lines) goes. Injectable so tests can capture output.
public protocol TextOutput: AnyObject {
    /// Whether the output is an interactive terminal (then carriage-return progress lines are used).
    var isTerminal: Bool { get }
    /// Writes `text` as-is (no newline is added).
    func write(_ text: String)
}

/// Standard output or standard error of the process.
public final class StandardTextOutput: TextOutput, Sendable {
    /// Which standard stream to write to.
    public enum Stream: Sendable { case output, error }

    private let descriptor: Int32

    /// Writes to the given standard stream.
    public init(_ stream: Stream = .output) {
        descriptor = stream == .output ? STDOUT_FILENO : STDERR_FILENO
    }

    /// `isatty` on the underlying descriptor.
    public var isTerminal: Bool { isatty(descriptor) == 1 }

    public func write(_ text: String) {
        _ = Posix.writeAll(descriptor, Array(text.utf8))  // a closed pipe is not worth failing a run for
    }
}

/// Collects everything written into a string; for tests and for capturing a summary. Thread-safe.
public final class BufferedTextOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    /// Everything written so far.
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
    /// Reported as the terminal flag, so tests can exercise both progress modes.
    public let isTerminal: Bool

    /// An empty buffer that claims to be (or not be) a terminal.
    public init(isTerminal: Bool = false) {
        self.isTerminal = isTerminal
    }

    public func write(_ text: String) {
        lock.lock()
        buffer += text
        lock.unlock()
    }
}
