import Foundation

/// A compiled regular expression (ICU syntax, `NSRegularExpression`) that reads its first capture group.
struct RegexCapture {
    let expression: NSRegularExpression

    /// Compiles `pattern`; `nil` if it is invalid.
    init?(pattern: String, options: NSRegularExpression.Options = []) {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: options) else { return nil }
        self.expression = expression
    }

    /// Group 1 of the first match (`last: false`) or of the last match, with the match's start offset.
    func group(in text: String, last: Bool) -> (value: String, offset: Int)? {
        let range = NSRange(text.startIndex..., in: text)
        let matches = expression.matches(in: text, range: range)
        guard let match = last ? matches.last : matches.first, match.numberOfRanges > 1,
            let group = Range(match.range(at: 1), in: text)
        else { return nil }
        return (String(text[group]), match.range.location)
    }

    /// Group 1 of the first match.
    func firstGroup(in text: String) -> String? { group(in: text, last: false)?.value }
}
