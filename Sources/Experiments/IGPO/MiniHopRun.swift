import Agents
import Foundation
import Tensor

/// The MiniHop setting shared by the agent reproductions (igpo, carr): world size, noise, budget and training
/// length, one value per budget.
struct MiniHopSetting: Sendable {
    /// The world (standard split; the fictional split renames it).
    var world: MiniHopConfig
    /// Trainer settings except the method.
    var trainer: AgentTrainerConfig
    /// Policy-gradient updates.
    var updates: Int
    /// Points on the learning curve.
    var curvePoints: Int
    /// Evaluation episodes per task.
    var evaluationEpisodes: Int

    /// G 8 rollouts per question and 5 turns as in the digest's prototype; full: 16 questions per update, 200
    /// updates (the prototype ran 600 with a 5-action tabular policy); quick: 8 questions, 50 updates.
    static func standard(quick: Bool) -> MiniHopSetting {
        MiniHopSetting(
            world: MiniHopConfig(),
            trainer: AgentTrainerConfig(groupSize: 8, tasksPerStep: quick ? 8 : 16, maxTurns: 5),
            updates: quick ? 50 : 200, curvePoints: quick ? 10 : 20, evaluationEpisodes: quick ? 5 : 10)
    }
}

/// One arm × seed of a MiniHop reproduction.
public struct MiniHopArmResult: Codable, Sendable {
    /// Update index of each curve point.
    var curveSteps: [Double]
    /// Training success averaged over the updates since the previous point.
    var curveSuccess: [Double]
    /// Share of zero-advantage groups over the whole run.
    var zeroAdvantageGroups: Double
    /// Final evaluation on the training world.
    var evaluation: AgentEvaluation
    /// Final evaluation on the fictional split (same graph, renamed).
    var fictional: AgentEvaluation
    /// The scripted reference searcher's success on the same world.
    var scripted: Double
}

enum MiniHopRun {
    /// Trains `method` on the MiniHop world of `seed` and evaluates it.
    static func run(method: AgentMethod, setting: MiniHopSetting, seed: UInt64) throws -> MiniHopArmResult {
        let world = try MiniHopWorld(config: setting.world, seed: seed)
        var fictionalConfig = setting.world
        fictionalConfig.split = .fictional
        let fictional = try MiniHopWorld(config: fictionalConfig, seed: seed)
        var config = setting.trainer
        config.method = method
        var trainer = try AgentTrainer(tasks: world, config: config, seed: seed)
        let every = max(setting.updates / max(setting.curvePoints, 1), 1)
        var steps: [Double] = [], success: [Double] = []
        var window = 0.0, windowCount = 0, zero = 0.0
        for update in 1...setting.updates {
            let metrics = trainer.step()
            window += metrics.success
            windowCount += 1
            zero += metrics.zeroAdvantageGroups
            if update % every == 0 || update == setting.updates {
                steps.append(Double(update))
                success.append(window / Double(windowCount))
                window = 0
                windowCount = 0
            }
        }
        let evaluationSeed = Xoshiro256StarStar(seed: seed).derived("minihop/evaluation").state[0]
        return MiniHopArmResult(
            curveSteps: steps, curveSuccess: success, zeroAdvantageGroups: zero / Double(setting.updates),
            evaluation: trainer.evaluate(on: world, episodes: setting.evaluationEpisodes, seed: evaluationSeed),
            fictional: trainer.evaluate(on: fictional, episodes: setting.evaluationEpisodes, seed: evaluationSeed),
            scripted: scriptedSuccess(world, setting: setting, seed: evaluationSeed))
    }

    /// Success of ``MiniHopScriptedPolicy`` over every task × evaluation episodes.
    static func scriptedSuccess(_ world: MiniHopWorld, setting: MiniHopSetting, seed: UInt64) -> Double {
        var rng = Xoshiro256StarStar(seed: seed).derived("minihop/scripted")
        var total = 0.0
        for task in 0..<world.taskCount {
            let policy = MiniHopScriptedPolicy(world: world, task: task, maxTurns: setting.trainer.maxTurns)
            for _ in 0..<setting.evaluationEpisodes {
                var environment = world.environment(task: task)
                let rollout = AgentEpisode.run(
                    &environment, policy: policy, seed: rng.next(), budget: setting.trainer.budget, using: &rng)
                total += world.grade(task: task, transcript: rollout.transcript).outcome
            }
        }
        return total / Double(world.taskCount * setting.evaluationEpisodes)
    }
}
