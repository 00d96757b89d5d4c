/// An error while building or loading a language model: says what was wrong, where, and how to fix it.
public struct LanguageModelError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
