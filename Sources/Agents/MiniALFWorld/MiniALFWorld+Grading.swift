import Foundation
import Tensor

extension MiniALFWorld: AgentTaskSet {
    public var taskCount: Int { tasks.count }

    /// The goal sentence (there is no answer to believe in; IGPO's probe does not apply).
    public func goldAnswer(task: Int) -> String { tasks[task].goal }

    /// Outcome 1 when the episode ended with the goal reached; rubric 0; grounded = success.
    public func grade(task: Int, transcript: Transcript) -> AgentGrade {
        let success = transcript.terminated && transcript.turns.last?.info.detail == "goal reached"
        return AgentGrade(outcome: success ? 1 : 0, rubric: 0, grounded: success)
    }
}

/// Behaviour measures of one episode in an admissible-action world (RLVMR's Fig. 1 quantities).
public struct AgentActionStatistics: Sendable, Equatable {
    /// Turns played.
    public var turns: Int
    /// Turns whose action did not parse or was not admissible (did nothing).
    public var invalid: Int
    /// Turns whose action command repeats one of an earlier turn of the episode.
    public var repeated: Int

    /// The statistics of `transcript`; the command of a turn is its `<action>` content, else its whole text.
    public init(_ transcript: Transcript) {
        turns = transcript.turns.count
        invalid = transcript.turns.filter { $0.info.formatError != nil || $0.info.admissible == false }.count
        var seen = Set<String>()
        repeated = 0
        for turn in transcript.turns {
            let command = MetaReasoningOutput.contents(of: "action", in: turn.action).first ?? turn.action
            let key = MiniALFWorldEnvironment.normalized(command)
            if !seen.insert(key).inserted { repeated += 1 }
        }
    }
}

extension MiniALFWorld {
    /// World checks on top of ``TextEnvironmentChecker``: no goal holds at the start, the cold-start expert solves
    /// every task within `budget` turns, every expert step is admissible, L2 holds only unseen task types and L0/L1
    /// only seen ones, L0 uses only seen object types and L1 only unseen ones, and the JSONL export has one line per
    /// task. The generic checker plays random episodes of the first tasks in the plain `<action>` format.
    public func check(budget: AgentBudget = AgentBudget(maxTurns: 30), episodes: Int = 20) -> [TextEnvironmentIssue] {
        var issues: [TextEnvironmentIssue] = []
        let seenObjects = Set(MiniALFWorldCatalog.objects.filter(\.seen).map(\.name))
        for task in tasks {
            var environment = environment(task: task.id)
            _ = try? environment.reset(seed: 0)
            if environment.goalReached {
                issues.append(TextEnvironmentIssue(check: "task", detail: "task \(task.id): goal holds at the start"))
            }
            let allowed = split == .l2 ? config.unseenTypes : config.seenTypes
            if !allowed.contains(task.type) {
                issues.append(TextEnvironmentIssue(check: "split",
                    detail: "task \(task.id): type \(task.type.rawValue) does not belong to \(split.rawValue)"))
            }
            let seenObject = seenObjects.contains(task.objectType)
            if split == .l0 && !seenObject || split == .l1 && seenObject {
                issues.append(TextEnvironmentIssue(check: "split",
                    detail: "task \(task.id): object \(task.objectType) does not belong to \(split.rawValue)"))
            }
            var rng = Xoshiro256StarStar(seed: seed).derived("minialfworld/check/\(task.id)")
            var metaWorld = MiniALFWorldEnvironment(task: task, requireMetaReasoning: true)
            let rollout = AgentEpisode.run(
                &metaWorld, policy: MiniALFWorldExpert(task: task), seed: 0, budget: budget, using: &rng)
            if grade(task: task.id, transcript: rollout.transcript).outcome != 1 {
                issues.append(TextEnvironmentIssue(check: "expert",
                    detail: "task \(task.id): the expert did not finish within \(budget.maxTurns) turns "
                        + "(\(rollout.transcript.endReason?.rawValue ?? "no reason"))"))
            }
            if rollout.transcript.turns.contains(where: { $0.info.admissible != true }) {
                issues.append(TextEnvironmentIssue(check: "expert",
                    detail: "task \(task.id): an expert step was not admissible"))
            }
        }
        issues += TextEnvironmentChecker(budget: budget, episodes: episodes).checkTasks(
            count: tasks.count, jsonl: try? tasksJSONL(), seed: seed
        ) { MiniALFWorldEnvironment(task: tasks[$0], requireMetaReasoning: false) }
        return issues
    }
}
