import Foundation

/// Settings of an ``AgentTrainer``: group sampling, the method and the budget.
public struct AgentTrainerConfig: Codable, Sendable, Equatable {
    /// G: rollouts per task in a group, default 8 (the digest's prototype).
    public var groupSize: Int
    /// Tasks per update, default 16.
    public var tasksPerStep: Int
    /// Step size of the policy-gradient ascent on the log-linear weights, default 0.5.
    public var learningRate: Double
    /// The credit-assignment method.
    public var method: AgentMethod
    /// Most turns per episode, default 5.
    public var maxTurns: Int
    /// Most context tokens per episode, default 4,096.
    public var maxContextTokens: Int

    /// A configuration; defaults as documented on each field.
    public init(
        groupSize: Int = 8, tasksPerStep: Int = 16, learningRate: Double = 0.5, method: AgentMethod = .grpo,
        maxTurns: Int = 5, maxContextTokens: Int = 4096
    ) {
        self.groupSize = groupSize
        self.tasksPerStep = tasksPerStep
        self.learningRate = learningRate
        self.method = method
        self.maxTurns = maxTurns
        self.maxContextTokens = maxContextTokens
    }

    /// The episode budget.
    public var budget: AgentBudget { AgentBudget(maxTurns: maxTurns, maxContextTokens: maxContextTokens) }

    /// Checks every field.
    /// - Throws: ``AgentInputError`` naming the field.
    public func validate() throws(AgentInputError) {
        guard groupSize >= 2 else {
            throw AgentInputError("AgentTrainerConfig.groupSize must be ≥ 2, got \(groupSize)")
        }
        guard tasksPerStep >= 1 else {
            throw AgentInputError("AgentTrainerConfig.tasksPerStep must be ≥ 1, got \(tasksPerStep)")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw AgentInputError("AgentTrainerConfig.learningRate must be finite and > 0, got \(learningRate)")
        }
        try method.validate()
        try budget.validate()
    }
}

/// What one update measured on its own rollouts.
public struct AgentStepMetrics: Codable, Sendable, Equatable {
    /// Share of rollouts answering correctly.
    public var success: Double
    /// Share of rollouts correct with the whole gold evidence chain retrieved.
    public var groundedSuccess: Double
    /// Mean rubric reward.
    public var rubric: Double
    /// Share of groups whose advantages are all zero (no learning signal).
    public var zeroAdvantageGroups: Double
    /// Mean turns per episode.
    public var turns: Double
}

/// Success measured by sampling the policy on every task.
public struct AgentEvaluation: Codable, Sendable, Equatable {
    /// Share of correct answers.
    public var success: Double
    /// Share of correct answers with the whole gold evidence chain retrieved.
    public var groundedSuccess: Double
    /// Mean rubric reward.
    public var rubric: Double
    /// Mean turns.
    public var turns: Double
    /// Share of episodes cut by a budget or an error.
    public var truncated: Double
}
