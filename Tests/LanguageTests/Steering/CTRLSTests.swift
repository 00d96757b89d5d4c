import Foundation
import Tensor
import Testing

@testable import Language

/// CTRLS pieces: the steered model's logits, ε mixture, loss mask, cached decoding, frozen weights, coded SFT
/// data, and a seconds-scale learning check.
@Suite("CTRLS steering")
struct CTRLSTests {
    static let tokenizer = SyntheticTask.tokenizer
    static let codes: StepControlCodes = {
        do { return try StepControlCodes.coded(encode: { try tokenizer.encode($0) }) } catch {
            fatalError("the character vocabulary holds the codes: \(error)")
        }
    }()

    static func frozenModel(seed: UInt64 = 3) throws -> GPT2Model {
        var rng = SplitMix64(seed: seed)
        let configuration = GPT2Configuration(
            vocabularySize: tokenizer.vocabularySize, contextLength: 64, hiddenSize: 16, layers: 1, heads: 2)
        return try GPT2Model(configuration: configuration, using: &rng)
    }

    static func steered(seed: UInt64 = 3) throws -> SteeredLanguageModel {
        var rng = SplitMix64(seed: seed + 100)
        return try SteeredLanguageModel(frozen: try frozenModel(seed: seed), codes: codes, width: 8, using: &rng)
    }

    static let text = "make 9 with 2 3 4:m2*3=6,a6+4=10;Answer: 2*3+4"

