import Agents
import ArgumentParser
import Foundation
import Tensor

/// `swiftrl agents`: multi-turn text worlds and the agent trainer (GRPO, IGPO, C-GRPO) with the log-linear policy.
struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "LLM-agent RL on text worlds: check and export MiniHop or MiniALFWorld, train an agent, print "
            + "transcripts.",
        discussion: """
            Examples:
              swiftrl agents check --seed 3
              swiftrl agents export --seed 3 --split fictional --out minihop-fictional.jsonl
              swiftrl agents train --method igpo-uncentered --updates 300 --seed 1 --transcripts 2
              swiftrl agents train --method c-grpo --rubric-alpha 0.5 --updates 300
              swiftrl agents check --world minialfworld --level L2
              swiftrl agents export --world minialfworld --level L1 --out alf-l1.jsonl
              swiftrl agents train --world minialfworld --method rlvmr --updates 100 --transcripts 1
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
    @OptionGroup var choice: AgentWorldOptions
    @Option(help: "Turn budget of the checked episodes (default 5 for MiniHop, 30 for MiniALFWorld).")
    var maxTurns: Int?
    @Option(help: "Random episodes played (each twice).") var episodes = 40

    func run() throws {
        if choice.isALFWorld {
            let alf = try choice.alfWorld(seed: world.worldSeed)
            let issues = alf.check(budget: AgentBudget(maxTurns: maxTurns ?? 30), episodes: episodes)
            let types = Dictionary(grouping: alf.tasks, by: \.type).mapValues(\.count)
            print("MiniALFWorld \(alf.split.rawValue): \(alf.tasks.count) tasks ("
                + types.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
                    .joined(separator: ", ") + ")")
            if issues.isEmpty {
                print("ok: no issues")
                return
            }
            for issue in issues { print("issue: \(issue)") }
            throw ExitCode.failure
        }
        let maxTurns = maxTurns ?? 5
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
        abstract: "Write MiniHop's questions or MiniALFWorld's tasks (layout, objects, goal) as JSONL.")
    @OptionGroup var world: MiniHopOptions
    @OptionGroup var choice: AgentWorldOptions
    @Option(help: "Output file.") var out = "minihop.jsonl"

    func run() throws {
        if choice.isALFWorld {
            let alf = try choice.alfWorld(seed: world.worldSeed)
            try alf.writeTasks(to: URL(fileURLWithPath: out))
            print("wrote \(alf.tasks.count) MiniALFWorld \(alf.split.rawValue) tasks to \(out)")
            return
        }
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
    @OptionGroup var choice: AgentWorldOptions
    @Option(help: "grpo, igpo(-uncentered/-exact), c-grpo(-code), rlvmr, rlvmr-paper or rlvmr-outcome-only.")
    var method = "igpo"
    @Option(help: "MiniALFWorld: cold-start (behaviour cloning) steps on the expert's L0 episodes.")
    var coldStartSteps = 20
    @Option(help: "MiniALFWorld: cold-start step size.") var coldStartRate = 1.0
    @Option(help: "α of C-GRPO (with a c-grpo method).") var rubricAlpha: Double?
    @Option(help: "IGPO normalisation: separate or joint (with an igpo method).") var igNormalization: String?
    @Option(help: "Policy-gradient updates.") var updates = 200
    @Option(help: "G, rollouts per question.") var groupSize = 8
    @Option(help: "Questions per update.") var tasksPerStep = 16
    @Option(help: "Turn budget (default 5 for MiniHop, 20 for MiniALFWorld).") var maxTurns: Int?
    @Option(help: "Learning rate.") var learningRate = 0.5
    @Option(help: "Run seed.") var seed: UInt64 = 1
    @Option(help: "Transcripts of the trained policy to print.") var transcripts = 1

    func run() throws {
        var method: AgentMethod
        do throws(AgentInputError) { method = try AgentMethod.named(self.method) } catch {
            throw ValidationError(error.message)
        }
        if choice.isALFWorld { return try trainALFWorld(method: method) }
        let maxTurns = maxTurns ?? 5
        let minihop = try world.world()
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

/// Which world an agents command acts on, and MiniALFWorld's options.
struct AgentWorldOptions: ParsableArguments {
    @Option(help: "minihop or minialfworld.") var world = "minihop"
    @Option(help: "MiniALFWorld level: L0 (training tasks), L1 (unseen instances), L2 (unseen task type).")
    var level = "L0"
    @Option(help: "MiniALFWorld tasks per level.") var alfTasks = 40

    var isALFWorld: Bool { world.lowercased() == "minialfworld" }

    func validate() throws {
        guard ["minihop", "minialfworld"].contains(world.lowercased()) else {
            throw ValidationError("--world must be minihop or minialfworld, got '\(world)'")
        }
    }

    func alfWorld(seed: UInt64, level override: MiniALFWorldSplit? = nil) throws -> MiniALFWorld {
        guard let split = override ?? MiniALFWorldSplit(rawValue: level.uppercased()) else {
            throw ValidationError("--level must be L0, L1 or L2, got '\(level)'")
        }
        do { return try MiniALFWorld(config: MiniALFWorldConfig(tasks: alfTasks), split: split, seed: seed) } catch {
            throw ValidationError(error.message)
        }
    }
}

extension AgentsTrainCommand {
    /// Cold start, RL on L0, evaluation on L0/L1/L2 of MiniALFWorld.
    func trainALFWorld(method: AgentMethod) throws {
        let config = AgentTrainerConfig(
            groupSize: groupSize, tasksPerStep: tasksPerStep, learningRate: learningRate, method: method,
            maxTurns: maxTurns ?? 20)
        let recipe = MiniALFWorldRecipe(
            world: MiniALFWorldConfig(tasks: choice.alfTasks), trainer: config, coldStartSteps: coldStartSteps,
            coldStartRate: coldStartRate, updates: updates, evaluationEpisodes: 4)
        let outcome: MiniALFWorldRecipe.Outcome, policy: LogLinearPolicy
        do {
            (outcome, policy) = try recipe.run(method: method, seed: seed, every: max(updates / 10, 1)) {
                update, metrics in
                print(String(format: "update %4d  success %.3f  zero-advantage groups %.2f  turns %.2f",
                    update, metrics.success, metrics.zeroAdvantageGroups, metrics.turns))
            }
        } catch { throw ValidationError(error.message) }
        for (name, evaluations) in [("cold start", outcome.coldStart), ("after RL", outcome.final)] {
            for (split, evaluation) in zip(MiniALFWorldSplit.allCases, evaluations) {
                print(String(format: "%@ %@: success %.3f, invalid %.3f, repeated %.3f, turns %.2f",
                    name, split.rawValue, evaluation.success, evaluation.invalidRate, evaluation.repeatRate,
                    evaluation.turns))
            }
        }
        print("expert success L0/L1/L2: " + outcome.expert.map { String(format: "%.3f", $0) }.joined(separator: " / "))
        let l2 = try choice.alfWorld(seed: seed, level: .l2)
        var rng = Xoshiro256StarStar(seed: seed).derived("cli/transcripts")
        for index in 0..<max(transcripts, 0) {
            var environment = l2.environment(task: index)
            let rollout = AgentEpisode.run(&environment, policy: policy, seed: 0, budget: config.budget, using: &rng)
            print("\nL2 task \(index % l2.taskCount), trained policy:\n" + rollout.transcript.rendered)
        }
    }
}
