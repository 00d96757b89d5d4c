import Foundation

/// RLVMR's meta-reasoning tags (digest §1; Zhang et al., arXiv 2507.22844): every agent step writes one tagged
/// sentence of reasoning before its action.
public enum MetaReasoningTag: String, Codable, Sendable, CaseIterable {
    /// Decompose the task and plan the next steps.
    case planning
    /// Try something not tried before (a new place, a new action).
    case explore
    /// Look back at a failed or unavailable step and correct it.
    case reflection
    /// Track progress while executing a known plan.
    case monitor

    /// `<tag>reasoning</tag>`.
    public func wrap(_ reasoning: String) -> String { "<\(rawValue)>\(reasoning)</\(rawValue)>" }
}

/// One step's output in RLVMR's format, `<tag>one sentence</tag><action>command</action>`.
public struct MetaReasoningOutput: Sendable, Equatable {
    /// The meta-reasoning tag.
    public var tag: MetaReasoningTag
    /// The reasoning sentence inside the tag.
    public var reasoning: String
    /// The command inside `<action>…</action>`, trimmed.
    public var action: String

    /// An output.
    public init(tag: MetaReasoningTag, reasoning: String, action: String) {
        self.tag = tag
        self.reasoning = reasoning
        self.action = action
    }

    /// The text a policy writes.
    public var text: String { tag.wrap(reasoning) + "<action>\(action)</action>" }

    /// Parses `output` with the validity rule of the released code's ALFWorld projection
    /// (`alfworld_projection_rlvmr`): exactly one `<action>…</action>`, and exactly one meta-reasoning tag, non-empty
    /// and placed before the action (tags are matched case-insensitively).
    /// - Throws: ``ToolCallParseError`` saying which rule failed.
    public static func parse(_ output: String) throws(ToolCallParseError) -> MetaReasoningOutput {
        let actions = contents(of: "action", in: output)
        guard actions.count == 1, let action = actions.first else {
            throw ToolCallParseError("write exactly one <action>…</action>, found \(actions.count)")
        }
        var found: [(tag: MetaReasoningTag, inner: String, position: String.Index)] = []
        for tag in MetaReasoningTag.allCases {
            for (inner, position) in contentsWithPositions(of: tag.rawValue, in: output) {
                found.append((tag, inner, position))
            }
        }
        guard found.count == 1, let only = found.first else {
            throw ToolCallParseError("write exactly one of <planning>, <explore>, <reflection>, <monitor> before "
                + "the action, found \(found.count)")
        }
        guard !only.inner.isEmpty else {
            throw ToolCallParseError("the <\(only.tag.rawValue)> tag is empty; write one sentence of reasoning")
        }
        if let actionStart = output.range(of: "<action>", options: .caseInsensitive)?.lowerBound,
            only.position > actionStart
        {
            throw ToolCallParseError("the <\(only.tag.rawValue)> tag must come before <action>")
        }
        guard !action.isEmpty else { throw ToolCallParseError("the <action> tag is empty") }
        return MetaReasoningOutput(tag: only.tag, reasoning: only.inner, action: action)
    }

    /// The trimmed contents of every closed `<name>…</name>` in `text`, in order (the code's `re.findall`).
    public static func contents(of name: String, in text: String) -> [String] {
        contentsWithPositions(of: name, in: text).map(\.0)
    }

    /// The content of the first `<action>…</action>` (exact lower-case tags), trimmed — a fast path for the
    /// candidates a policy writes; nil when there is none.
    public static func firstAction(in text: String) -> String? {
        let bytes = Array(text.utf8)
        let open = Array("<action>".utf8), close = Array("</action>".utf8)
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
            var i = start
            while i <= bytes.count - needle.count {
                if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
                i += 1
            }
            return nil
        }
        guard let start = find(open, from: 0), let end = find(close, from: start + open.count) else { return nil }
        return String(decoding: bytes[(start + open.count)..<end], as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func contentsWithPositions(of name: String, in text: String) -> [(String, String.Index)] {
        var out: [(String, String.Index)] = []
        var start = text.startIndex
        while let open = text.range(of: "<\(name)>", options: .caseInsensitive, range: start..<text.endIndex),
            let close = text.range(of: "</\(name)>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
        {
            let inner = String(text[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
            out.append((inner, open.lowerBound))
            start = close.upperBound
        }
        return out
    }
}
