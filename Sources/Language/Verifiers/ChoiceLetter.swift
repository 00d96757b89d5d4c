import Foundation

/// Reads a multiple-choice answer letter A–E from a completion. The forms, tried in this order:
/// 1. the whole completion is one letter, optionally in parentheses or followed by `.` or `)`: `"C"`, `"(c)"`,
///    `"C."` (lower case accepted);
/// 2. the last "answer" marker (any case) followed by an optional `is` and `:` then the letter, optionally in
///    parentheses: `"Answer: C"`, `"the answer is (C)"`, `"answer: c"` (lower case accepted only after `:` or
///    `(`, so that "the answer is a guess" does not read as `A`);
/// 3. the last upper-case letter in parentheses: `"… so (C)"`;
/// 4. the last upper-case letter followed by `)` at the start of a line or after a space: `"C) 42"`.
///
/// The letter must not be followed by another letter (`"Answer: Cats"` is no answer). The result is upper-case.
public enum ChoiceLetter {
    /// The letters accepted.
    public static let letters = "ABCDE"

    /// The upper-case letter, or `nil` when no form matches.
    public static func extract(from completion: String) -> String? {
        let text = completion.trimmingCharacters(in: .whitespacesAndNewlines)
        if let bare = capture(#"^\(?([A-Ea-e])[.)]?$"#, in: text, last: false) { return bare.value.uppercased() }
        let upper = capture(#"(?i:answer)\s*(?:(?i:is)\s*)?:?\s*\(?([A-E])(?![A-Za-z])"#, in: text, last: true)
        let lower = capture(#"(?i:answer)\s*(?:(?i:is)\s*)?(?::\s*\(?|\()([a-e])(?![A-Za-z])"#, in: text, last: true)
        if let marker = [upper, lower].compactMap({ $0 }).max(by: { $0.offset < $1.offset }) {
            return marker.value.uppercased()
        }
        if let paren = capture(#"\(([A-E])\)"#, in: text, last: true) { return paren.value }
        return capture(#"(?:^|\s)([A-E])\)"#, in: text, last: true, options: .anchorsMatchLines)?.value
    }

    private static func capture(
        _ pattern: String, in text: String, last: Bool, options: NSRegularExpression.Options = []
    ) -> (value: String, offset: Int)? {
        RegexCapture(pattern: pattern, options: options)?.group(in: text, last: last)
    }
}
