import Foundation
import Tensor

/// One played episode: the transcript, each turn's policy record, and the observation each turn acted on.
public struct AgentRollout<Decision: Sendable>: Sendable {
    /// What happened, readable and maskable.
    public var transcript: Transcript
    /// The policy's record of each turn (aligned with `transcript.turns`).
    public var decisions: [Decision]
    /// The observation each turn acted on, then the final one (`turns + 1` entries).
    public var observations: [TextObservation]
}

/// Plays one episode of a ``TextEnvironment`` with an ``AgentPolicy`` under an ``AgentBudget``.
///
/// Never crashes and never loops forever: a world that throws on reset or step, a policy that throws, too many
/// unparsable actions, a context over the token budget and a world that never terminates each end the
/// episode truncated, with the reason in the last turn's ``StepInfo/reason`` and in ``Transcript/endReason``.
public enum AgentEpisode {
    /// Plays until the world terminates or a limit is hit.
    /// - Parameters:
    ///   - environment: the world (reset with `seed`).
    ///   - policy: writes each action.
    ///   - seed: the episode seed (world randomness).
    ///   - budget: turn/token limits and the format penalty (validate it first: an invalid budget is clamped).
    ///   - rng: the policy's sampling stream.
    public static func run<Environment: TextEnvironment, Policy: AgentPolicy>(
        _ environment: inout Environment, policy: Policy, seed: UInt64, budget: AgentBudget,
        using rng: inout Xoshiro256StarStar
    ) -> AgentRollout<Policy.Decision> {
        var observation: TextObservation
        do {
            observation = try environment.reset(seed: seed)
        } catch {
            var transcript = Transcript(prompt: "")
            transcript.truncated = true
            transcript.endReason = .resetError
            return AgentRollout(transcript: transcript, decisions: [], observations: [])
        }
        var transcript = Transcript(prompt: observation.text)
        var decisions: [Policy.Decision] = []
        var observations = [observation]
        var invalid = 0
        var contextTokens = budget.tokenCounter.count(observation.text)
        let maxTurns = max(budget.maxTurns, 1)
        while true {
            let text: String, decision: Policy.Decision
            do {
                (text, decision) = try policy.act(observation, transcript: transcript, using: &rng)
            } catch {
                transcript.truncated = true
                transcript.endReason = .policyError
                if !transcript.turns.isEmpty { transcript.turns[transcript.turns.count - 1].info.detail = "\(error)" }
                break
            }
            var turn: TranscriptTurn
            var step: TextStep?
            do {
                let result = try environment.step(text)
                step = result
                turn = TranscriptTurn(action: text, observation: result.observation.text, reward: result.reward,
                    info: result.info)
            } catch {
                turn = TranscriptTurn(action: text, observation: "tool error: \(error)", reward: 0,
                    info: StepInfo(reason: .toolError, detail: "\(error)"))
            }
            if turn.info.formatError != nil {
                invalid += 1
                turn.reward += budget.formatPenalty
            }
            contextTokens += budget.tokenCounter.count(text) + budget.tokenCounter.count(turn.observation)
            decisions.append(decision)
            let ended: EpisodeEndReason?
            var terminated = false
            if turn.info.reason == .toolError {
                ended = .toolError
            } else if let step, step.terminated {
                terminated = true
                ended = step.info.reason ?? .worldTerminated
            } else if let step, step.truncated {
                ended = step.info.reason ?? .turnLimit
            } else if invalid > budget.maxInvalidActions {
                ended = .invalidFormat
            } else if contextTokens > budget.maxContextTokens {
                ended = .contextOverflow
            } else if transcript.turns.count + 1 >= maxTurns {
                ended = .turnLimit
            } else {
                ended = nil
            }
            if let ended {
                turn.info.reason = ended
                if !terminated, turn.info.detail == nil {
                    turn.info.detail = Self.detail(ended, budget: budget, tokens: contextTokens)
                }
            }
            transcript.turns.append(turn)
            if let step { observation = step.observation } else { observation.text = turn.observation }
            observations.append(observation)
            if let ended {
                transcript.terminated = terminated
                transcript.truncated = !terminated
                transcript.endReason = ended
                break
            }
        }
        return AgentRollout(transcript: transcript, decisions: decisions, observations: observations)
    }

    private static func detail(_ reason: EpisodeEndReason, budget: AgentBudget, tokens: Int) -> String? {
        switch reason {
        case .turnLimit: "the turn budget of \(budget.maxTurns) turns ran out"
        case .contextOverflow: "the context holds \(tokens) tokens, more than the budget of \(budget.maxContextTokens)"
        case .invalidFormat: "more than \(budget.maxInvalidActions) actions did not parse"
        default: nil
        }
    }
}
