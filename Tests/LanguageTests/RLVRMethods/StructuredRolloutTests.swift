import Foundation
import Tensor
import Testing

@testable import Language

@Suite("Structured rollouts: steps, reflect-then-retry, pivotal credit, positive amplification, OPMD")
struct StructuredRolloutTests {
    static let tokenizer = SyntheticTask.tokenizer
    static let problem = TaskProblem(prompt: "make 24 with 3 4 2:", groundTruth: "24|3 4 2")

    static func tokens(_ text: String) throws -> [Int] { try tokenizer.encode(text) + [CharacterTokenizer.endOfSequence] }

    @Test("worked-solution steps own their separators and cover every token")
    func separatorSteps() throws {
        let ids = try Self.tokens("3*4=12,12*2=24;Answer: (3*4)*2")
        let s = try StepSegmenter.workedSolution.segment(tokens: ids, decode: Self.tokenizer.decode)
        #expect(s.steps.map(\.text) == ["3*4=12,", "12*2=24;", "Answer: (3*4)*2"])
        #expect(s.steps.map(\.tokens) == [0..<7, 7..<15, 15..<ids.count])
        #expect(try s.maskingPrefix(steps: 1) == Array(repeating: 0, count: 7) + Array(repeating: 1, count: ids.count - 7))
        #expect(try s.maskingPrefix(steps: 0) == Array(repeating: 1, count: ids.count))
        #expect(try s.maskingPrefix(steps: 3) == Array(repeating: 0, count: ids.count))
        #expect(s.mask(keeping: [1]) == (0..<ids.count).map { (7..<15).contains($0) ? 1 : 0 })
        #expect(throws: StepSegmentationError.self) { try s.maskingPrefix(steps: 4) }
    }

