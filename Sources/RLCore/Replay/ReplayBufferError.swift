/// Errors from creating, filling, sampling, saving or loading a ``ReplayBuffer``; each message says what was
/// wrong and how to fix it.
public enum ReplayBufferError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A size or hyper-parameter is out of range (non-positive capacity, α < 0, …).
    case invalidConfiguration(String)
    /// The requested capacity would need more memory than the budget allows.
    case memoryBudgetExceeded(String)
    /// A transition or batch request does not fit the buffer (wrong widths, empty buffer, …).
    case shapeMismatch(String)
    /// A saved buffer could not be read or does not fit this buffer.
    case persistence(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message): "replay buffer: invalid configuration: \(message)"
        case let .memoryBudgetExceeded(message): "replay buffer: memory budget exceeded: \(message)"
        case let .shapeMismatch(message): "replay buffer: \(message)"
        case let .persistence(message): "replay buffer file: \(message)"
        }
    }
}
