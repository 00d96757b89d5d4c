import Foundation
import Tensor

/// A problem ``TextEnvironmentChecker`` found.
public struct TextEnvironmentIssue: Sendable, Equatable, CustomStringConvertible {
    /// Which check failed.
    public var check: String
    /// What was seen.
    public var detail: String
    public var description: String { "\(check): \(detail)" }
}

/// `env check` for text worlds: plays seeded random episodes (uniform over the admissible actions) and checks
/// that the same seed gives the same episode, that every observation is well formed (non-empty text, admissible
/// actions that parse as tool calls of the listed tools), that each episode ends within the budget with a
/// recorded reason, and that the world does not throw.
public struct TextEnvironmentChecker: Sendable {
    /// The budget episodes are played under.
    public var budget: AgentBudget
    /// Episodes played (each twice for determinism), default 20.
    public var episodes: Int

    /// A checker.
    public init(budget: AgentBudget = AgentBudget(), episodes: Int = 20) {
        self.budget = budget
        self.episodes = episodes
    }

    /// The checks every task world shares: its JSONL export has one line per task (`jsonl` nil: not checked, e.g.
    /// when encoding failed and the world reports that itself), then ``check(_:seed:)`` on environments of the
    /// tasks in order (each task for both plays of an episode, wrapping around after the last).
    public func checkTasks<Environment: TextEnvironment>(
        count: Int, jsonl: String?, seed: UInt64, environment: (Int) -> Environment
    ) -> [TextEnvironmentIssue] {
        var issues: [TextEnvironmentIssue] = []
        if let lines = jsonl?.split(separator: "\n"), lines.count != count {
            issues.append(
                TextEnvironmentIssue(check: "export", detail: "\(lines.count) JSONL lines for \(count) tasks"))
        }
        var counter = 0
        issues += check({
            defer { counter += 1 }
            return environment((counter / 2) % max(count, 1))
        }, seed: seed)
        return issues
    }

    /// Every issue found on environments from `make` (empty: the world passes).
    public func check<Environment: TextEnvironment>(_ make: () -> Environment, seed: UInt64 = 0)
        -> [TextEnvironmentIssue]
    {
        var issues: [TextEnvironmentIssue] = []
        let root = Xoshiro256StarStar(seed: seed).derived("agents/checker")
        for episode in 0..<max(episodes, 1) {
            let episodeSeed = root.derived(index: episode).state[0]
            var first = make(), second = make()
            var rngA = root.derived(index: 10_000 + episode), rngB = rngA
            let a = AgentEpisode.run(&first, policy: UniformAdmissiblePolicy(), seed: episodeSeed, budget: budget,
                using: &rngA)
            let b = AgentEpisode.run(&second, policy: UniformAdmissiblePolicy(), seed: episodeSeed, budget: budget,
                using: &rngB)
            if a.transcript != b.transcript {
                issues.append(TextEnvironmentIssue(check: "determinism",
                    detail: "episode \(episode): the same seed gave different transcripts"))
            }
            issues += wellFormed(a, episode: episode)
        }
        return issues
    }

    private func wellFormed(_ rollout: AgentRollout<Int>, episode: Int) -> [TextEnvironmentIssue] {
        var issues: [TextEnvironmentIssue] = []
        let transcript = rollout.transcript
        if transcript.endReason == nil {
            issues.append(TextEnvironmentIssue(check: "end reason", detail: "episode \(episode) has no end reason"))
        }
        if [.toolError, .resetError, .policyError].contains(transcript.endReason) {
            issues.append(TextEnvironmentIssue(check: "errors",
                detail: "episode \(episode) ended with \(transcript.endReason?.rawValue ?? "")"
                    + (transcript.turns.last?.info.detail.map { ": \($0)" } ?? "")))
        }
        if transcript.turns.count > budget.maxTurns {
            issues.append(TextEnvironmentIssue(check: "budget",
                detail: "episode \(episode) ran \(transcript.turns.count) turns, budget \(budget.maxTurns)"))
        }
        for (index, observation) in rollout.observations.enumerated() {
            if observation.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                issues.append(TextEnvironmentIssue(check: "observation",
                    detail: "episode \(episode), observation \(index) has empty text"))
            }
            let parser = ToolCallParser(tools: observation.tools)
            for action in observation.admissibleActions where (try? parser.parse(action)) == nil {
                issues.append(TextEnvironmentIssue(check: "admissible actions",
                    detail: "episode \(episode), observation \(index): '\(action)' does not parse as a call of "
                        + "\(observation.tools)"))
            }
            let last = index == rollout.observations.count - 1
            if !last && observation.admissibleActions.isEmpty {
                issues.append(TextEnvironmentIssue(check: "admissible actions",
                    detail: "episode \(episode), observation \(index) lists no admissible action mid-episode"))
            }
        }
        return issues
    }
}

/// Picks an admissible action uniformly at random (the checker's policy and a baseline); its decision is the index.
public struct UniformAdmissiblePolicy: AgentPolicy, Sendable {
    /// The policy.
    public init() {}

    public func act(_ observation: TextObservation, transcript: Transcript, using rng: inout Xoshiro256StarStar)
        throws -> (text: String, decision: Int)
    {
        guard !observation.admissibleActions.isEmpty else {
            throw AgentInputError("UniformAdmissiblePolicy: the observation lists no admissible actions")
        }
        let index = rng.int(below: observation.admissibleActions.count)
        return (observation.admissibleActions[index], index)
    }
}
