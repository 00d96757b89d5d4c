/// Why an offline dataset or dataset file could not be built, read or written. Each message names the offending
/// item and says how to fix it.
public struct DatasetError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of problem.
    public enum Kind: String, Sendable, Equatable {
        /// Array lengths or shapes disagree.
        case shape
        /// A NaN or infinite value.
        case nonFinite
        /// An action outside the action space.
        case outOfSpace
        /// A file that is truncated, corrupt or not in the expected format.
        case corrupt
        /// A required array is missing from a file.
        case missingKey
        /// A feature the reader does not support (e.g. an unknown compression method).
        case unsupported
        /// A bad argument (empty dataset, window longer than every episode, …).
        case invalidArgument
        /// Reading or writing the file failed.
        case io
    }

    /// The kind of problem.
    public var kind: Kind
    /// The full message.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
