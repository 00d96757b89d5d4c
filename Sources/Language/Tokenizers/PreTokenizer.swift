import Foundation

/// How a byte-level BPE tokenizer cuts text into words before merging (the `pre_tokenizer` of a Hugging Face
/// `tokenizer.json`): a regular expression whose matches and the gaps between them are the words (`Split` with
/// `Isolated` behaviour, and `ByteLevel` with `use_regex`), then the byte-level mapping.
struct PreTokenizer: @unchecked Sendable {
    /// GPT-2's split pattern (used by `ByteLevel` with `use_regex: true`).
    static let gpt2Pattern = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#

    /// The split expressions, applied in order (each splits the pieces of the previous one).
    let expressions: [NSRegularExpression]
    /// Whether `ByteLevel` adds a space in front of the text when it does not start with one.
    let addPrefixSpace: Bool

    init(patterns: [String], addPrefixSpace: Bool) throws(TokenizerError) {
        var expressions: [NSRegularExpression] = []
        for p in patterns {
            do { expressions.append(try NSRegularExpression(pattern: p)) } catch {
                throw TokenizerError("pre-tokenizer pattern \(p) is not a valid regular expression (\(error))")
            }
        }
        self.expressions = expressions
        self.addPrefixSpace = addPrefixSpace
    }

    /// The words of `text`, before the byte-level mapping.
    func split(_ text: String) -> [String] {
        var pieces = [addPrefixSpace && !text.hasPrefix(" ") ? " " + text : text]
        for expression in expressions { pieces = pieces.flatMap { Self.isolate($0, expression) } }
        return pieces.filter { !$0.isEmpty }
    }

    /// Matches and the gaps between them, in order.
    private static func isolate(_ text: String, _ expression: NSRegularExpression) -> [String] {
        let ns = text as NSString
        var out: [String] = []
        var cursor = 0
        for match in expression.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let r = match.range
            if r.length == 0 { continue }
            if r.location > cursor { out.append(ns.substring(with: NSRange(location: cursor, length: r.location - cursor))) }
            out.append(ns.substring(with: r))
            cursor = r.location + r.length
        }
        if cursor < ns.length { out.append(ns.substring(from: cursor)) }
        return out
    }
}
