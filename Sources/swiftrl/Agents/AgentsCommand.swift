import Agents
import ArgumentParser
import Foundation
import Tensor

/// `swiftrl agents`: multi-turn text worlds and the agent trainer (GRPO, IGPO, C-GRPO) with the log-linear policy.
struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "LLM-agent RL on text worlds: check and export MiniHop, train an agent, print transcripts.",
        discussion: """
            Examples:
              swiftrl agents check --seed 3
              swiftrl agents export --seed 3 --split fictional --out minihop-fictional.jsonl
              swiftrl agents train --method igpo-uncentered --updates 300 --seed 1 --transcripts 2
              swiftrl agents train --method c-grpo --rubric-alpha 0.5 --updates 300
            """,
        subcommands: [AgentsCheckCommand.self, AgentsExportCommand.self, AgentsTrainCommand.self])
}

/// MiniHop options shared by the agent commands.
struct MiniHopOptions: ParsableArguments {
    @Option(help: "World seed (graph, corpus and questions).") var worldSeed: UInt64 = 0
    @Option(help: "standard (real country names) or fictional (every entity renamed).") var split = "standard"
    @Option(help: "Question hops, 2 and/or 3 (repeat).") var hops: [Int] = [2]
    @Option(help: "Number of questions.") var questions = 40
    @Option(help: "Search-engine temperature τ (0: exact BM25 ranking).") var retrievalTemperature = 1.0

    func world() throws -> MiniHopWorld {
        guard let split = MiniHopConfig.Split(rawValue: split) else {
            throw ValidationError("--split must be standard or fictional, got '\(split)'")
        }
        let config = MiniHopConfig(
            hops: hops, questions: questions, retrievalTemperature: retrievalTemperature, split: split)
        do { return try MiniHopWorld(config: config, seed: worldSeed) } catch { throw ValidationError(error.message) }
    }
}

/// `swiftrl agents check`: the text-world checker on MiniHop.
struct AgentsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check MiniHop: determinism under a seed, budgets, well-formed observations, gold chains, export.")
    @OptionGroup var world: MiniHopOptions
    @Option(help: "Turn budget of the checked episodes.") var maxTurns = 5
    @Option(help: "Random episodes played (each twice).") var episodes = 40

    func run() throws {
        let minihop = try world.world()
        let issues = minihop.check(budget: AgentBudget(maxTurns: maxTurns), episodes: episodes)
        print("MiniHop: \(minihop.documents.count) documents, \(minihop.tasks.count) questions, "
            + String(format: "search hits the gold document %.0f%% of the time", 100 * minihop.hopSuccessRate()))
        if issues.isEmpty {
            print("ok: no issues")
        } else {
            for issue in issues { print("issue: \(issue)") }
            throw ExitCode.failure
        }
    }
}

/// `swiftrl agents export`: MiniHop's questions as JSONL.
struct AgentsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write MiniHop's questions (options, answer, gold evidence, rubrics) as JSONL.")
    @OptionGroup var world: MiniHopOptions
    @Option(help: "Output file.") var out = "minihop.jsonl"

    func run() throws {
        let minihop = try world.world()
        try minihop.writeTasks(to: URL(fileURLWithPath: out))
        print("wrote \(minihop.tasks.count) tasks to \(out)")
    }
}

/// `swiftrl agents train`: the one agent trainer with a method preset, on MiniHop.
struct AgentsTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the log-linear agent on MiniHop with GRPO, IGPO or C-GRPO; print success and transcripts.")
    @OptionGroup var world: MiniHopOptions
    @Option(help: "grpo, igpo, igpo-uncentered, igpo-exact, c-grpo or c-grpo-code.") var method = "igpo"
    @Option(help: "α of C-GRPO (with a c-grpo method).") var rubricAlpha: Double?
    @Option(help: "IGPO normalisation: separate or joint (with an igpo method).") var igNormalization: String?
    @Option(help: "Policy-gradient updates.") var updates = 200
    @Option(help: "G, rollouts per question.") var groupSize = 8
    @Option(help: "Questions per update.") var tasksPerStep = 16
    @Option(help: "Turn budget.") var maxTurns = 5
    @Option(help: "Learning rate.") var learningRate = 0.5
    @Option(help: "Run seed.") var seed: UInt64 = 1
    @Option(help: "Transcripts of the trained policy to print.") var transcripts = 1

    func run() throws {
        let minihop = try world.world()
        var method: AgentMethod
        do { method = try AgentMethod.named(self.method) } catch { throw ValidationError(error.message) }
        if let rubricAlpha { method.rubricReward?.alpha = rubricAlpha }
        if let igNormalization {
            guard let value = InformationGain.Normalization(rawValue: igNormalization) else {
                throw ValidationError("--ig-normalization must be separate or joint, got '\(igNormalization)'")
            }
            method.informationGain?.normalization = value
        }
        let config = AgentTrainerConfig(
            groupSize: groupSize, tasksPerStep: tasksPerStep, learningRate: learningRate, method: method,
            maxTurns: maxTurns)
        var trainer: AgentTrainer<MiniHopWorld>
        do { trainer = try AgentTrainer(tasks: minihop, config: config, seed: seed) } catch {
            throw ValidationError(error.message)
        }
        let every = max(updates / 10, 1)
        for update in 1...max(updates, 1) {
            let metrics = trainer.step()
            if update % every == 0 {
                print(String(format: "update %4d  success %.3f  grounded %.3f  zero-advantage groups %.2f  turns %.2f",
                    update, metrics.success, metrics.groundedSuccess, metrics.zeroAdvantageGroups, metrics.turns))
            }
        }
        let evaluation = trainer.evaluate(on: minihop, episodes: 10, seed: seed &+ 1)
        print(String(format: "evaluation: success %.3f, grounded %.3f, rubric %.3f, turns %.2f",
            evaluation.success, evaluation.groundedSuccess, evaluation.rubric, evaluation.turns))
        for index in 0..<max(transcripts, 0) {
            let rollout = trainer.rollout(task: index % minihop.taskCount, seed: seed &+ UInt64(100 + index))
            print("\n" + rollout.transcript.rendered)
        }
    }
}