    @Test("tag steps; no step is an error naming the segmenter")
    func tagSteps() throws {
        let segmenter = try StepSegmenter(parsing: "tag:<s>|</s>")
        #expect(segmenter.characterRanges(in: "<s>ab</s>x<s>c</s>") == [0..<9, 10..<18])
        let decode: ([Int]) -> String = { String($0.map { Character(UnicodeScalar(UInt8($0))) }) }
        let ids = Array("no tags here".utf8).map(Int.init)
        do {
            _ = try segmenter.segment(tokens: ids, decode: decode)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("segmenter"))
        }
        #expect(throws: StepSegmentationError.self) { try StepSegmenter(parsing: "by-magic") }
        #expect(try StepSegmenter(parsing: "sep:\\n") == .lines)
        #expect(StepSegmenter.lines.characterRanges(in: "a\n\nb") == [0..<2, 3..<4])
    }

    /// A task-specific rule: each `=<number>` closes a step.
    struct EquationSteps: StepSplitter {
        func characterRanges(in text: String) -> [Range<Int>] {
            let chars = Array(text)
            var out: [Range<Int>] = [], start = 0, i = 0
            while i < chars.count {
                if chars[i] == "=" {
                    var j = i + 1
                    while j < chars.count && chars[j].isNumber { j += 1 }
                    out.append(start..<j)
                    start = j
                    i = j
                } else {
                    i += 1
                }
            }
            return out
        }
    }

    @Test("a task-specific step rule segments tokens like the built-in ones")
    func customRule() throws {
        let ids = try Self.tokens("3*4=12 12*2=24")
        let s = try EquationSteps().segment(tokens: ids, decode: Self.tokenizer.decode)
        #expect(s.steps.map(\.text) == ["3*4=12", " 12*2=24"])
        #expect(s.steps.map(\.tokens) == [0..<6, 6..<14], "the stop token belongs to no step of a custom rule")
        let reflector = CountdownReflector(segmenter: EquationSteps())
        #expect(reflector.reflect(on: s, problem: Self.problem) == nil, "both equations are sound and reach 24")
    }

    @Test("the loss mask multiplies valid tokens by each row's loss mask; truncated rows vanish when masked")
    func lossMasks() {
        let batch = RolloutBatch(
            prompts: [[1], [1], [1]], completions: [[4, 5, 6], [7, 8], [9, 9, 9]], groupIDs: [0, 0, 0],
            rewards: [1, 0, 0], correct: [true, false, false], truncated: [false, false, true],
            lossMasks: [[0, 1, 1], nil, [1, 1, 1]])
        #expect(batch.mask(maskTruncated: false) == [0, 1, 1, 1, 1, 0, 1, 1, 1])
        #expect(batch.mask(maskTruncated: true) == [0, 1, 1, 1, 1, 0, 0, 0, 0])
        let sub = batch.subset([2, 0])
        #expect(sub.lossMasks[1] == [0, 1, 1] && sub.offPolicy == [false, false] && sub.roles == ["", ""])
        // group advantages are broadcast only over the unmasked tokens
        let input = try? AdvantageBatch(
            scores: batch.rewards, groupIDs: batch.groupIDs, mask: batch.mask(maskTruncated: false), width: 3)
        let advantages = input.flatMap { try? AdvantageEstimator.drGRPO.advantages(for: $0).advantages } ?? []
        let third = 1.0 / 3
        let expected = [0, 2 * third, 2 * third, -third, -third, 0, -third, -third, -third]
        #expect(zip(advantages, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(advantages)")
    }

    @Test("the Countdown reflector finds the first unsound step and the solver's next step as hint")
    func countdownPivots() throws {
        let reflector = CountdownReflector()
        func reflect(_ text: String) throws -> Reflection? {
            let s = try reflector.segmenter.segment(tokens: try Self.tokens(text), decode: Self.tokenizer.decode)
            return reflector.reflect(on: s, problem: Self.problem)
        }
        // 3+4=7 leaves {2, 7}: 24 is unreachable, so step 0 is the pivot; the solver starts with 3*4
        #expect(try reflect("3+4=7,7*2=14;Answer: (3+4)*2") == Reflection(
            pivotStep: 0, hint: "3*4=12", reason: "step 1: 24 is unreachable from 2 7"))
        #expect(try reflect("3*4=12,12+2=14;Answer: 3*4+2")?.pivotStep == 1)
        #expect(try reflect("3*4=12,12+2=14;Answer: 3*4+2")?.hint == "2*12=24")
        #expect(try reflect("3*5=15,15+2=17;Answer: 3*5+2")?.reason == "step 1: 5 is not available")
        #expect(try reflect("3*4=13,13*2=26;Answer: 3*4*2")?.reason == "step 1: 3*4=13 is wrong")
        #expect(try reflect("3*4=12,12*2=24;Answer: (3*4)*2") == nil)
        #expect(try reflect("Answer: 3+4+2")?.pivotStep == 0)
        #expect(reflector.retryPrompt(for: Self.problem, hint: "12*2=24") == "make 24 with 3 4 2 try 12*2=24:")
    }

    @Test("hinted SFT examples put one of their steps into the prompt")
    func hintedExamples() throws {
        let task = try SyntheticTask(kind: .countdown, difficulty: 2)
        let generator = try SFTExampleGenerator(task: task, styleMix: try StyleMix(parsing: "hinted"), noise: 0)
        var rng = SplitMix64(seed: 4)
        for _ in 0..<20 {
            let example = generator.example(using: &rng)
            let parts = example.prompt.components(separatedBy: " try ")
            #expect(parts.count == 2 && parts[1].hasSuffix(":"), "\(example.prompt)")
            let hint = String(parts[1].dropLast())
            #expect(example.completion.contains(hint), "\(example.prompt) → \(example.completion)")
        }
    }

    @Test("positive amplification: success → 1, partial success ×α, failure unchanged")
    func amplification() {
        let rule = PositiveAmplification.paper
        #expect(rule.amplify(0.5, reward: 1) == 1)
        #expect(rule.amplify(-0.2, reward: 1.5) == 1)
        #expect(abs(rule.amplify(0.1, reward: 0.5) - 0.3) < 1e-12)
        #expect(rule.amplify(-0.6, reward: 0) == -0.6)
        // rows of width 3 with the first token of row 1 masked out (pivotal credit)
        let out = rule.apply(
            advantages: [0.5, 0.5, 0, 0, 0.1, 0.1, -0.6, -0.6, -0.6], rewards: [1, 0.5, 0],
            mask: [1, 1, 0, 0, 1, 1, 1, 1, 1], width: 3)
        let expected: [Double] = [1, 1, 0, 0, 0.3, 0.3, -0.6, -0.6, -0.6]
        #expect(zip(out, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(out)")
        #expect(throws: RLVRInputError.self) { try PositiveAmplification(isEnabled: true, alpha: -1).validate() }
    }

    @Test("OPMD loss is −A·log π/(1+τ) with gradient −A/(1+τ), no ratio or clip")
    func opmdLoss() throws {
        let logp = Tensor([-0.5, -2.0, -1.0, -0.1], shape: [2, 2])
        let adv = Tensor([1.0, 1.0, -0.5, -0.5], shape: [2, 2])
        let mask = Tensor([1.0, 1.0, 1.0, 0.0], shape: [2, 2])
        let loss = PolicyLoss.opmd(tau: 1)
        let out = loss.perTokenLoss(logProbs: logp, oldLogProbs: logp - 3, advantages: adv, mask: mask)
        let expected = [0.25, 1.0, -0.25, -0.025]
        #expect(zip(out.perToken.doubles, expected).allSatisfy { abs($0 - $1) < 1e-6 }, "\(out.perToken.doubles)")
        #expect(out.clipFraction == 0)
        let (_, grads) = valueAndGrad([logp]) {
            LossAggregation.tokenMean.aggregate(
                loss.perTokenLoss(logProbs: logp, oldLogProbs: logp, advantages: adv, mask: mask).perToken,
                mask: mask)
        }
        let g = grads[0].doubles
        let hand = [-1.0 / 6, -1.0 / 6, 0.5 / 6, 0]
        #expect(zip(g, hand).allSatisfy { abs($0 - $1) < 1e-6 }, "\(g)")
    }

    static func countdownTrainer(_ config: RLVRConfig, seed: UInt64 = 1) throws -> RLVRTrainer<GPT2Model> {
        var rng = SplitMix64(seed: seed)
        let model = try GPT2Model(
            configuration: GPT2Configuration(
                vocabularySize: tokenizer.vocabularySize, contextLength: 64, hiddenSize: 16, layers: 1, heads: 2),
            using: &rng)
        let reference = config.objective.kl.isEnabled ? try model.cloned() : nil
        let trainer = try RLVRTrainer(
            model: model, reference: reference, config: config,
            rewardFunctions: [WeightedReward(name: "accuracy", verifier: CountdownVerifier())],
            encode: { try tokenizer.encode($0) }, decode: { tokenizer.decode($0) },
            stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding, using: &rng)
        trainer.synthesizer = ReflectThenRetry(reflector: CountdownReflector(), settings: config.retry)
        return trainer
    }

    @Test("a retry is the distilled trajectory: original prompt, reused prefix, hinted log-probs, prefix masked")
    func retryRows() throws {
        var config = RLVRConfig.r3l
        config.groupSize = 2
        config.maxCompletionLength = 24
        config.objective.kl.coefficient = 0
        let trainer = try Self.countdownTrainer(config)
        let prompt = try Self.tokenizer.encode(Self.problem.prompt)
        let attempt = try Self.tokens("3*4=12,12+2=14;Answer: 3*4+2")
        var batch = RolloutBatch(
            prompts: [prompt], completions: [attempt], groupIDs: [0], rewards: [0], correct: [false],
            truncated: [false], behaviourLogProbs: [Array(repeating: -1, count: attempt.count)])
        var rng = SplitMix64(seed: 3)
        guard let synthesizer = trainer.synthesizer else { return }
        var problems = [Self.problem]
        let report = try synthesizer.synthesize(
            &batch, problems: &problems, context: trainer.synthesisContext(using: &rng))
        #expect(problems.count == batch.count)
        #expect(report["retry/retries"] == 1)
        #expect(batch.count == 2 && batch.offPolicy == [false, true] && batch.groupIDs == [0, 0])
        #expect(batch.prompts[1] == prompt, "the hint is removed from the stored prompt")
        let retry = batch.completions[1]
        #expect(Array(retry.prefix(7)) == Array(attempt.prefix(7)), "the sound step 3*4=12, is reused")
        #expect(batch.lossMasks[0] == Array(repeating: 0, count: 7) + Array(repeating: 1, count: attempt.count - 7))
        #expect(batch.lossMasks[1] == Array(repeating: 0, count: 7) + Array(repeating: 1, count: retry.count - 7))
        // the suffix's behaviour log-probs are the policy's under the hinted prompt: recompute them (float32 cache vs
        // full pass: within 1e-3)
        let hinted = try Self.tokenizer.encode("make 24 with 3 4 2 try 2*12=24:") + Array(attempt.prefix(7))
        let suffix = Array(retry.dropFirst(7))
        let scorer = SequenceScorer(temperature: config.temperature, padToken: CharacterTokenizer.padding)
        let recomputed = withNoGrad {
            scorer.score(model: trainer.model, prompts: [hinted], completions: [suffix], width: suffix.count)
        }.logProbs.doubles
        let recorded = Array((batch.behaviourLogProbs[1] ?? []).dropFirst(7))
        #expect(recorded.count == suffix.count)
        #expect(zip(recorded, recomputed).allSatisfy { abs($0 - $1) < 1e-3 }, "\(recorded) vs \(recomputed)")
        let text = Self.tokenizer.decode(retry)
        #expect(batch.correct[1] == CountdownVerifier().verify(
            prompt: Self.problem.prompt, completion: text, groundTruth: Self.problem.groundTruth).correct)
    }

    @Test("off-policy rows are ratioed against their behaviour log-probs")
    func offPolicyRatio() throws {
        var config = RLVRConfig.grpo
        config.objective.kl.coefficient = 0
        config.groupSize = 2
        let trainer = try Self.countdownTrainer(config)
        trainer.synthesizer = nil
        let prompt = try Self.tokenizer.encode(Self.problem.prompt)
        let a = try Self.tokens("3*4=12,12*2=24;Answer: (3*4)*2"), b = try Self.tokens("Answer: 3")
        func batch(offPolicy: Bool) -> RolloutBatch {
            RolloutBatch(
                prompts: [prompt, prompt], completions: [a, b], groupIDs: [0, 0], rewards: [1, 0],
                correct: [true, false], truncated: [false, false],
                behaviourLogProbs: [Array(repeating: -30, count: a.count), Array(repeating: -30, count: b.count)],
                offPolicy: [offPolicy, offPolicy])
        }
        var rng = SplitMix64(seed: 1)
        let on = try trainer.update(batch(offPolicy: false), using: &rng)
        #expect(on[RLVRMetricNames.clipRatio] == 0, "on-policy: ratio 1, nothing clipped")
        let off = try trainer.update(batch(offPolicy: true), using: &rng)
        #expect((off[RLVRMetricNames.clipRatio] ?? 0) > 0.5, "behaviour log-probs of −30 make every ratio huge")
        var missing = batch(offPolicy: true)
        missing.behaviourLogProbs = [nil, nil]
        #expect(throws: RLVRInputError.self) { try trainer.update(missing, using: &rng) }
    }

    @Test("R³L steps on Countdown: retries join the groups and the metrics are finite")
    func r3lStep() throws {
        var config = RLVRConfig.r3l
        config.groupSize = 4
        config.promptsPerStep = 2
        config.maxCompletionLength = 12
        let trainer = try Self.countdownTrainer(config)
        var rng = SplitMix64(seed: 7)
        let metrics = try trainer.step(nextPrompts: { [Self.problem, Self.problem] }, using: &rng)
        #expect(metrics["retry/retries"] ?? 0 > 0, "\(metrics)")
        #expect(metrics[RLVRMetricNames.rollouts] == 4 + (metrics["retry/retries"] ?? 0), "2 first attempts per problem")
        #expect(metrics.values.allSatisfy { $0.isFinite }, "\(metrics)")
    }
}
