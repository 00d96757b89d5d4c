import Foundation

/// Compares the extracted answer with the ground truth: numerically when both parse as numbers, otherwise as
/// whitespace-normalised text (so `"1, 2,3"` equals `"1,2,3"` for sorting tasks).
public struct ExactAnswerVerifier: Verifier, Codable, Equatable {
    /// How the answer is read from the completion.
    public var extractor: AnswerExtractor
    /// Rewards for correct / wrong / unformatted completions.
    public var rewards: RewardScheme
    /// Relative tolerance for numeric answers.
    public var tolerance: Double

    /// Creates a verifier.
    public init(extractor: AnswerExtractor = .answerLine, rewards: RewardScheme = .binary, tolerance: Double = 1e-9) {
        self.extractor = extractor
        self.rewards = rewards
        self.tolerance = tolerance
    }

    public func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult {
        guard let raw = extractor.extract(from: completion) else {
            return VerificationResult(reward: rewards.unformatted, correct: false, answer: nil, formatOK: false)
        }
        let answer = Self.normalize(raw)
        let correct = Self.equivalent(answer, Self.normalize(groundTruth), tolerance: tolerance)
        return VerificationResult(
            reward: rewards.reward(correct: correct, formatOK: true), correct: correct, answer: answer, formatOK: true)
    }

    /// Collapses runs of whitespace to one space and drops spaces next to commas.
    public static func normalize(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.replacingOccurrences(of: " ,", with: ",").replacingOccurrences(of: ", ", with: ",")
    }

    static func equivalent(_ a: String, _ b: String, tolerance: Double) -> Bool {
        if let x = Double(a), let y = Double(b) { return abs(x - y) <= tolerance * max(1, abs(y)) }
        return a == b
    }
}
