import Foundation
import Tensor
import Testing

@testable import Agents

@Suite struct MiniHopTests {
    @Test func worldIsSeededAndPassesItsChecker() throws {
        let world = try MiniHopWorld(seed: 7)
        let again = try MiniHopWorld(seed: 7)
        #expect(world.documents == again.documents && world.tasks == again.tasks)
        #expect(try MiniHopWorld(seed: 8).documents != world.documents)
        let issues = world.check(episodes: 10)
        #expect(issues.isEmpty, "\(issues)")
        let threeHop = try MiniHopWorld(config: MiniHopConfig(hops: [2, 3], questions: 20), seed: 3)
        #expect(threeHop.tasks.contains { $0.hops == 3 } && threeHop.check(episodes: 6).isEmpty)
    }

    @Test func tasksHaveGoldChainsAndExportAsJSONL() throws {
        let world = try MiniHopWorld(config: MiniHopConfig(hops: [3], questions: 5), seed: 1)
        let task = world.tasks[0]
        #expect(task.goldEvidence.count == 3 && task.rubrics.count == 3 && task.entities.count == 3)
        #expect(task.question.contains("mentor of \(task.subject)"))
        let first = try #require(world.document(id: task.goldEvidence[0]))
        #expect(first.text.hasPrefix(task.subject) && first.text.contains("studied under \(task.entities[2])"))
        let last = try #require(world.document(id: task.goldEvidence[2]))
        #expect(last.text.contains("The capital of \(task.entities[1]) is \(task.answer)."))
        let lines = try world.tasksJSONL().split(separator: "\n")
        #expect(lines.count == 5)
        let decoded = try JSONDecoder().decode(MiniHopTask.self, from: Data(lines[0].utf8))
        #expect(decoded == task)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("minihop-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try world.writeTasks(to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == world.tasksJSONL())
    }

    @Test func fictionalSplitRenamesTheSameGraph() throws {
        let standard = try MiniHopWorld(seed: 5)
        let fictional = try MiniHopWorld(config: MiniHopConfig(split: .fictional), seed: 5)
        #expect(standard.documents.count == fictional.documents.count)
        #expect(standard.tasks.map(\.hops) == fictional.tasks.map(\.hops))
        #expect(standard.tasks.map(\.goldEvidence) == fictional.tasks.map(\.goldEvidence))
        #expect(standard.tasks.map { $0.options.firstIndex(of: $0.answer) }
            == fictional.tasks.map { $0.options.firstIndex(of: $0.answer) })
        let realNames = Set(MiniHopNames.realCountries.flatMap { [$0.country, $0.capital] })
        #expect(fictional.entityNames.allSatisfy { !realNames.contains($0) })
        #expect(standard.tasks[0].answer != fictional.tasks[0].answer)
        #expect(fictional.check(episodes: 6).isEmpty)
    }

    @Test func searchAnswerAndGrading() throws {
        let world = try MiniHopWorld(config: MiniHopConfig(retrievalTemperature: 0), seed: 2)
        let task = world.tasks[0]
        var environment = world.environment(task: 0)
        let start = try environment.reset(seed: 0)
        #expect(start.text.contains(task.question))
        #expect(start.admissibleActions.contains("<search>\(task.subject)</search>"))
        #expect(start.admissibleActions.filter { $0.hasPrefix("<answer>") }.count == 4)
        var transcript = Transcript(prompt: start.text)
        for query in [task.subject, task.entities[1]] {
            let step = try environment.step("<search>\(query)</search>")
            #expect(!step.terminated && step.info.tool == "search")
            transcript.turns.append(TranscriptTurn(
                action: "<search>\(query)</search>", observation: step.observation.text,
                reward: 0, info: step.info))
        }
        #expect(environment.retrieved == task.goldEvidence)
        let bad = try environment.step("the answer is Paris")
        #expect(bad.info.formatError != nil && !bad.terminated)
        let done = try environment.step("<answer>\(task.answer)</answer>")
        #expect(done.terminated && done.reward == 1 && done.info.reason == .answered)
        transcript.turns.append(TranscriptTurn(action: "<answer>\(task.answer)</answer>", observation: "Correct.",
            reward: 1, info: done.info))
        #expect(world.grade(task: 0, transcript: transcript) == AgentGrade(outcome: 1, rubric: 1, grounded: true))
        // A lucky guess: correct, but no evidence and no rubric.
        var guess = Transcript(prompt: start.text)
        guess.turns = [transcript.turns[2]]
        #expect(world.grade(task: 0, transcript: guess) == AgentGrade(outcome: 1, rubric: 0, grounded: false))
        let after = try environment.step("<answer>x</answer>")
        #expect(after.truncated && after.info.detail?.contains("reset") == true)
    }

    @Test func noisySearchHitsTheGoldDocumentOnlySometimes() throws {
        let world = try MiniHopWorld(seed: 4)
        let rate = world.hopSuccessRate(samples: 10)
        #expect(rate > 0.1 && rate < 0.9, "p_hop \(rate)")
        let exact = try MiniHopWorld(config: MiniHopConfig(retrievalTemperature: 0), seed: 4)
        #expect(exact.hopSuccessRate(samples: 2) > 0.9)
    }

    @Test func invalidConfigurationsNameTheField() {
        for (config, field) in [
            (MiniHopConfig(people: 2), "people"), (MiniHopConfig(countries: 40), "countries"),
            (MiniHopConfig(options: 9), "options"), (MiniHopConfig(hops: [4]), "hops"),
            (MiniHopConfig(retrievalTemperature: -1), "retrievalTemperature"),
        ] {
            do {
                _ = try MiniHopWorld(config: config, seed: 0)
                Issue.record("\(field) accepted")
            } catch { #expect(error.message.contains(field)) }
        }
    }
}
