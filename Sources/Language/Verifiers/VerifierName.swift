import Foundation
import Tracking

/// A verifier chosen by name on the command line (`--verifier NAME`), for prompt files whose ground truth is a
/// plain answer. Each is an ``ExactAnswerVerifier`` with an extractor and a comparison:
///
/// | name            | answer read from the completion                        | compared with the ground truth    |
/// |-----------------|--------------------------------------------------------|-----------------------------------|
/// | `exact`         | the whole completion (``AnswerExtractor/whole``)       | equal after trimming              |
/// | `numeric`       | the last number (``AnswerExtractor/lastNumber``)       | ``AnswerComparison/numeric``      |
/// | `boxed`         | the last `\boxed{…}`, nested braces balanced           | ``AnswerComparison/textOrNumber`` |
/// | `choice`        | a letter A–E (forms listed at ``ChoiceLetter``)        | ``AnswerComparison/choice``       |
/// | `regex:PATTERN` | group 1 of the first match (``AnswerExtractor/regex``) | ``AnswerComparison/textOrNumber`` |
public enum VerifierName: Equatable, Sendable, CustomStringConvertible {
    /// Exact string match of the whole completion.
    case exact
    /// The last number, within a tolerance.
    case numeric
    /// The last `\boxed{…}`.
    case boxed
    /// A multiple-choice letter.
    case choice
    /// The first capture group of a regular expression.
    case regex(String)

    /// The names ``parse(_:)`` accepts.
    public static let validNames = ["exact", "numeric", "boxed", "choice", "regex:PATTERN"]

    /// Why a verifier name is invalid.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// What was wrong and how to fix it.
        public var description: String
    }

    /// Parses `exact`, `numeric`, `boxed`, `choice` or `regex:PATTERN` (names are case-insensitive; the pattern
    /// is not).
    /// - Throws: ``ParseError`` listing the valid names (with a did-you-mean), or naming an invalid pattern or
    ///   one without a capture group.
    public static func parse(_ text: String) throws(ParseError) -> VerifierName {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("regex:") {
            let pattern = String(trimmed.dropFirst("regex:".count))
            guard let compiled = RegexCapture(pattern: pattern) else {
                throw ParseError(description: "--verifier regex: `\(pattern)` is not a valid regular expression")
            }
            guard compiled.expression.numberOfCaptureGroups >= 1 else {
                throw ParseError(
                    description: "--verifier regex: `\(pattern)` has no capture group; wrap the answer in "
                        + "parentheses, e.g. regex:Answer: (\\d+)")
            }
            return .regex(pattern)
        }
        switch trimmed.lowercased() {
        case "exact": return .exact
        case "numeric": return .numeric
        case "boxed": return .boxed
        case "choice": return .choice
        default:
            let guess = EditDistance.suggestion(for: trimmed, among: validNames).map { " Did you mean `\($0)`?" } ?? ""
            throw ParseError(
                description: "unknown verifier `\(text)`; valid: \(validNames.joined(separator: ", ")).\(guess)")
        }
    }

    /// The name as ``parse(_:)`` reads it.
    public var description: String {
        switch self {
        case .exact: "exact"
        case .numeric: "numeric"
        case .boxed: "boxed"
        case .choice: "choice"
        case let .regex(pattern): "regex:\(pattern)"
        }
    }

    /// How the answer is read from a completion (also what the `format` reward checks).
    public var extractor: AnswerExtractor {
        switch self {
        case .exact: .whole
        case .numeric: .lastNumber
        case .boxed: .boxed
        case .choice: .choiceLetter
        case let .regex(pattern): .regex(pattern)
        }
    }

    /// How the extracted answer is compared with the ground truth.
    public var comparison: AnswerComparison {
        switch self {
        case .exact: .exact
        case .numeric: .numeric
        case .boxed, .regex: .textOrNumber
        case .choice: .choice
        }
    }

    /// The verifier.
    /// - Parameters:
    ///   - tolerance: for numeric comparisons: absolute for ground truths within ±1, relative above.
    ///   - rewards: the reward values of the outcomes.
    public func verifier(tolerance: Double = 1e-6, rewards: RewardScheme = .binary) -> ExactAnswerVerifier {
        ExactAnswerVerifier(extractor: extractor, rewards: rewards, tolerance: tolerance, comparison: comparison)
    }
}
