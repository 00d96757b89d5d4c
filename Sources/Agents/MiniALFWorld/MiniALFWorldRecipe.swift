import Foundation
import Tensor

/// The whole MiniALFWorld pipeline of RLVMR at log-linear scale: draw L0/L1/L2 from one seed, cold-start the
/// log-linear tag × command policy on the expert's L0 episodes, train it on L0 with an ``AgentMethod`` on the one
/// ``AgentTrainer``, and measure success, invalid and repeated actions on each level.
public struct MiniALFWorldRecipe: Codable, Sendable, Equatable {
    /// The world.
    public var world: MiniALFWorldConfig
    /// Trainer settings (the method is set by ``run(method:seed:every:progress:)``).
    public var trainer: AgentTrainerConfig
    /// Behaviour-cloning steps on the expert's L0 episodes before RL, default 20.
    public var coldStartSteps: Int
    /// Step size of the cold start, default 1.
    public var coldStartRate: Double
    /// Policy-gradient updates, default 100.
    public var updates: Int
    /// Evaluation episodes per task and level, default 4.
    public var evaluationEpisodes: Int

    /// A recipe; G 8 × 8 tasks per update, 20 turns, learning rate 0.5 by default.
    public init(
        world: MiniALFWorldConfig = MiniALFWorldConfig(),
        trainer: AgentTrainerConfig = AgentTrainerConfig(groupSize: 8, tasksPerStep: 8, maxTurns: 20),
        coldStartSteps: Int = 20, coldStartRate: Double = 1, updates: Int = 100, evaluationEpisodes: Int = 4
    ) {
        self.world = world
        self.trainer = trainer
        self.coldStartSteps = coldStartSteps
        self.coldStartRate = coldStartRate
        self.updates = updates
        self.evaluationEpisodes = evaluationEpisodes
    }

    /// What one run measured.
    public struct Outcome: Codable, Sendable, Equatable {
        /// Update index of each curve point.
        public var curveSteps: [Double]
        /// Training success averaged since the previous point.
        public var curveSuccess: [Double]
        /// After the cold start, before RL: L0, L1, L2.
        public var coldStart: [AgentBehaviourEvaluation]
        /// After RL: L0, L1, L2.
        public var final: [AgentBehaviourEvaluation]
        /// The expert's success on L0, L1, L2.
        public var expert: [Double]
    }

    /// Runs the pipeline for `method` on the worlds of `seed`; `progress` sees every `every`-th update's metrics.
    /// - Returns: the measurements and the trained policy.
    /// - Throws: ``AgentInputError`` for an invalid setting.
    public func run(
        method: AgentMethod, seed: UInt64, every: Int = 10, progress: (Int, AgentStepMetrics) -> Void = { _, _ in }
    ) throws(AgentInputError) -> (outcome: Outcome, policy: LogLinearPolicy) {
        let levels = try MiniALFWorldSplit.allCases.map { split throws(AgentInputError) in
            try MiniALFWorld(config: world, split: split, seed: seed)
        }
        var config = trainer
        config.method = method
        var policy = MiniALFWorld.agentPolicy()
        let demonstrations = levels[0].expertDemonstrations(budget: config.budget)
        for _ in 0..<max(coldStartSteps, 0) { policy.imitate(demonstrations, learningRate: coldStartRate) }
        let evaluationSeed = Xoshiro256StarStar(seed: seed).derived("minialfworld/evaluation").state[0]
        func measure(_ policy: LogLinearPolicy) -> [AgentBehaviourEvaluation] {
            levels.map {
                AgentBehaviourEvaluation.measure(
                    policy, on: $0, episodes: evaluationEpisodes, budget: config.budget, seed: evaluationSeed)
            }
        }
        let coldStart = measure(policy)
        var trainerState = try AgentTrainer(tasks: levels[0], config: config, policy: policy, seed: seed)
        var steps: [Double] = [], success: [Double] = []
        var window = 0.0, count = 0
        for update in 0..<max(updates, 0) {
            let metrics = trainerState.step()
            window += metrics.success
            count += 1
            if (update + 1) % max(every, 1) == 0 || update + 1 == updates {
                steps.append(Double(update + 1))
                success.append(window / Double(count))
                window = 0
                count = 0
                progress(update + 1, metrics)
            }
        }
        let expert = levels.map { level in
            level.expertDemonstrations(budget: config.budget).enumerated()
                .map { level.grade(task: $0.offset, transcript: $0.element.transcript).outcome }
                .reduce(0, +) / Double(max(level.taskCount, 1))
        }
        let outcome = Outcome(
            curveSteps: steps, curveSuccess: success, coldStart: coldStart, final: measure(trainerState.policy),
            expert: expert)
        return (outcome, trainerState.policy)
    }
}
