/// One reward function of the trainer: a verifier's reward scaled by a weight (TRL `reward_weights`).
/// The total reward of a completion is `Σ weight · reward` over the trainer's reward functions.
public struct WeightedReward: Sendable {
    /// A name for logs, e.g. `"accuracy"`, `"format"`.
    public var name: String
    /// The weight.
    public var weight: Double
    /// The verifier that scores completions.
    public var verifier: any Verifier

    /// Creates a weighted reward.
    public init(name: String, weight: Double = 1, verifier: any Verifier) {
        self.name = name
        self.weight = weight
        self.verifier = verifier
    }
}

/// Rewards only the presence of an answer in the expected format (1 if extractable, else 0).
public struct FormatVerifier: Verifier, Codable, Equatable {
    /// The required format.
    public var extractor: AnswerExtractor
    /// Creates the verifier.
    public init(extractor: AnswerExtractor = .answerLine) { self.extractor = extractor }

    public func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult {
        let answer = extractor.extract(from: completion)
        return VerificationResult(
            reward: answer == nil ? 0 : 1, correct: answer != nil, answer: answer,
            formatOK: answer != nil)
    }
}

/// A verifier whose reward is recomputed from another verifier's outcome with a ``RewardScheme`` (how
/// ``RLVRConfig/rewards`` — e.g. DAPO's ±1 — is applied to any task's verifier).
public struct RewardSchemeVerifier: Verifier {
    /// The verifier that decides correctness and format.
    public var base: any Verifier
    /// The reward values of the outcomes.
    public var scheme: RewardScheme

    /// Creates the verifier.
    public init(base: any Verifier, scheme: RewardScheme) {
        self.base = base
        self.scheme = scheme
    }

    public func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult {
        var result = base.verify(prompt: prompt, completion: completion, groundTruth: groundTruth)
        result.reward = scheme.reward(correct: result.correct, formatOK: result.formatOK)
        return result
    }
}
