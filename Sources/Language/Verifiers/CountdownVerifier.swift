import Foundation

/// Checks Countdown answers: an arithmetic expression (`+ - * /`, parentheses, integers) that uses the given
/// numbers (each at most once, or exactly all of them) and evaluates to the target.
///
/// Ground truth format: `"<target>|<n1> <n2> …"`, e.g. `"24|3 4 2"` (written by ``CountdownTask``).
public struct CountdownVerifier: Verifier, Codable, Equatable {
    /// How the expression is read from the completion.
    public var extractor: AnswerExtractor
    /// Rewards for correct / wrong / unformatted completions.
    public var rewards: RewardScheme
    /// Whether every given number must be used (TinyZero's rule); otherwise a sub-multiset suffices.
    public var mustUseAll: Bool

    /// Creates a verifier.
    public init(extractor: AnswerExtractor = .answerLine, rewards: RewardScheme = .binary, mustUseAll: Bool = true) {
        self.extractor = extractor
        self.rewards = rewards
        self.mustUseAll = mustUseAll
    }

    /// Parses a `"target|n1 n2 …"` ground truth; `nil` if malformed.
    public static func parseGroundTruth(_ text: String) -> (target: Int, numbers: [Int])? {
        let parts = text.split(separator: "|")
        guard parts.count == 2, let target = Int(parts[0].trimmingCharacters(in: .whitespaces)) else { return nil }
        let numbers = parts[1].split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int($0) }
        return numbers.isEmpty ? nil : (target, numbers)
    }

    public func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult {
        guard let expression = extractor.extract(from: completion),
            let value = try? ArithmeticExpression.evaluate(expression)
        else {
            return VerificationResult(reward: rewards.unformatted, correct: false, answer: nil, formatOK: false)
        }
        let answer = expression.filter { !$0.isWhitespace }
        guard let truth = Self.parseGroundTruth(groundTruth) else {
            return VerificationResult(reward: rewards.incorrect, correct: false, answer: answer, formatOK: true)
        }
        var available = truth.numbers
        var usesValid = true
        for n in value.numbersUsed {
            if let i = available.firstIndex(of: n) { available.remove(at: i) } else { usesValid = false }
        }
        if mustUseAll && !available.isEmpty { usesValid = false }
        let correct = usesValid && abs(value.value - Double(truth.target)) < 1e-9
        return VerificationResult(
            reward: rewards.reward(correct: correct, formatOK: true), correct: correct, answer: answer, formatOK: true)
    }
}
