import Foundation
import Tensor
import Testing

@testable import Agents

/// A scripted world: answers after `answerAfter` searches (never, when nil), optionally throws at a turn.
struct ScriptedWorld: TextEnvironment {
    var throwAtTurn: Int? = nil
    var resultWords = 3
    var throwOnReset = false
    private var turn = 0
    let parser = ToolCallParser()

    init(throwAtTurn: Int? = nil, resultWords: Int = 3, throwOnReset: Bool = false) {
        self.throwAtTurn = throwAtTurn
        self.resultWords = resultWords
        self.throwOnReset = throwOnReset
    }

    struct ToolFailure: Error, CustomStringConvertible { var description: String { "search backend unavailable" } }

    mutating func reset(seed: UInt64) throws -> TextObservation {
        if throwOnReset { throw ToolFailure() }
        turn = 0
        return TextObservation(text: "find the key", admissibleActions: ["<search>key</search>", "<answer>42</answer>"],
            tools: ["search", "answer"])
    }

    mutating func step(_ action: String) throws -> TextStep {
        turn += 1
        if turn == throwAtTurn { throw ToolFailure() }
        let observation = TextObservation(text: Array(repeating: "word", count: resultWords).joined(separator: " "),
            admissibleActions: ["<search>key</search>", "<answer>42</answer>"], tools: ["search", "answer"])
        do {
            let call = try parser.parse(action)
            if call.name == "answer" {
                return TextStep(observation: observation, reward: call.argument == "42" ? 1 : 0, terminated: true,
                    truncated: false, info: StepInfo(reason: .answered, tool: "answer", answer: call.argument))
            }
            return TextStep(observation: observation, reward: 0, terminated: false, truncated: false,
                info: StepInfo(tool: call.name))
        } catch {
            return TextStep(observation: observation, reward: 0, terminated: false, truncated: false,
                info: StepInfo(formatError: error.message))
        }
    }
}

/// Writes the same text every turn.
struct FixedPolicy: AgentPolicy {
    var text: String
    var throwAtTurn: Int? = nil
    func act(_ observation: TextObservation, transcript: Transcript, using rng: inout Xoshiro256StarStar) throws
        -> (text: String, decision: Int)
    {
        if transcript.turns.count + 1 == throwAtTurn { throw AgentInputError("policy broke") }
        return (text, transcript.turns.count)
    }
}

@Suite struct AgentEpisodeTests {
    func play(_ world: ScriptedWorld, _ policy: FixedPolicy, budget: AgentBudget = AgentBudget(maxTurns: 6))
        -> AgentRollout<Int>
    {
        var world = world
        var rng = Xoshiro256StarStar(seed: 1)
        return AgentEpisode.run(&world, policy: policy, seed: 3, budget: budget, using: &rng)
    }

    @Test func anAnswerTerminates() {
        let rollout = play(ScriptedWorld(), FixedPolicy(text: "<answer>42</answer>"))
        #expect(rollout.transcript.terminated && !rollout.transcript.truncated)
        #expect(rollout.transcript.endReason == .answered)
        #expect(rollout.transcript.totalReward == 1)
        #expect(rollout.observations.count == 2 && rollout.decisions == [0])
    }

    @Test func aWorldThatNeverTerminatesIsTruncatedAtTheTurnBudget() {
        let rollout = play(ScriptedWorld(), FixedPolicy(text: "<search>key</search>"))
        #expect(rollout.transcript.turns.count == 6)
        #expect(rollout.transcript.truncated && rollout.transcript.endReason == .turnLimit)
        #expect(rollout.transcript.turns.last?.info.reason == .turnLimit)
        #expect(rollout.transcript.turns.last?.info.detail?.contains("6 turns") == true)
    }

    @Test func aThrowingToolTruncatesWithTheError() {
        let rollout = play(ScriptedWorld(throwAtTurn: 2), FixedPolicy(text: "<search>key</search>"))
        #expect(rollout.transcript.turns.count == 2)
        #expect(rollout.transcript.truncated && rollout.transcript.endReason == .toolError)
        #expect(rollout.transcript.turns.last?.info.detail == "search backend unavailable")
    }

    @Test func unparsableActionsArePenalisedThenTruncate() {
        let rollout = play(ScriptedWorld(), FixedPolicy(text: "I think the answer is 42"),
            budget: AgentBudget(maxTurns: 6, formatPenalty: -0.1, maxInvalidActions: 2))
        #expect(rollout.transcript.turns.count == 3)
        #expect(rollout.transcript.endReason == .invalidFormat && rollout.transcript.truncated)
        #expect(rollout.transcript.turns.allSatisfy { $0.reward == -0.1 && $0.info.formatError != nil })
        #expect(rollout.transcript.rendered.contains("invalid format: no tool call found"))
    }

    @Test func aContextOverflowTruncates() {
        let rollout = play(ScriptedWorld(resultWords: 40), FixedPolicy(text: "<search>key</search>"),
            budget: AgentBudget(maxTurns: 50, maxContextTokens: 100))
        #expect(rollout.transcript.endReason == .contextOverflow && rollout.transcript.truncated)
        #expect(rollout.transcript.turns.count == 3)  // 3 + 3 × 41 > 100 after turn 3, not after turn 2 (85)
        #expect(rollout.transcript.turns.last?.info.detail?.contains("more than the budget of 100") == true)
    }

    @Test func aThrowingPolicyOrResetTruncates() {
        let broken = play(ScriptedWorld(), FixedPolicy(text: "<search>key</search>", throwAtTurn: 2))
        #expect(broken.transcript.endReason == .policyError && broken.transcript.turns.count == 1)
        #expect(broken.transcript.turns.last?.info.detail?.contains("policy broke") == true)
        let reset = play(ScriptedWorld(throwOnReset: true), FixedPolicy(text: "<answer>42</answer>"))
        #expect(reset.transcript.endReason == .resetError && reset.transcript.turns.isEmpty)
    }

    @Test func transcriptsRenderAndMaskToolResults() {
        let rollout = play(ScriptedWorld(), FixedPolicy(text: "<search>key</search>"),
            budget: AgentBudget(maxTurns: 2))
        let segments = rollout.transcript.segments
        #expect(segments.map(\.kind) == [.prompt, .action, .toolResult, .action, .toolResult])
        #expect(segments.map(\.inLoss) == [false, true, false, true, false])
        let text = rollout.transcript.rendered
        #expect(text.contains("TASK\n  find the key"))
        #expect(text.contains("TURN 2  reward +0.000"))
        #expect(text.contains("agent › <search>key</search>"))
        #expect(text.contains("END: truncated (turn-limit), return 0.000, 2 turns"))
    }

    @Test func invalidBudgetsAreRejectedByName() {
        #expect(throws: AgentInputError.self) { try AgentBudget(maxTurns: 0).validate() }
        #expect(throws: AgentInputError.self) { try AgentBudget(formatPenalty: 0.5).validate() }
        do {
            try AgentBudget(maxContextTokens: 0).validate()
        } catch { #expect(error.message.contains("maxContextTokens")) }
    }
}
