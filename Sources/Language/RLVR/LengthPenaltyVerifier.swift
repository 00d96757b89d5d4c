/// A reward against long completions: `−min(1, characters / scale)`, so 0 for an empty completion and −1 from
/// `scale` characters on. Weighted (e.g. `--reward length=0.1`), it prefers shorter answers at equal correctness.
/// Its result is never "correct" (only the first reward function judges correctness).
public struct LengthPenaltyVerifier: Verifier, Codable, Equatable {
    /// The length in characters at which the penalty reaches −1.
    public var scale: Int

    /// Creates the verifier.
    /// - Parameter scale: characters for the full penalty (at least 1).
    public init(scale: Int = 256) { self.scale = max(scale, 1) }

    public func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult {
        VerificationResult(
            reward: -min(1, Double(completion.count) / Double(scale)), correct: false, answer: nil, formatOK: true)
    }
}
