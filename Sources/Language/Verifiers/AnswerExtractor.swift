import Foundation

/// How the final answer is read out of a completion. Extraction is explicit: a verifier never guesses.
public enum AnswerExtractor: Codable, Equatable, Sendable {
    /// The text after the last occurrence of `marker` up to the end of that line (e.g. `"Answer:"`, `"####"`).
    case afterMarker(String)
    /// The content of the last `open … close` pair (e.g. `<answer>` … `</answer>`).
    case tagged(open: String, close: String)
    /// The content of the last `\boxed{…}` (balanced braces).
    case boxed
    /// The last integer or decimal number in the completion (GSM8K-style "flexible" extraction).
    case lastNumber
    /// The whole completion up to the first newline.
    case firstLine
    /// The whole completion, trimmed of surrounding whitespace and newlines.
    case whole
    /// A multiple-choice letter A–E (returned upper-case); the forms are listed at ``ChoiceLetter``.
    case choiceLetter
    /// The first capture group of the first match of a regular expression (ICU syntax, like Python's
    /// `re.search(pattern).group(1)`); `nil` when nothing matches or the pattern is invalid (``VerifierName``
    /// checks the pattern up front).
    case regex(String)

    /// The default for the synthetic tasks: `"Answer: <value>"`.
    public static let answerLine = AnswerExtractor.afterMarker("Answer:")

    /// The extracted answer, trimmed; `nil` when the completion lacks the required format.
    public func extract(from completion: String) -> String? {
        let found: String?
        switch self {
        case let .afterMarker(marker):
            guard !marker.isEmpty, let range = completion.range(of: marker, options: .backwards) else { return nil }
            let rest = completion[range.upperBound...]
            found = String(rest.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        case let .tagged(open, close):
            guard let openRange = completion.range(of: open, options: .backwards),
                let closeRange = completion.range(of: close, range: openRange.upperBound..<completion.endIndex)
            else { return nil }
            found = String(completion[openRange.upperBound..<closeRange.lowerBound])
        case .boxed:
            found = Self.lastBoxed(completion)
        case .lastNumber:
            found = Self.lastNumber(completion)
        case .firstLine:
            found = completion.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
        case .whole:
            found = completion.trimmingCharacters(in: .whitespacesAndNewlines)
        case .choiceLetter:
            found = ChoiceLetter.extract(from: completion)
        case let .regex(pattern):
            found = RegexCapture(pattern: pattern)?.firstGroup(in: completion)
        }
        guard let value = found?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    private static func lastBoxed(_ text: String) -> String? {
        guard let start = text.range(of: "\\boxed{", options: .backwards) else { return nil }
        var depth = 1
        var index = start.upperBound
        while index < text.endIndex {
            let c = text[index]
            if c == "{" { depth += 1 }
            if c == "}" {
                depth -= 1
                if depth == 0 { return String(text[start.upperBound..<index]) }
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func lastNumber(_ text: String) -> String? {
        var best: String?
        var current = ""
        func flush() {
            let trimmed = current.hasSuffix(".") ? String(current.dropLast()) : current
            if trimmed.contains(where: \.isNumber) { best = trimmed }
            current = ""
        }
        for c in text {
            if c.isASCII && c.isNumber {
                current.append(c)
            } else if c == "-" && current.isEmpty {
                current.append(c)
            } else if c == "." && !current.isEmpty && !current.contains(".") {
                current.append(c)
            } else if c == "," && !current.isEmpty {
                continue  // thousands separator
            } else {
                flush()
                if c == "-" { current = "-" }
            }
        }
        flush()
        return best
    }
}
