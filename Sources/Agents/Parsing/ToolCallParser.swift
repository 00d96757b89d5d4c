import Foundation

/// Parses one tool call out of a policy's output text.
///
/// Accepted forms (the first one found wins; text before it is kept as ``ToolCall/preamble``):
/// - a tag pair `<name>argument</name>` for a tool in ``tools`` (`<search>…</search>`, `<answer>…</answer>`,
///   `<action>…</action>`); `<think>…</think>` blocks are skipped;
/// - a JSON object `{"tool": "search", "arguments": {"query": "…"}}`, `{"name": …, "arguments": …}` or
///   `{"tool": …, "argument": "…"}` (an `arguments` object with one string value gives that value).
public struct ToolCallParser: Sendable, Equatable {
    /// The tools this parser accepts, lower-case.
    public var tools: [String]
    /// Longest accepted argument in characters (a guard against runaway generations), default 2,000.
    public var maxArgumentLength: Int

    /// A parser for `tools`.
    public init(tools: [String] = ["search", "answer", "action"], maxArgumentLength: Int = 2000) {
        self.tools = tools.map { $0.lowercased() }
        self.maxArgumentLength = maxArgumentLength
    }

    /// The tool call in `output`.
    /// - Throws: ``ToolCallParseError`` saying what was missing (no call, unknown tool, unclosed tag, empty or
    ///   too long argument, malformed JSON).
    public func parse(_ output: String) throws(ToolCallParseError) -> ToolCall {
        let text = Self.removingThinking(output)
        if let call = try parseTag(text) { return try validated(call) }
        if let call = try parseJSON(text) { return try validated(call) }
        let expected = tools.map { "<\($0)>…</\($0)>" }.joined(separator: ", ")
        throw ToolCallParseError("no tool call found; write one of \(expected) or a JSON {\"tool\": …}")
    }

    private func validated(_ call: ToolCall) throws(ToolCallParseError) -> ToolCall {
        guard tools.contains(call.name) else {
            throw ToolCallParseError("unknown tool '\(call.name)'; known tools: \(tools.joined(separator: ", "))")
        }
        guard !call.argument.isEmpty else { throw ToolCallParseError("the <\(call.name)> call has an empty argument") }
        guard call.argument.count <= maxArgumentLength else {
            throw ToolCallParseError(
                "the <\(call.name)> argument has \(call.argument.count) characters, more than \(maxArgumentLength)")
        }
        return call
    }

    private func parseTag(_ text: String) throws(ToolCallParseError) -> ToolCall? {
        var best: (range: Range<String.Index>, name: String)?
        for tool in tools {
            if let range = text.range(of: "<\(tool)>", options: .caseInsensitive),
                best.map({ range.lowerBound < $0.range.lowerBound }) ?? true
            {
                best = (range, tool)
            }
        }
        guard let (open, name) = best else { return nil }
        guard
            let close = text.range(
                of: "</\(name)>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
        else { throw ToolCallParseError("the <\(name)> tag is not closed; end it with </\(name)>") }
        let argument = String(text[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
        let preamble = String(text[..<open.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
        return ToolCall(name: name, argument: argument, preamble: preamble)
    }

    private func parseJSON(_ text: String) throws(ToolCallParseError) -> ToolCall? {
        guard let start = text.firstIndex(of: "{"), let end = text.lastIndex(of: "}"), start < end else { return nil }
        let body = String(text[start...end])
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
                throw ToolCallParseError("the JSON tool call is not an object")
            }
            object = parsed
        } catch let error as ToolCallParseError {
            throw error
        } catch {
            throw ToolCallParseError("the JSON tool call does not parse (\(error.localizedDescription)); "
                + "write {\"tool\": \"search\", \"argument\": \"…\"}")
        }
        guard let name = (object["tool"] ?? object["name"]) as? String else {
            throw ToolCallParseError("the JSON tool call has no string \"tool\" or \"name\" field")
        }
        let argument: String
        if let text = (object["argument"] ?? object["query"] ?? object["answer"]) as? String {
            argument = text
        } else if let arguments = object["arguments"] as? [String: Any], arguments.count == 1,
            let only = arguments.values.first as? String
        {
            argument = only
        } else if let arguments = object["arguments"] as? String {
            argument = arguments
        } else {
            throw ToolCallParseError("the JSON tool call '\(name)' has no string argument; add \"argument\": \"…\"")
        }
        let preamble = String(text[..<start]).trimmingCharacters(in: .whitespacesAndNewlines)
        return ToolCall(
            name: name.lowercased(), argument: argument.trimmingCharacters(in: .whitespacesAndNewlines),
            preamble: preamble)
    }

    /// `text` without `<think>…</think>` blocks (an unclosed one runs to the end).
    static func removingThinking(_ text: String) -> String {
        var out = text
        while let open = out.range(of: "<think>", options: .caseInsensitive) {
            if let close = out.range(of: "</think>", options: .caseInsensitive, range: open.upperBound..<out.endIndex) {
                out.removeSubrange(open.lowerBound..<close.upperBound)
            } else {
                out.removeSubrange(open.lowerBound..<out.endIndex)
            }
        }
        return out
    }
}
