import Foundation
import Tensor
import Testing

@testable import Agents

/// RLVMR's pieces against hand-computed values (digest §1; rules of the released `core_rlvmr.py`).
@Suite struct RLVMRTests {
    static func turn(_ tag: String?, _ command: String, admissible: Bool? = true, formatError: String? = nil)
        -> TranscriptTurn
    {
        let action = (tag.map { "<\($0)>why</\($0)>" } ?? "") + "<action>\(command)</action>"
        return TranscriptTurn(action: action, observation: "ok", reward: 0,
            info: StepInfo(formatError: formatError, admissible: formatError == nil ? admissible : nil))
    }

    @Test func formatRuleOfTheReleasedProjection() throws {
        let ok = try MetaReasoningOutput.parse("<Explore> try the fridge </Explore><action>go to fridge 1</action>")
        #expect(ok.tag == .explore && ok.action == "go to fridge 1" && ok.reasoning == "try the fridge")
        let bad = [
            "<action>go to fridge 1</action>",
            "<planning>a</planning><monitor>b</monitor><action>look</action>",
            "<action>look</action><planning>late</planning>",
            "<planning> </planning><action>look</action>",
            "<planning>a</planning><action>look</action><action>inventory</action>",
        ]
        for text in bad { #expect(throws: ToolCallParseError.self) { try MetaReasoningOutput.parse(text) } }
    }

    @Test func stepRewardRules() {
        var transcript = Transcript(prompt: "task")
        transcript.turns = [
            Self.turn("planning", "go to cabinet 1"),
            Self.turn("explore", "go to cabinet 1"),
            Self.turn("explore", "open cabinet 1"),
            Self.turn(nil, "look", formatError: "no tag"),
            Self.turn("reflection", "take apple 1 from cabinet 1"),
            Self.turn("reflection", "go to sinkbasin 1"),
            Self.turn("monitor", "clean apple 1 with sinkbasin 1", admissible: false),
            Self.turn("reflection", "clean apple 1 with sinkbasin 1"),
            Self.turn("reflection", "go to countertop 1"),
        ]
        let rules = MetaReasoningReward()
        let success = rules.steps(transcript, success: true)
        #expect(success.map(\.group) == ["planning", "explore", "explore", "none", "reflection", "reflection",
            "none", "reflection", "reflection"])
        #expect(success.map(\.reward) == [1, 0, 1, 0, 1, 0, 0, 0, 0])
        #expect(success.map(\.invalid) == [false, false, false, true, false, false, false, false, false])
        // Turn 7 repeats the unavailable turn 6's action: not corrective. Turn 8 follows an available one.
        #expect(rules.steps(transcript, success: false)[0].reward == 0)
        var first = Transcript(prompt: "task")
        first.turns = [Self.turn("reflection", "look")]
        #expect(rules.steps(first, success: false).map(\.reward) == [1])  // the code's first-step quirk
        var corrective = Transcript(prompt: "task")
        corrective.turns = [Self.turn("monitor", "open fridge 1", admissible: false), Self.turn("reflection", "look")]
        #expect(rules.steps(corrective, success: false).map(\.reward) == [0, 1])
    }

    /// Group {A: success, planning + new explore; B: failure, planning + an invalid-format step}. Episode rows
    /// 10, 10, 0, −0.1: μ 4.975, unbiased σ 5.802513823; planning rows 1, 0: μ 0.5, σ 0.707106781; the explore
    /// and the `none` rows are alone (μ 0, σ 1).
    @Test func tagGroupedAdvantagesAndCombinationWeights() {
        var a = Transcript(prompt: "task"), b = Transcript(prompt: "task")
        a.turns = [Self.turn("planning", "go to fridge 1"), Self.turn("explore", "open fridge 1")]
        b.turns = [Self.turn("planning", "go to fridge 1"), Self.turn(nil, "x", formatError: "no tag")]
        let code = MetaReasoningReward().turnAdvantages(transcripts: [a, b], successes: [true, false])
        let expected = [[1.5731096007801286, 1.866002819593167], [-1.5644926473513507, -0.8746207730209447]]
        for (row, want) in zip(code, expected) {
            for (x, y) in zip(row, want) { #expect(abs(x - y) < 1e-9) }
        }
        let paper = MetaReasoningReward.paper(alpha: 0.5).turnAdvantages(transcripts: [a, b], successes: [true, false])
        for (row, want) in zip(paper, expected) {
            for (x, y) in zip(row, want) { #expect(abs(x - 0.5 * y) < 1e-9) }
        }
        let mean = MetaReasoningReward(normalization: .mean).turnAdvantages(transcripts: [a, b],
            successes: [true, false])
        #expect(abs(mean[0][0] - (10 - 4.975 + 0.5)) < 1e-9 && abs(mean[0][1] - (10 - 4.975 + 1)) < 1e-9)
        #expect(abs(mean[1][0] - (0 - 4.975 - 0.5)) < 1e-9 && abs(mean[1][1] - (-0.1 - 4.975)) < 1e-9)
        let outcomeOnly = MetaReasoningReward(stepWeight: 0).turnAdvantages(transcripts: [a, b],
            successes: [true, false])
        #expect(abs(outcomeOnly[0][1] - 0.866003819592167) < 1e-9 && abs(outcomeOnly[1][1] + 0.8746207730209447) < 1e-9)
    }

    @Test func agentMethodRoutesTranscriptsToTheRules() throws {
        var a = Transcript(prompt: "task"), b = Transcript(prompt: "task")
        a.turns = [Self.turn("explore", "look")]
        b.turns = [Self.turn("explore", "look"), Self.turn("explore", "look")]
        let inputs = [
            AgentCreditInput(grade: AgentGrade(outcome: 1, rubric: 0, grounded: true), beliefs: [], turns: 1,
                transcript: a),
            AgentCreditInput(grade: AgentGrade(outcome: 0, rubric: 0, grounded: false), beliefs: [], turns: 2,
                transcript: b),
        ]
        let method = try AgentMethod.named("rlvmr")
        let (advantages, zero) = method.turnAdvantages(inputs)
        let direct = MetaReasoningReward().turnAdvantages(transcripts: [a, b], successes: [true, false])
        #expect(advantages == direct && !zero && advantages.map(\.count) == [1, 2])
        #expect(throws: AgentInputError.self) {
            try AgentMethod(informationGain: InformationGain(), metaReasoning: MetaReasoningReward()).validate()
        }
        #expect(try AgentMethod.named("rlvmr-paper").metaReasoning?.trajectoryWeight == 0.5)
        #expect(try AgentMethod.named("rlvmr-outcome-only").metaReasoning?.stepWeight == 0)
    }

    @Test func proposerOffersTagsTimesCommandsWithStaleOnes() {
        let proposer = MetaReasoningProposer()
        var transcript = Transcript(prompt: "Task.\nAdmissible actions: go to fridge 1; open fridge 1; look.")
        transcript.turns = [TranscriptTurn(action: "x", observation: "You arrive.\nAdmissible actions: go to sink 1; "
            + "take apple 1 from fridge 1; look.", reward: 0)]
        let observation = TextObservation(text: "", admissibleActions: ["<action>go to fridge 1</action>",
            "<action>look</action>"], tools: ["action"])
        let candidates = proposer.candidates(observation: observation, transcript: transcript)
        #expect(candidates.count == 4 * 4)
        #expect(candidates.contains("<explore>\(MetaReasoningProposer.sentence(.explore))</explore>"
            + "<action>take apple 1 from fridge 1</action>"))
        #expect(candidates.allSatisfy { (try? MetaReasoningOutput.parse($0)) != nil })
    }
}
