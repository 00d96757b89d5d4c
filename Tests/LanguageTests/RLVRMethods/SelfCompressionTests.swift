import Foundation
import Tensor
import Testing

@testable import Language

@Suite("SCMA self-compression: length penalties, chunk scorers, the scoring role")
struct SelfCompressionTests {
    static let tokenizer = SyntheticTask.tokenizer
    static let problem = TaskProblem(prompt: "47+85=", groundTruth: "132")
    static let verbose = "7+5+0=12,7+5+0=12,4+8+1=13;Answer: 132"

    @Test("uniform and importance-weighted penalties against hand values")
    func penalties() {
        let uniform = LengthPenalty(weighting: .uniform, lambda: 0.5)
        #expect(uniform.uniformPenalty(length: 30, maxLength: 60, correct: true) == 0.25)
        #expect(uniform.uniformPenalty(length: 30, maxLength: 60, correct: false) == 0)
        #expect(uniform.importancePenalty(chunkLengths: [8], importance: [1], maxLength: 40, correct: true) == 0)
        let weighted = LengthPenalty(weighting: .importance, lambda: 1)
        // u = (5 − w)/4: 0, 1, 0.5 → (0·8 + 1·8 + 0.5·12)/40
        let p = weighted.importancePenalty(chunkLengths: [8, 8, 12], importance: [5, 1, 3], maxLength: 40, correct: true)
        #expect(abs(p - 0.35) < 1e-12)
        #expect(LengthPenalty.weight(importance: 9) == 0 && LengthPenalty.weight(importance: -2) == 1)
        #expect(throws: RLVRInputError.self) { try LengthPenalty(weighting: .uniform, lambda: -1).validate() }
    }

    @Test("the oracle rates repeats 1 and first occurrences 5; completeness needs every reference line")
    func oracleAndCompleteness() throws {
        let chunks = StepSegmenter.workedSolution.characterRanges(in: Self.verbose).map {
            String(Array(Self.verbose)[$0])
        }
        #expect(chunks == ["7+5+0=12,", "7+5+0=12,", "4+8+1=13;", "Answer: 132"])
        #expect(RepeatedChunkScorer().importance(of: chunks, problem: Self.problem) == [5, 1, 5, 5])
        let verifier = try SyntheticTask(kind: .addition, difficulty: 2).makeGenerator().verifier
        func complete(_ text: String) -> Bool {
            WorkedSolution.isComplete(text, problem: Self.problem, kind: .addition, verifier: verifier)
        }
        #expect(complete(Self.verbose))
        #expect(complete("7+5+0=12,4+8+1=13;Answer: 132"))
        #expect(!complete("4+8+1=13;Answer: 132"), "an essential line is missing")
        #expect(!complete("7+5+0=12,4+8+1=13;Answer: 133"), "wrong answer")
    }

    @Test("verbose SFT solutions repeat only lines already written")
    func verboseStyle() throws {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<30 {
            let text = WorkedSolution.withRepeats("7+5+0=12,4+8+1=13,0+0+1=1;Answer: 132", using: &rng)
            let lines = text.components(separatedBy: ";")[0].split(separator: ",").map(String.init)
            let distinct = lines.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            #expect(distinct == ["7+5+0=12", "4+8+1=13", "0+0+1=1"], "\(text)")
            #expect(text.hasSuffix(";Answer: 132"))
        }
    }

