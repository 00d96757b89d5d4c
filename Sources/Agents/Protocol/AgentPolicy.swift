import Foundation
import Tensor

/// Something that writes the next action text given the current observation and the episode so far.
///
/// `Decision` is what the trainer needs later to compute gradients: for ``LogLinearPolicy`` the candidates'
/// features and the chosen index; for a language-model policy it would be the prompt tokens, the sampled
/// completion tokens and their log-probabilities (the transcript's ``TranscriptSegment/inLoss`` marks which
/// spans the loss sees).
public protocol AgentPolicy {
    /// What one choice records for the update.
    associatedtype Decision: Sendable
    /// The action text for `observation`, and its record.
    /// - Throws: when the policy cannot act (reported as ``EpisodeEndReason/policyError``).
    func act(
        _ observation: TextObservation, transcript: Transcript, using rng: inout Xoshiro256StarStar
    ) throws -> (text: String, decision: Decision)
}
