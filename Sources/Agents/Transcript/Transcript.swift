import Foundation

/// One turn of an episode: what the agent wrote, what the world answered, and the reward.
public struct TranscriptTurn: Codable, Sendable, Equatable {
    /// The action text the policy produced (trained on: it is the policy's own output).
    public var action: String
    /// The world's answer to it: a tool result or feedback (masked out of the loss).
    public var observation: String
    /// The reward the runner recorded for this turn (the world's reward plus any format penalty).
    public var reward: Double
    /// The step's info (tool, answer, format error, end reason).
    public var info: StepInfo

    /// A turn.
    public init(action: String, observation: String, reward: Double, info: StepInfo = StepInfo()) {
        self.action = action
        self.observation = observation
        self.reward = reward
        self.info = info
    }
}

/// A piece of a transcript's text and who produced it.
public struct TranscriptSegment: Sendable, Equatable {
    /// Who wrote a segment.
    public enum Kind: String, Sendable, Equatable {
        /// The task as the world stated it on reset.
        case prompt
        /// The policy's output: the only kind the loss trains on.
        case action
        /// A tool result or world feedback: context only, masked out of the loss.
        case toolResult = "tool-result"
    }

    /// Who wrote it.
    public var kind: Kind
    /// The text.
    public var text: String
    /// The turn index (nil for the prompt).
    public var turn: Int?

    /// Whether the loss trains on this segment (only the policy's own actions).
    public var inLoss: Bool { kind == .action }
}

/// Everything that happened in one episode, readable by a person (``rendered``) and splittable into
/// segments with a loss mask (``segments``) for a language-model policy.
public struct Transcript: Codable, Sendable, Equatable {
    /// The first observation (the task).
    public var prompt: String
    /// The turns in order.
    public var turns: [TranscriptTurn]
    /// Whether the task ended (an answer).
    public var terminated: Bool
    /// Whether a budget or an error cut the episode.
    public var truncated: Bool
    /// Why the episode ended.
    public var endReason: EpisodeEndReason?

    /// A transcript that starts with `prompt`.
    public init(prompt: String) {
        self.prompt = prompt
        self.turns = []
        self.terminated = false
        self.truncated = false
        self.endReason = nil
    }

    /// The sum of the turn rewards.
    public var totalReward: Double { turns.reduce(0) { $0 + $1.reward } }

    /// The final answer, when the last turn gave one.
    public var answer: String? { turns.last?.info.answer }

    /// Prompt, then per turn the action and the tool result, in order.
    public var segments: [TranscriptSegment] {
        var out = [TranscriptSegment(kind: .prompt, text: prompt, turn: nil)]
        for (index, turn) in turns.enumerated() {
            out.append(TranscriptSegment(kind: .action, text: turn.action, turn: index))
            out.append(TranscriptSegment(kind: .toolResult, text: turn.observation, turn: index))
        }
        return out
    }

    /// The transcript as text a person can read: each turn's action, tool result, reward and notes.
    public var rendered: String {
        var text = "TASK\n" + Self.indented(prompt) + "\n"
        for (index, turn) in turns.enumerated() {
            text += "\nTURN \(index + 1)  reward \(String(format: "%+.3f", turn.reward))\n"
            text += "  agent › " + turn.action.replacingOccurrences(of: "\n", with: "\n          ") + "\n"
            if let error = turn.info.formatError { text += "  ! invalid format: \(error)\n" }
            text += "  tool  ‹\n" + Self.indented(turn.observation, prefix: "    ") + "\n"
        }
        let status = terminated ? "terminated" : truncated ? "truncated" : "running"
        text += "\nEND: \(status)" + (endReason.map { " (\($0.rawValue))" } ?? "")
        text += String(format: ", return %.3f, %d turns\n", totalReward, turns.count)
        return text
    }

    static func indented(_ text: String, prefix: String = "  ") -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }
}
