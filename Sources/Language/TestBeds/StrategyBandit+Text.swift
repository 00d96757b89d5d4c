import Foundation

/// Checks a StrategyBandit completion: the completion is an action id, the ground truth the solving strategies'
/// ids separated by spaces. The canonical answer (for support and answer entropy) is the action id.
public struct SolvingSetVerifier: Verifier, Codable, Equatable {
    /// Creates the verifier.
    public init() {}

    public func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult {
        let action = completion.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Int(action) != nil else { return VerificationResult(reward: 0, correct: false, answer: nil, formatOK: false) }
        let correct = groundTruth.split(separator: " ").contains { $0 == action }
        return VerificationResult(reward: correct ? 1 : 0, correct: correct, answer: action, formatOK: true)
    }
}

extension StrategyBandit {
    /// The prompt `x<index>` as the policy's problem token.
    /// - Throws: ``RLVRInputError`` for text that is not a problem of this bandit.
    public func encode(_ prompt: String, for policy: StrategyPolicy) throws(RLVRInputError) -> [Int] {
        guard prompt.hasPrefix("x"), let x = Int(prompt.dropFirst()), (0..<configuration.problems).contains(x) else {
            throw RLVRInputError("StrategyBandit: `\(prompt)` is not a problem prompt x0…x\(configuration.problems - 1)")
        }
        return [policy.token(ofProblem: x)]
    }

    /// A completion's tokens as text: the action id.
    public func decode(_ tokens: [Int]) -> String { tokens.first.map(String.init) ?? "" }

    /// The problem index of a prompt produced by ``problemsAsTasks``, or nil.
    public func problemIndex(of prompt: String) -> Int? {
        guard prompt.hasPrefix("x"), let x = Int(prompt.dropFirst()), (0..<configuration.problems).contains(x)
        else { return nil }
        return x
    }
}
