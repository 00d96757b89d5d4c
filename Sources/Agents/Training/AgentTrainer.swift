import Foundation
import Tensor

/// The one agent trainer (log-linear form): for each step, `tasksPerStep` tasks × `groupSize` rollouts under the
/// budget, grades, the method's per-turn advantages (``AgentMethod``: GRPO, C-GRPO, IGPO, RLVMR), then one
/// REINFORCE-style ascent step w ← w + η·mean_i Σ_t A_{i,t}·∇ log π(a_{i,t}).
///
/// Every random choice comes from the run seed: task sampling (`agents/tasks`), episode seeds (`agents/episodes`)
/// and the policy's sampling stream (`agents/policy`).
public struct AgentTrainer<Tasks: AgentTaskSet>: Sendable {
    /// The tasks.
    public let tasks: Tasks
    /// The settings.
    public let config: AgentTrainerConfig
    /// The policy being trained.
    public var policy: LogLinearPolicy
    /// Updates done.
    public private(set) var steps = 0
    private var taskRNG: Xoshiro256StarStar
    private var episodeRNG: Xoshiro256StarStar
    private var policyRNG: Xoshiro256StarStar

    /// A trainer starting from `policy` (uniform by default).
    /// - Throws: ``AgentInputError`` for an invalid configuration or an empty task set.
    public init(tasks: Tasks, config: AgentTrainerConfig, policy: LogLinearPolicy = LogLinearPolicy(), seed: UInt64)
        throws(AgentInputError)
    {
        try config.validate()
        guard tasks.taskCount > 0 else { throw AgentInputError("AgentTrainer: the task set is empty") }
        self.tasks = tasks
        self.config = config
        self.policy = policy
        let root = Xoshiro256StarStar(seed: seed)
        taskRNG = root.derived("agents/tasks")
        episodeRNG = root.derived("agents/episodes")
        policyRNG = root.derived("agents/policy")
    }

    /// Plays one episode of `task` with the current policy.
    public mutating func rollout(task: Int, seed: UInt64) -> AgentRollout<LogLinearDecision> {
        var environment = tasks.environment(task: task)
        return AgentEpisode.run(&environment, policy: policy, seed: seed, budget: config.budget, using: &policyRNG)
    }

    /// IGPO's beliefs s_0 … s_T of the gold answer along a rollout, under the current policy.
    /// With ``InformationGain/Probe/world`` the task set's exact posterior is used where it has one.
    public func beliefs(_ rollout: AgentRollout<LogLinearDecision>, task: Int) -> [Double] {
        let gold = tasks.goldAnswer(task: task)
        let world = config.method.informationGain?.probe == .world
        var prefix = Transcript(prompt: rollout.transcript.prompt)
        var out: [Double] = []
        for (index, observation) in rollout.observations.enumerated() {
            if index > 0 { prefix.turns.append(rollout.transcript.turns[index - 1]) }
            if world, let belief = tasks.worldLogBelief(task: task, transcript: prefix) {
                out.append(belief)
            } else {
                out.append(policy.answerLogBelief(gold: gold, observation: observation, transcript: prefix))
            }
        }
        return out
    }

    /// One update; returns what it measured on its rollouts.
    public mutating func step() -> AgentStepMetrics {
        var gradient = [Double](repeating: 0, count: policy.weights.count)
        let scale = 1 / Double(config.groupSize * config.tasksPerStep)
        var success = 0.0, grounded = 0.0, rubric = 0.0, zero = 0, turns = 0.0
        for _ in 0..<config.tasksPerStep {
            let task = taskRNG.int(below: tasks.taskCount)
            var rollouts: [AgentRollout<LogLinearDecision>] = []
            var inputs: [AgentCreditInput] = []
            for _ in 0..<config.groupSize {
                let rollout = rollout(task: task, seed: episodeRNG.next())
                let grade = tasks.grade(task: task, transcript: rollout.transcript)
                let beliefs = config.method.informationGain == nil ? [] : beliefs(rollout, task: task)
                let transcript = config.method.metaReasoning == nil ? nil : rollout.transcript
                inputs.append(AgentCreditInput(
                    grade: grade, beliefs: beliefs, turns: rollout.decisions.count, transcript: transcript))
                rollouts.append(rollout)
                success += grade.outcome
                grounded += grade.grounded ? 1 : 0
                rubric += grade.rubric
                turns += Double(rollout.transcript.turns.count)
            }
            let (advantages, zeroGroup) = config.method.turnAdvantages(inputs)
            if zeroGroup { zero += 1 }
            for (rollout, turnAdvantages) in zip(rollouts, advantages) {
                for (decision, advantage) in zip(rollout.decisions, turnAdvantages) {
                    policy.accumulate(decision, advantage: advantage, scale: scale, into: &gradient)
                }
            }
        }
        for index in gradient.indices where gradient[index] != 0 {
            policy.weights[index] += config.learningRate * gradient[index]
        }
        steps += 1
        let count = Double(config.groupSize * config.tasksPerStep)
        return AgentStepMetrics(
            success: success / count, groundedSuccess: grounded / count, rubric: rubric / count,
            zeroAdvantageGroups: Double(zero) / Double(config.tasksPerStep), turns: turns / count)
    }

    /// Samples the policy `episodes` times on every task of `taskSet` (seeded by `seed`, independent of training).
    public func evaluate<Other: AgentTaskSet>(on taskSet: Other, episodes: Int, seed: UInt64) -> AgentEvaluation {
        var rng = Xoshiro256StarStar(seed: seed).derived("agents/evaluation")
        var success = 0.0, grounded = 0.0, rubric = 0.0, turns = 0.0, truncated = 0.0
        for task in 0..<taskSet.taskCount {
            for _ in 0..<max(episodes, 1) {
                var environment = taskSet.environment(task: task)
                let rollout = AgentEpisode.run(
                    &environment, policy: policy, seed: rng.next(), budget: config.budget, using: &rng)
                let grade = taskSet.grade(task: task, transcript: rollout.transcript)
                success += grade.outcome
                grounded += grade.grounded ? 1 : 0
                rubric += grade.rubric
                turns += Double(rollout.transcript.turns.count)
                truncated += rollout.transcript.truncated ? 1 : 0
            }
        }
        let count = Double(taskSet.taskCount * max(episodes, 1))
        return AgentEvaluation(success: success / count, groundedSuccess: grounded / count, rubric: rubric / count,
            turns: turns / count, truncated: truncated / count)
    }
}
