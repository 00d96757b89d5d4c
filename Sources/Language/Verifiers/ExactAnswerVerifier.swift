import Foundation

/// Extracts the answer with an ``AnswerExtractor`` and compares it with the ground truth by an
/// ``AnswerComparison``. The default (``AnswerComparison/textOrNumber``) compares numerically when both parse as
/// numbers, otherwise as whitespace-normalised text (so `"1, 2,3"` equals `"1,2,3"` for sorting tasks).
public struct ExactAnswerVerifier: Verifier, Codable, Equatable {
    /// How the answer is read from the completion.
    public var extractor: AnswerExtractor
    /// Rewards for correct / wrong / unformatted completions.
    public var rewards: RewardScheme
    /// Tolerance for numeric answers: absolute for ground truths within ±1, relative above
    /// (see ``AnswerComparison/numeric``).
    public var tolerance: Double
    /// How the extracted answer is compared with the ground truth.
    public var comparison: AnswerComparison

    /// Creates a verifier.
    public init(
        extractor: AnswerExtractor = .answerLine, rewards: RewardScheme = .binary, tolerance: Double = 1e-9,
        comparison: AnswerComparison = .textOrNumber
    ) {
        self.extractor = extractor
        self.rewards = rewards
        self.tolerance = tolerance
        self.comparison = comparison
    }

    private enum CodingKeys: String, CodingKey { case extractor, rewards, tolerance, comparison }

    /// Decodes a verifier; `comparison` may be absent (files written before it existed) and defaults to
    /// ``AnswerComparison/textOrNumber``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            extractor: try container.decode(AnswerExtractor.self, forKey: .extractor),
            rewards: try container.decode(RewardScheme.self, forKey: .rewards),
            tolerance: try container.decode(Double.self, forKey: .tolerance),
            comparison: try container.decodeIfPresent(AnswerComparison.self, forKey: .comparison) ?? .textOrNumber)
    }

    public func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult {
        guard let raw = extractor.extract(from: completion) else {
            return VerificationResult(reward: rewards.unformatted, correct: false, answer: nil, formatOK: false)
        }
        let correct = comparison.matches(raw, groundTruth: groundTruth, tolerance: tolerance)
        return VerificationResult(
            reward: rewards.reward(correct: correct, formatOK: true), correct: correct,
            answer: comparison.canonical(raw), formatOK: true)
    }

    /// Collapses runs of whitespace to one space and drops spaces next to commas.
    public static func normalize(_ text: String) -> String { AnswerComparison.normalizedText(text) }
}
