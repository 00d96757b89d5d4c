/// The outcome of checking one completion against its ground truth.
public struct VerificationResult: Equatable, Sendable {
    /// The scalar reward given to the completion (placed on its last token by the trainer).
    public var reward: Double
    /// Whether the extracted answer is judged correct.
    public var correct: Bool
    /// The answer extracted from the completion in canonical form (the key for maj@k and answer entropy);
    /// `nil` when no answer could be extracted.
    public var answer: String?
    /// Whether the completion has the required answer format (an answer could be extracted).
    public var formatOK: Bool

    /// Creates a result.
    public init(reward: Double, correct: Bool, answer: String?, formatOK: Bool) {
        self.reward = reward
        self.correct = correct
        self.answer = answer
        self.formatOK = formatOK
    }
}

/// Checks completions for verifiable tasks: `(prompt, completion, groundTruth) -> reward + details`.
public protocol Verifier: Sendable {
    /// Scores `completion` for `prompt` against `groundTruth` (the dataset's `ground_truth` field).
    func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult
}

/// Reward values for the three outcomes of a check; binary {0, 1} by default (verl), ±1 for DAPO.
public struct RewardScheme: Codable, Equatable, Sendable {
    /// Reward for a correct answer.
    public var correct: Double
    /// Reward for a well-formatted but wrong answer.
    public var incorrect: Double
    /// Reward when no answer can be extracted.
    public var unformatted: Double

    /// Creates a scheme.
    public init(correct: Double = 1, incorrect: Double = 0, unformatted: Double = 0) {
        self.correct = correct
        self.incorrect = incorrect
        self.unformatted = unformatted
    }

    /// {0, 1}: the verl / TRL accuracy reward.
    public static let binary = RewardScheme()
    /// ±1 as in DAPO (Yu et al. 2025, arXiv:2503.14476): wrong and unformatted answers both get −1.
    public static let plusMinusOne = RewardScheme(correct: 1, incorrect: -1, unformatted: -1)
    /// {0, 1} for the answer plus a 0.1 format credit for a wrong but parseable answer.
    public static let withFormatCredit = RewardScheme(correct: 1, incorrect: 0.1, unformatted: 0)

    /// The reward for a check outcome.
    public func reward(correct isCorrect: Bool, formatOK: Bool) -> Double {
        isCorrect ? correct : (formatOK ? incorrect : unformatted)
    }
}
