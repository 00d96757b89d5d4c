/// Errors of the tabular offline methods: each message names the input, what was wrong and how to fix it.
public enum TabularOfflineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hyper-parameter is out of range.
    case invalidConfiguration(String)
    /// A transition does not fit the dataset's state and action counts or reward range.
    case invalidTransition(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message): "tabular offline: invalid configuration: \(message)"
        case let .invalidTransition(message): "tabular offline: invalid transition: \(message)"
        }
    }
}
