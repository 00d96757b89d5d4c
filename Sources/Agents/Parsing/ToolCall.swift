import Foundation

/// A parsed tool call: `<search>capital of Veslia</search>` is `ToolCall(name: "search", argument: "capital of …")`.
public struct ToolCall: Codable, Sendable, Equatable, Hashable {
    /// The tool's name (the tag name or the JSON `tool`/`name` field), lower-cased.
    public var name: String
    /// The argument text, trimmed of surrounding white space.
    public var argument: String
    /// The text the policy wrote before the call (free reasoning; kept for transcripts).
    public var preamble: String

    /// A tool call.
    public init(name: String, argument: String, preamble: String = "") {
        self.name = name
        self.argument = argument
        self.preamble = preamble
    }

    /// The canonical tag form, `<name>argument</name>`.
    public var text: String { "<\(name)>\(argument)</\(name)>" }
}

/// Why a policy output is not a valid tool call; the message says what was expected.
public struct ToolCallParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong and how to write a valid call.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
