/// Errors raised by environments and wrappers; each message says what was wrong and how to fix it.
public enum EnvironmentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `step` was called before `reset`, or after the episode ended where that is not allowed.
    case resetNeeded(String)
    /// The action is not in the action space.
    case invalidAction(String)
    /// A reset option or construction parameter is malformed.
    case invalidOption(String)
    /// A value does not fit a space (wrong shape, type or bounds).
    case spaceMismatch(String)
    /// An environment id is unknown or a registration is invalid.
    case unknownEnvironment(String)
    /// The checker found a violation of the Gymnasium API contract.
    case checkFailed(String)
    /// Something not supported by this environment or wrapper.
    case unsupported(String)

    public var description: String {
        switch self {
        case let .resetNeeded(message): "reset needed: \(message)"
        case let .invalidAction(message): "invalid action: \(message)"
        case let .invalidOption(message): "invalid option: \(message)"
        case let .spaceMismatch(message): "space mismatch: \(message)"
        case let .unknownEnvironment(message): "unknown environment: \(message)"
        case let .checkFailed(message): "environment check failed: \(message)"
        case let .unsupported(message): "unsupported: \(message)"
        }
    }
}
