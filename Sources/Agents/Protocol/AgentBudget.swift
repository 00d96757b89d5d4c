import Foundation

/// Counts tokens of a context; the runner uses it for the context budget. A language-model policy passes its
/// tokenizer (``custom(_:)``); the default counts white-space separated words.
public struct TokenCounter: Sendable {
    /// Tokens in `text`.
    public let count: @Sendable (String) -> Int

    /// A counter from a closure.
    public static func custom(_ count: @escaping @Sendable (String) -> Int) -> TokenCounter {
        TokenCounter(count: count)
    }

    /// White-space separated words.
    public static let words = TokenCounter { text in
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
    }
}

/// Limits of one episode and the format penalty, enforced by ``AgentEpisode``.
public struct AgentBudget: Sendable {
    /// Most turns per episode (a world that never terminates is truncated here), default 8.
    public var maxTurns: Int
    /// Most context tokens (prompt + actions + tool results) before the episode is truncated, default 4,096.
    public var maxContextTokens: Int
    /// Reward added to a turn whose action does not parse, default −0.1 (RLVMR's format penalty).
    public var formatPenalty: Double
    /// Unparsable actions allowed before the episode is truncated, default 2 (the third one ends it).
    public var maxInvalidActions: Int
    /// How context tokens are counted.
    public var tokenCounter: TokenCounter

    /// A budget.
    public init(
        maxTurns: Int = 8, maxContextTokens: Int = 4096, formatPenalty: Double = -0.1, maxInvalidActions: Int = 2,
        tokenCounter: TokenCounter = .words
    ) {
        self.maxTurns = maxTurns
        self.maxContextTokens = maxContextTokens
        self.formatPenalty = formatPenalty
        self.maxInvalidActions = maxInvalidActions
        self.tokenCounter = tokenCounter
    }

    /// Checks the fields.
    /// - Throws: ``AgentInputError`` naming the bad field.
    public func validate() throws(AgentInputError) {
        guard maxTurns >= 1 else { throw AgentInputError("AgentBudget.maxTurns must be ≥ 1, got \(maxTurns)") }
        guard maxContextTokens >= 1 else {
            throw AgentInputError("AgentBudget.maxContextTokens must be ≥ 1, got \(maxContextTokens)")
        }
        guard formatPenalty.isFinite, formatPenalty <= 0 else {
            throw AgentInputError("AgentBudget.formatPenalty must be finite and ≤ 0, got \(formatPenalty)")
        }
        guard maxInvalidActions >= 0 else {
            throw AgentInputError("AgentBudget.maxInvalidActions must be ≥ 0, got \(maxInvalidActions)")
        }
    }
}

/// An invalid setting of the agent layer; the message names the field and the accepted range.
public struct AgentInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong and how to fix it.
    public var message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
