import Foundation

/// How an extracted answer is compared with the ground truth, after both are trimmed.
public enum AnswerComparison: String, Codable, CaseIterable, Sendable {
    /// The texts are equal (after trimming surrounding whitespace); nothing else is normalised.
    case exact
    /// Both read as numbers (``NumericAnswer``: `"1,234"`, `"42."`, `"$5"` accepted) and
    /// `|answer − truth| ≤ tolerance · max(1, |truth|)`: an absolute tolerance for truths within ±1, relative
    /// above. A non-numeric answer is wrong.
    case numeric
    /// Numbers compare as in ``numeric`` when both sides read as numbers; otherwise the texts compare with runs of
    /// whitespace collapsed and spaces next to commas dropped (`"1, 2,3"` equals `"1,2,3"`). The synthetic tasks'
    /// rule.
    case textOrNumber
    /// Multiple-choice letters compare case-insensitively; a ground truth such as `"(C)"` or `"C."` is read with
    /// the same rules as the completion (``AnswerExtractor/choiceLetter``).
    case choice

    /// The answer in the canonical form used as the maj@k key: numbers spelled shortest under ``numeric``
    /// (`"1,234.0"` → `"1234"`), whitespace-normalised text under ``textOrNumber``, upper-case letters under
    /// ``choice``.
    public func canonical(_ answer: String) -> String {
        let trimmed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .exact: return trimmed
        case .numeric: return NumericAnswer.value(of: trimmed).map(NumericAnswer.canonical) ?? trimmed
        case .textOrNumber: return Self.normalizedText(trimmed)
        case .choice: return trimmed.uppercased()
        }
    }

    /// Whether `answer` matches `groundTruth`.
    /// - Parameter tolerance: for numbers, see ``numeric``.
    public func matches(_ answer: String, groundTruth: String, tolerance: Double) -> Bool {
        let answer = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        let truth = groundTruth.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .exact:
            return answer == truth
        case .numeric, .textOrNumber:
            if let x = NumericAnswer.value(of: answer), let y = NumericAnswer.value(of: truth) {
                return abs(x - y) <= tolerance * max(1, abs(y))
            }
            return self == .textOrNumber && Self.normalizedText(answer) == Self.normalizedText(truth)
        case .choice:
            let letter = AnswerExtractor.choiceLetter.extract(from: truth) ?? truth.uppercased()
            return answer.uppercased() == letter
        }
    }

    /// Collapses runs of whitespace to one space and drops spaces next to commas.
    static func normalizedText(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.replacingOccurrences(of: " ,", with: ",").replacingOccurrences(of: ", ", with: ",")
    }
}
