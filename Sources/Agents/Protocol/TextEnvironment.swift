import Foundation

/// What a text world shows the agent: the observation text plus the actions and tools it may use now.
public struct TextObservation: Codable, Sendable, Equatable {
    /// The observation text (the task on reset, a tool result or feedback after a step).
    public var text: String
    /// Complete action texts the world accepts now (ALFWorld-style admissible commands); empty when free-form.
    public var admissibleActions: [String]
    /// Names of the tools the agent may call (`search`, `answer`, `action`, …).
    public var tools: [String]

    /// An observation.
    public init(text: String, admissibleActions: [String] = [], tools: [String] = []) {
        self.text = text
        self.admissibleActions = admissibleActions
        self.tools = tools
    }
}

/// Why an episode ended (or why a step was special), recorded in ``StepInfo/reason``.
public enum EpisodeEndReason: String, Codable, Sendable, Equatable {
    /// The agent gave its final answer (terminated).
    case answered
    /// The world reached a terminal state for another reason (terminated).
    case worldTerminated = "world-terminated"
    /// The turn budget ran out (truncated): also how a world that never terminates ends.
    case turnLimit = "turn-limit"
    /// The context (observations + actions) exceeded the token budget (truncated).
    case contextOverflow = "context-overflow"
    /// Too many actions could not be parsed (truncated).
    case invalidFormat = "invalid-format"
    /// A tool (or the world's step) threw an error (truncated).
    case toolError = "tool-error"
    /// The policy threw an error while choosing an action (truncated).
    case policyError = "policy-error"
    /// The world could not be reset (truncated with no turns).
    case resetError = "reset-error"
}

/// Extra information of one step: Gymnasium's `info`, typed.
public struct StepInfo: Codable, Sendable, Equatable {
    /// Why the episode ended at this step, or nil while it goes on.
    public var reason: EpisodeEndReason?
    /// Why the action text could not be parsed (the step then changed nothing but the penalty), or nil.
    public var formatError: String?
    /// The tool the action called, when it parsed.
    public var tool: String?
    /// The final answer when the action was one.
    public var answer: String?
    /// A human-readable detail (an error message, the limit that was hit).
    public var detail: String?
    /// Whether a parsed action was among the world's admissible actions (false: it did nothing); nil when the
    /// world does not say.
    public var admissible: Bool?

    /// Step information; every field defaults to nil.
    public init(
        reason: EpisodeEndReason? = nil, formatError: String? = nil, tool: String? = nil, answer: String? = nil,
        detail: String? = nil, admissible: Bool? = nil
    ) {
        self.reason = reason
        self.formatError = formatError
        self.tool = tool
        self.answer = answer
        self.detail = detail
        self.admissible = admissible
    }
}

/// The result of ``TextEnvironment/step(_:)``: Gymnasium's five-tuple for text.
public struct TextStep: Sendable, Equatable {
    /// The next observation (usually the tool result).
    public var observation: TextObservation
    /// The reward of this step.
    public var reward: Double
    /// Whether the task reached a terminal state (an answer was given).
    public var terminated: Bool
    /// Whether the episode was cut outside the task's dynamics (a budget, an error).
    public var truncated: Bool
    /// Why, and what the action was.
    public var info: StepInfo

    /// A step.
    public init(observation: TextObservation, reward: Double, terminated: Bool, truncated: Bool, info: StepInfo) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
        self.info = info
    }
}

/// A multi-turn text world (Gymnasium semantics over strings): the agent reads an observation, writes an action
/// text (a tool call such as `<search>…</search>` or `<answer>…</answer>`), and the world answers.
///
/// A world parses the action with ``ToolCallParser``; an action that does not parse is reported in
/// ``StepInfo/formatError`` (not thrown) so the episode runner can apply the format penalty. A world may throw
/// from ``step(_:)`` (a failing tool): ``AgentEpisode`` turns that into a truncated episode with reason
/// ``EpisodeEndReason/toolError``, never a crash. Budgets (turns, context tokens) are the runner's job.
public protocol TextEnvironment {
    /// Starts an episode. The seed drives every random choice of the episode (e.g. a noisy search engine).
    /// - Throws: when the world cannot start (reported as ``EpisodeEndReason/resetError``).
    mutating func reset(seed: UInt64) throws -> TextObservation
    /// Applies one action text.
    /// - Throws: when a tool fails (reported as ``EpisodeEndReason/toolError``).
    mutating func step(_ action: String) throws -> TextStep
}
