import Foundation

/// How a finished episode is graded: the outcome, CaRR's rubric reward and whether the answer is grounded.
public struct AgentGrade: Codable, Sendable, Equatable {
    /// The outcome reward R_out ∈ [0, 1] (exact match, or F1).
    public var outcome: Double
    /// CaRR's rubric reward R_rubric ∈ [0, 1].
    public var rubric: Double
    /// Whether the answer is correct and the whole gold evidence chain was retrieved.
    public var grounded: Bool

    /// A grade.
    public init(outcome: Double, rubric: Double, grounded: Bool) {
        self.outcome = outcome
        self.rubric = rubric
        self.grounded = grounded
    }
}

/// A family of tasks an ``AgentTrainer`` trains on: one environment per task, its gold answer and a grader.
public protocol AgentTaskSet: Sendable {
    /// The world of one task.
    associatedtype Environment: TextEnvironment
    /// Number of tasks.
    var taskCount: Int { get }
    /// A fresh environment of task `task` (0 ≤ task < ``taskCount``).
    func environment(task: Int) -> Environment
    /// The gold answer of `task` (what IGPO's belief probe scores).
    func goldAnswer(task: Int) -> String
    /// Grades a finished episode of `task`.
    func grade(task: Int, transcript: Transcript) -> AgentGrade
    /// The world's exact log-belief in the gold answer given the episode so far, or nil
    /// (IGPO's ``InformationGain/Probe/world``).
    func worldLogBelief(task: Int, transcript: Transcript) -> Double?
}

extension AgentTaskSet {
    /// The world's exact log-belief in the gold answer given `transcript`, or nil when the world has none
    /// (the default).
    public func worldLogBelief(task: Int, transcript: Transcript) -> Double? { nil }
}
