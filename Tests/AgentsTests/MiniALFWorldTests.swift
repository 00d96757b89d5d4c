import Foundation
import Tensor
import Testing

@testable import Agents

@Suite struct MiniALFWorldTests {
    @Test func splitsAreSeededAndSeparated() throws {
        let config = MiniALFWorldConfig(tasks: 12)
        let a = try MiniALFWorld(config: config, split: .l0, seed: 4)
        let b = try MiniALFWorld(config: config, split: .l0, seed: 4)
        #expect(a.tasks == b.tasks)
        #expect(try MiniALFWorld(config: config, split: .l0, seed: 5).tasks != a.tasks)
        let l1 = try MiniALFWorld(config: config, split: .l1, seed: 4)
        let l2 = try MiniALFWorld(config: config, split: .l2, seed: 4)
        let seen = Set(MiniALFWorldCatalog.objects.filter(\.seen).map(\.name))
        #expect(a.tasks.allSatisfy { seen.contains($0.objectType) && $0.type != .cool })
        #expect(l1.tasks.allSatisfy { !seen.contains($0.objectType) && $0.type != .cool })
        #expect(l2.tasks.allSatisfy { $0.type == .cool })
        for world in [a, l1, l2] { #expect(world.check(episodes: 4).isEmpty) }
        #expect(try a.tasksJSONL().split(separator: "\n").count == 12)
        #expect(throws: AgentInputError.self) {
            try MiniALFWorld(config: MiniALFWorldConfig(seenTypes: [.cool]), seed: 1)
        }
    }

    @Test func dynamicsAdmissibilityFormatAndGoal() throws {
        let task = MiniALFWorldTask(
            id: 0, split: .l2, type: .cool, objectType: "apple", goalReceptacle: "countertop", rooms: ["kitchen"],
            receptacles: [
                MiniALFWorldReceptacle(name: "cabinet 1", type: "cabinet", room: "kitchen", openable: true,
                    holdsObjects: true),
                MiniALFWorldReceptacle(name: "fridge 1", type: "fridge", room: "kitchen", openable: true,
                    holdsObjects: true),
                MiniALFWorldReceptacle(name: "countertop 1", type: "countertop", room: "kitchen", openable: false,
                    holdsObjects: true),
            ],
            objects: [MiniALFWorldObject(name: "apple 1", type: "apple", location: "cabinet 1")])
        var world = MiniALFWorldEnvironment(task: task)
        let start = try world.reset(seed: 0)
        #expect(start.text.contains("Your task is to: put a cool apple in countertop."))
        #expect(start.admissibleActions.first == "<action>go to cabinet 1</action>")
        func act(_ tag: MetaReasoningTag, _ command: String) throws -> TextStep {
            try world.step(MetaReasoningOutput(tag: tag, reasoning: "r", action: command).text)
        }
        #expect(try act(.explore, "go to cabinet 1").observation.text.hasPrefix("You arrive at cabinet 1 in the "
            + "kitchen. The cabinet 1 is closed."))
        let missing = try act(.monitor, "take apple 1 from cabinet 1")
        #expect(missing.info.admissible == false && missing.observation.text.hasPrefix("Nothing happens."))
        let unformatted = try world.step("<action>open cabinet 1</action>")
        #expect(unformatted.info.formatError != nil && world.opened.isEmpty)
        #expect(try act(.explore, "open cabinet 1").observation.text.contains("you see a apple 1"))
        _ = try act(.monitor, "take apple 1 from cabinet 1")
        _ = try act(.monitor, "go to countertop 1")
        #expect(try act(.monitor, "put apple 1 in/on countertop 1").terminated == false)  // not cool yet
        _ = try act(.monitor, "take apple 1 from countertop 1")
        _ = try act(.monitor, "go to fridge 1")
        _ = try act(.monitor, "cool apple 1 with fridge 1")
        _ = try act(.monitor, "go to countertop 1")
        let done = try act(.monitor, "put apple 1 in/on countertop 1")
        #expect(done.terminated && done.reward == 1 && done.info.detail == "goal reached")
    }

    @Test func coldStartRaisesTheExpertsProbabilityAndStatisticsCount() throws {
        let world = try MiniALFWorld(config: MiniALFWorldConfig(tasks: 4), seed: 2)
        let demonstrations = world.expertDemonstrations(budget: AgentBudget(maxTurns: 30))
        var policy = MiniALFWorld.agentPolicy()
        /// Mean log-probability of the expert's outputs of the first demonstration under `policy`.
        func likelihood(_ policy: LogLinearPolicy) throws -> Double {
            let rollout = demonstrations[0]
            var prefix = Transcript(prompt: rollout.transcript.prompt)
            var total = 0.0
            for (t, turn) in rollout.transcript.turns.enumerated() {
                let candidates = policy.candidates(rollout.observations[t], transcript: prefix)
                var record = policy.decision(candidates, observation: rollout.observations[t], transcript: prefix)
                record.chosen = try #require(LogLinearPolicy.demonstrated(turn.action, among: candidates))
                total += log(record.chosenProbability)
                prefix.turns.append(turn)
            }
            return total / Double(rollout.transcript.turns.count)
        }
        let before = try likelihood(policy)
        for _ in 0..<10 { #expect(policy.imitate(demonstrations, learningRate: 1) > 0) }
        #expect(try likelihood(policy) > before + 0.5)
        var transcript = Transcript(prompt: "")
        transcript.turns = [
            RLVMRTests.turn("explore", "go to fridge 1"), RLVMRTests.turn("explore", "go to fridge 1"),
            RLVMRTests.turn("monitor", "open cabinet 1", admissible: false),
        ]
        let statistics = AgentActionStatistics(transcript)
        #expect(statistics.turns == 3 && statistics.repeated == 1 && statistics.invalid == 1)
    }
}
