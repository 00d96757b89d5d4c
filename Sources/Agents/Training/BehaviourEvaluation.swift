import Foundation
import Tensor

/// Success and action behaviour of a policy sampled on every task of a task set: RLVMR's success, invalid-action
/// rate and repeated-action rate (shares of all turns), and the mean episode length.
public struct AgentBehaviourEvaluation: Codable, Sendable, Equatable {
    /// Share of successful episodes.
    public var success: Double
    /// Share of turns whose action did not parse or was not admissible.
    public var invalidRate: Double
    /// Share of turns repeating an earlier command of the same episode.
    public var repeatRate: Double
    /// Mean turns per episode.
    public var turns: Double

    /// An evaluation.
    public init(success: Double, invalidRate: Double, repeatRate: Double, turns: Double) {
        self.success = success
        self.invalidRate = invalidRate
        self.repeatRate = repeatRate
        self.turns = turns
    }

    /// Samples `policy` `episodes` times on every task of `taskSet` under `budget`, seeded by `seed`.
    public static func measure<Tasks: AgentTaskSet, Policy: AgentPolicy>(
        _ policy: Policy, on taskSet: Tasks, episodes: Int, budget: AgentBudget, seed: UInt64
    ) -> AgentBehaviourEvaluation {
        var rng = Xoshiro256StarStar(seed: seed).derived("agents/behaviour")
        var success = 0.0, turns = 0, invalid = 0, repeated = 0, count = 0
        for task in 0..<taskSet.taskCount {
            for _ in 0..<max(episodes, 1) {
                var environment = taskSet.environment(task: task)
                let rollout = AgentEpisode.run(&environment, policy: policy, seed: rng.next(), budget: budget,
                    using: &rng)
                success += taskSet.grade(task: task, transcript: rollout.transcript).outcome
                let statistics = AgentActionStatistics(rollout.transcript)
                turns += statistics.turns
                invalid += statistics.invalid
                repeated += statistics.repeated
                count += 1
            }
        }
        let allTurns = Double(max(turns, 1))
        return AgentBehaviourEvaluation(
            success: success / Double(max(count, 1)), invalidRate: Double(invalid) / allTurns,
            repeatRate: Double(repeated) / allTurns, turns: Double(turns) / Double(max(count, 1)))
    }
}
