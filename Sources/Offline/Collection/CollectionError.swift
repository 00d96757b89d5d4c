/// Why a dataset could not be collected: the message names what was wrong and how to fix it.
public struct CollectionError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The message.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