    @Test func controllerLogitsOnlyAtTriggerPositions() throws {
        let model = try Self.steered()
        let ids = try Self.tokenizer.encode(Self.text)
        let v = model.vocabularySize
        let steered = withNoGrad { model.logits(ids: ids, batch: 1, length: ids.count) }.doubles
        let frozen = withNoGrad { model.frozen.logits(ids: ids, batch: 1, length: ids.count) }.doubles
        let characters = Array(Self.text)
        var triggers = 0
        for t in ids.indices {
            let row = Array(steered[(t * v)..<((t + 1) * v)]), base = Array(frozen[(t * v)..<((t + 1) * v)])
            let isTrigger = characters[t] == "," || (characters[t] == ":" && t == 17)
            if isTrigger {
                triggers += 1
                for id in 0..<v where !Self.codes.codes.contains(id) { #expect(row[id] < -1e8) }
                let total = Self.codes.codes.map { exp(row[$0]) }.reduce(0, +)
                #expect(abs(total - 1) < 1e-5)  // the code logits are log-probabilities
            } else {
                #expect(zip(row, base).allSatisfy { abs($0 - $1) < 1e-5 })
            }
        }
        #expect(triggers == 2)  // the prompt's ':' and the one ','; the ':' of "Answer:" is not a trigger
    }

    @Test func epsilonMixtureMatchesHandValues() throws {
        let model = try Self.steered()
        model.head.bias?.assign(Tensor([Float(1), 0, 0, -1], shape: [4]))
        let state = Tensor([Float](repeating: 0.3, count: 16), shape: [1, 16])
        let z = [1.0, 0, 0, -1]
        let softmax = z.map { exp($0) / z.map(exp).reduce(0, +) }
        model.epsilon = 0
        let plain = withNoGrad { model.codeLogProbabilities(state) }.doubles
        for k in 0..<4 { #expect(abs(plain[k] - log(softmax[k])) < 1e-5) }
        model.epsilon = 0.2
        let mixed = withNoGrad { model.codeLogProbabilities(state) }.doubles
        // (1 − 0.2)·softmax + 0.2 / 4: e.g. code 0: 0.8 · 0.5344 + 0.05 = 0.4775
        for k in 0..<4 { #expect(abs(mixed[k] - log(0.8 * softmax[k] + 0.05)) < 1e-5) }
        #expect(abs(exp(mixed[0]) - 0.4775) < 1e-3)
    }

    @Test func lossMaskKeepsOnlyCodeTokens() throws {
        let model = try Self.steered()
        let prompt = try Self.tokenizer.encode("make 9 with 2 3 4:")
        let completion = try Self.tokenizer.encode("m2*3=6,a6+4=10;Answer: 2*3+4")
        let mask = model.lossMask(prompt: prompt, completion: completion)
        let expected = Array("m2*3=6,a6+4=10;Answer: 2*3+4").map { $0 == "m" || $0 == "a" ? 1.0 : 0.0 }
        #expect(mask == expected)
    }

    @Test func cachedDecodingEqualsFullForward() throws {
        let model = try Self.steered()
        model.epsilon = 0.1
        let ids = try Self.tokenizer.encode(Self.text)
        let v = model.vocabularySize, promptLength = 18
        let full = withNoGrad { model.logits(ids: ids, batch: 1, length: ids.count) }.doubles
        var cache = model.makeCache(capacity: ids.count)
        var cached = withNoGrad {
            model.logits(ids: Array(ids.prefix(promptLength)), batch: 1, length: promptLength, cache: &cache)
        }.doubles
        for t in promptLength..<ids.count {
            cached += withNoGrad { model.logits(ids: [ids[t]], batch: 1, length: 1, cache: &cache) }.doubles
        }
        #expect(cached.count == full.count)
        // code positions (after ':' and ',') included: every logit agrees
        let worst = zip(cached, full).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-4)
        #expect(full[(promptLength - 1) * v + Self.codes.codes[0]] > -10)
    }

    @Test func generationRecordsControllerLogProbsAtCodePositions() throws {
        let model = try Self.steered()
        let prompts = [try Self.tokenizer.encode("make 9 with 2 3 4:"), try Self.tokenizer.encode("make 12 with 3 4:")]
        var rng = SplitMix64(seed: 9)
        let result = try model.generate(
            prompts: prompts, config: GenerationConfig(maxNewTokens: 3, temperature: 1, stopTokens: [2]), using: &rng)
        for (row, tokens) in result.tokens.enumerated() {
            #expect(Self.codes.codes.contains(tokens[0]))  // the first completion token is always a code
            #expect(abs(result.logProbabilities[row][0] - log(0.25)) < 1e-4)  // zero-initialised head: uniform
        }
    }

    @Test func trainerMovesOnlyTheController() throws {
        let model = try Self.steered()
        let frozenBefore = model.frozen.parameters().map(\.floats)
        let controllerBefore = model.parameters().map(\.floats)
        #expect(model.parameters().count == 4)  // hidden.weight, hidden.bias, head.weight, head.bias
        let trainer = try Self.trainer(model, learningRate: 0.05)
        var rng = SplitMix64(seed: 1)
        _ = try trainer.step(nextPrompts: { [Self.problem] }, using: &rng)
        #expect(model.frozen.parameters().map(\.floats) == frozenBefore)
        #expect(model.parameters().map(\.floats) != controllerBefore)
    }

    @Test func savingAsAModelDirectoryIsRefused() throws {
        let model = try Self.steered()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctrls-save-\(UUID().uuidString)")
        #expect(throws: LanguageModelError.self) {
            try ModelDirectoryWriter.save(model, tokenizer: Self.tokenizer, to: folder)
        }
        #expect(throws: LanguageModelError.self) { _ = try model.cloned() }
        // the controller alone round-trips through safetensors
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("controller.safetensors")
        model.head.bias?.assign(Tensor([Float(0.5), 0, 0, 0], shape: [4]))
        try model.save(to: file)
        let other = try Self.steered()
        try other.load(from: file)
        #expect(other.head.bias?.floats == [0.5, 0, 0, 0])
    }

    /// Rewards completions that start with the code `m`: the controller must learn to choose it.
    struct PrefersMultiply: Verifier {
        func verify(prompt: String, completion: String, groundTruth: String) -> VerificationResult {
            let ok = completion.hasPrefix("m")
            return VerificationResult(reward: ok ? 1 : 0, correct: ok, answer: nil, formatOK: true)
        }
    }

    static let problem = TaskProblem(prompt: "make 9 with 2 3 4:", groundTruth: "9|2 3 4")

    static func trainer(
        _ model: SteeredLanguageModel, learningRate: Double
    ) throws -> RLVRTrainer<SteeredLanguageModel> {
        var config = RLVRConfig(advantage: .grpo, groupSize: 8, promptsPerStep: 1, learningRate: learningRate)
        config.maxCompletionLength = 2
        var rng = SplitMix64(seed: 5)
        return try RLVRTrainer(
            model: model, config: config, rewardFunctions: [WeightedReward(name: "m", verifier: PrefersMultiply())],
            encode: { try tokenizer.encode($0) }, decode: { tokenizer.decode($0) },
            stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding, using: &rng)
    }

    static func probabilityOfMultiply(_ model: SteeredLanguageModel) throws -> Double {
        let ids = try tokenizer.encode(problem.prompt)
        let logits = withNoGrad { model.logits(ids: ids, batch: 1, length: ids.count) }.doubles
        return exp(logits[(ids.count - 1) * model.vocabularySize + codes.codes[2]])
    }

    @Test func controllerLearnsTheRewardedCode() throws {
        let model = try Self.steered()
        let trainer = try Self.trainer(model, learningRate: 0.05)
        var rng = SplitMix64(seed: 2)
        model.epsilon = 0
        let before = try Self.probabilityOfMultiply(model)
        for step in 0..<15 {
            model.epsilon = try ExplorationSchedule().epsilon(step: step, of: 15)
            _ = try trainer.step(nextPrompts: { [Self.problem] }, using: &rng)
        }
        model.epsilon = 0
        let after = try Self.probabilityOfMultiply(model)
        #expect(abs(before - 0.25) < 1e-4)
        #expect(after > 0.6)
    }

    @Test func explorationScheduleIsLinearAndValidated() throws {
        let schedule = try ExplorationSchedule(start: 0.1, end: 0.01)
        #expect(schedule.epsilon(step: 0, of: 10) == 0.1)
        #expect(abs(schedule.epsilon(step: 9, of: 10) - 0.01) < 1e-12)
        #expect(abs(schedule.epsilon(step: 3, of: 4) - 0.01) < 1e-12)
        #expect(abs(schedule.epsilon(step: 1, of: 3) - 0.055) < 1e-12)
        #expect(throws: LanguageModelError.self) { _ = try ExplorationSchedule(start: 1.5) }
        #expect(throws: LanguageModelError.self) {
            _ = try StepControlCodes(codes: [5, 5], separators: [9], promptEnd: 8)
        }
        #expect(throws: LanguageModelError.self) {
            _ = try StepControlCodes(codes: [5, 9], separators: [9], promptEnd: 8)
        }
    }

    @Test func steerableModelWritesOneStepUnderTheCode() throws {
        let model = try Self.frozenModel()
        var rng = SplitMix64(seed: 4)
        let context = try Self.tokenizer.encode("make 9 with 2 3 4:")
        let step = try model.generateStep(
            context: context, control: Self.codes.codes[0], codes: Self.codes, stopTokens: [2], maxTokens: 6,
            temperature: 1, using: &rng)
        #expect(!step.isEmpty && step.count <= 6)
        #expect(step.dropLast().allSatisfy { !Self.codes.separators.contains($0) && $0 != 2 })
        #expect(throws: GenerationError.self) {
            _ = try model.generateStep(
                context: context, control: 7, codes: Self.codes, stopTokens: [2], maxTokens: 6, temperature: 1,
                using: &rng)
        }
    }
}