    @Test("a role template without its placeholder is an error naming it")
    func templates() throws {
        do {
            _ = try RoleTemplate(name: "scorer", template: "rate this:", required: ["chunk"])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("{chunk}"))
        }
        let t = try RoleTemplate(name: "scorer", template: "rate {chunk} after {context}:", required: ["chunk"])
        #expect(t.fill(["chunk": "1+1=2,", "context": "x"]) == "rate 1+1=2, after x:")
        var config = RLVRConfig.scma
        config.compression.template = "no placeholder"
        #expect(throws: RLVRInputError.self) { try config.validate() }
    }

    static func trainer(_ config: RLVRConfig) throws -> RLVRTrainer<GPT2Model> {
        var rng = SplitMix64(seed: 2)
        let model = try GPT2Model(
            configuration: GPT2Configuration(
                vocabularySize: tokenizer.vocabularySize, contextLength: 96, hiddenSize: 16, layers: 1, heads: 2),
            using: &rng)
        let verifier = try SyntheticTask(kind: .addition, difficulty: 2).makeGenerator().verifier
        let trainer = try RLVRTrainer(
            model: model, config: config, rewardFunctions: [WeightedReward(name: "accuracy", verifier: verifier)],
            encode: { try tokenizer.encode($0) }, decode: { tokenizer.decode($0) },
            stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding, using: &rng)
        trainer.synthesizer = try config.compression.synthesizer(
            penalty: config.lengthPenalty, task: try SyntheticTask(kind: .addition, difficulty: 2))
        return trainer
    }

    static func batch(_ texts: [String], correct: [Bool]) throws -> RolloutBatch {
        let prompt = try tokenizer.encode(problem.prompt)
        return RolloutBatch(
            prompts: texts.map { _ in prompt },
            completions: try texts.map { try tokenizer.encode($0) + [CharacterTokenizer.endOfSequence] },
            groupIDs: texts.map { _ in 0 }, rewards: correct.map { $0 ? 1 : 0 }, correct: correct,
            truncated: texts.map { _ in false })
    }

    @Test("the oracle penalty charges only the repeated chunk of a correct answer")
    func oraclePenalty() throws {
        var config = RLVRConfig.scma
        config.maxCompletionLength = 40
        let trainer = try Self.trainer(config)
        var batch = try Self.batch([Self.verbose, Self.verbose], correct: [true, false])
        var problems = [Self.problem, Self.problem]
        var rng = SplitMix64(seed: 1)
        let metrics = try trainer.synthesizer?.synthesize(
            &batch, problems: &problems, context: trainer.synthesisContext(using: &rng))
        // the repeat `7+5+0=12,` has 9 tokens, u = 1: 1 − 1·9/40
        #expect(abs(batch.rewards[0] - (1 - 9.0 / 40)) < 1e-12)
        #expect(batch.rewards[1] == 0, "wrong answers are not penalised")
        #expect(metrics?["scma/low_importance_chunks"] == 1)
    }

    @Test("the policy scorer adds one group per chunk, rewarded with the counterfactual team reward")
    func policyScorer() throws {
        var config = RLVRConfig.scma
        config.maxCompletionLength = 40
        config.compression.scorer = .policy
        let trainer = try Self.trainer(config)
        var batch = try Self.batch([Self.verbose], correct: [true])
        var problems = [Self.problem]
        var rng = SplitMix64(seed: 1)
        _ = try trainer.synthesizer?.synthesize(
            &batch, problems: &problems, context: trainer.synthesisContext(using: &rng))
        #expect(batch.count == 1 + 4 * 2, "4 chunks × 2 answers")
        #expect(problems.count == batch.count)
        #expect(Array(batch.roles.dropFirst()) == Array(repeating: "scorer", count: 8))
        let groups = Array(batch.groupIDs.dropFirst())
        #expect(Set(groups).count == 4 && groups[0] == groups[1] && groups[1] != groups[2])
        #expect(batch.completions.dropFirst().allSatisfy { $0.count == 1 })
        #expect(batch.behaviourLogProbs.dropFirst().allSatisfy { $0?.count == 1 })
        // every team reward is 0 (an essential line or the answer removed) or 1 + removed share (complete)
        let chunkChars = [9.0, 9, 9, 11]
        let allowed = [0.0, 1, 1 + 9 / chunkChars.reduce(0, +)]
        #expect(batch.rewards.dropFirst().allSatisfy { r in allowed.contains { abs($0 - r) < 1e-9 } }, "\(batch.rewards)")
        let compression = try config.compression.synthesizer(
            penalty: config.lengthPenalty, task: try SyntheticTask(kind: .addition, difficulty: 2))
        let steps = try StepSegmenter.workedSolution.segment(
            tokens: try Self.tokenizer.encode(Self.verbose), decode: Self.tokenizer.decode).steps
        guard case let .policy(role) = compression.scoring else { return }
        #expect(abs(compression.teamReward(chunks: steps, decisions: [5, 1, 5, 5], problem: Self.problem,
                                           complete: role.complete) - (1 + 9.0 / 38)) < 1e-12)
        #expect(compression.teamReward(chunks: steps, decisions: [1, 5, 5, 5], problem: Self.problem,
                                       complete: role.complete) == 1 + 9.0 / 38, "the first copy may go instead")
        #expect(compression.teamReward(chunks: steps, decisions: [1, 1, 5, 5], problem: Self.problem,
                                       complete: role.complete) == 0)
        #expect(SelfCompression.rating("2") == 2 && SelfCompression.rating("9") == 5 && SelfCompression.rating("") == 5)
    }

    @Test("an SCMA step with the scoring role trains and reports its metrics")
    func scmaStep() throws {
        var config = RLVRConfig.scma
        config.groupSize = 2
        config.promptsPerStep = 2
        config.maxCompletionLength = 16
        config.compression.scorer = .policy
        let trainer = try Self.trainer(config)
        var rng = SplitMix64(seed: 4)
        let metrics = try trainer.step(nextPrompts: { [Self.problem, Self.problem] }, using: &rng)
        #expect(metrics["scma/penalty"] != nil)
        #expect(metrics.values.allSatisfy { $0.isFinite }, "\(metrics)")
    }
}
