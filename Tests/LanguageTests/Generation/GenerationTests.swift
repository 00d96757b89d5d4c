import Foundation
import Tensor
import Testing

@testable import Language

/// Batched KV-cache generation on the tiny Hugging Face fixtures.
@Suite struct GenerationTests {
    static let prompts = [[5, 17, 250, 42], [1, 2], [9, 8, 7, 6, 5, 4]]

    static func model(_ name: String) throws -> any CausalLanguageModel {
        try PretrainedModel.load(directory: ModelFixtures.directory(name))
    }

    /// Argmax of the full-forward logits at the last position of `ids`.
    static func fullArgmax(_ model: any CausalLanguageModel, _ ids: [Int]) -> Int {
        let logits = withNoGrad { model.logits(ids: ids, batch: 1, length: ids.count) }.floats
        let v = model.vocabularySize
        let last = logits[((ids.count - 1) * v)...].map { Double($0) }
        return TokenSampler.argmax(Array(last))
    }

    @Test(arguments: ["tiny-gpt2", "tiny-qwen2"])
    func greedyIsArgmaxOfFullForward(fixture: String) throws {
        let model = try Self.model(fixture)
        var rng = Xoshiro256StarStar(seed: 1)
        let result = try model.generate(prompts: Self.prompts, config: .greedy(maxNewTokens: 6), using: &rng)
        for (prompt, completion) in zip(Self.prompts, result.tokens) {
            #expect(completion.count == 6)
            for (i, token) in completion.enumerated() {
                #expect(token == Self.fullArgmax(model, prompt + completion.prefix(i)))
            }
        }
    }

    @Test func sameSeedGivesSameSamples() throws {
        let model = try Self.model("tiny-qwen2")
        let config = GenerationConfig(maxNewTokens: 8, temperature: 1.0, topK: 50, topP: 0.95)
        var a = Xoshiro256StarStar(seed: 42), b = Xoshiro256StarStar(seed: 42), c = Xoshiro256StarStar(seed: 43)
        let first = try model.generate(prompts: Self.prompts, config: config, using: &a)
        let second = try model.generate(prompts: Self.prompts, config: config, using: &b)
        let other = try model.generate(prompts: Self.prompts, config: config, using: &c)
        #expect(first.tokens == second.tokens)
        #expect(first.logProbabilities == second.logProbabilities)
        #expect(first.tokens != other.tokens)
    }

    @Test func topKOneIsGreedy() throws {
        let model = try Self.model("tiny-gpt2")
        var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 6)
        let sampled = try model.generate(
            prompts: Self.prompts, config: GenerationConfig(maxNewTokens: 6, temperature: 1.3, topK: 1), using: &a)
        let greedy = try model.generate(prompts: Self.prompts, config: .greedy(maxNewTokens: 6), using: &b)
        #expect(sampled.tokens == greedy.tokens)
    }

    @Test func batchedLeftPaddingMatchesSinglePrompts() throws {
        let model = try Self.model("tiny-qwen2")
        var rng = Xoshiro256StarStar(seed: 0)
        let batched = try model.generate(prompts: Self.prompts, config: .greedy(maxNewTokens: 5), using: &rng)
        for (i, prompt) in Self.prompts.enumerated() {
            let single = try model.generate(prompts: [prompt], config: .greedy(maxNewTokens: 5), using: &rng)
            #expect(single.tokens[0] == batched.tokens[i])
            let gap = zip(single.logProbabilities[0], batched.logProbabilities[i]).map { abs($0 - $1) }.max() ?? 0
            #expect(gap < 1e-4)
        }
    }

    @Test func logProbabilitiesAndEntropiesMatchFullForward() throws {
        let model = try Self.model("tiny-gpt2")
        var rng = Xoshiro256StarStar(seed: 9)
        let prompt = [3, 1, 4, 1, 5]
        let result = try model.generate(
            prompts: [prompt], config: GenerationConfig(maxNewTokens: 4, temperature: 1), using: &rng)
        let ids = prompt + result.tokens[0]
        let logProbs = withNoGrad { logSoftmax(model.logits(ids: ids, batch: 1, length: ids.count), axis: -1) }.floats
        let v = model.vocabularySize
        for (i, token) in result.tokens[0].enumerated() {
            let row = Array(logProbs[((prompt.count - 1 + i) * v)..<((prompt.count + i) * v)])
            #expect(abs(Double(row[token]) - result.logProbabilities[0][i]) < 1e-4)
            let entropy = -row.reduce(0.0) { $0 + exp(Double($1)) * Double($1) }
            #expect(abs(entropy - result.entropies[0][i]) < 1e-4)
        }
    }

    @Test func stopTokenEndsTheCompletion() throws {
        let model = try Self.model("tiny-qwen2")
        var rng = Xoshiro256StarStar(seed: 1)
        let free = try model.generate(prompts: [[1, 2]], config: .greedy(maxNewTokens: 6), using: &rng)
        let stop = free.tokens[0][2]
        let stopped = try model.generate(
            prompts: [[1, 2]], config: .greedy(maxNewTokens: 6, stopTokens: [stop]), using: &rng)
        let firstStop = try #require(free.tokens[0].firstIndex(of: stop))
        #expect(stopped.tokens[0] == Array(free.tokens[0].prefix(firstStop + 1)))
        #expect(stopped.finishReasons == [.stop])
        #expect(free.finishReasons == [.length])
    }

    @Test func outOfVocabularyPromptIsRejected() throws {
        let model = try Self.model("tiny-gpt2")
        var rng = Xoshiro256StarStar(seed: 1)
        #expect(throws: GenerationError.self) {
            _ = try model.generate(prompts: [[1, 999]], config: .greedy(maxNewTokens: 2), using: &rng)
        }
    }

    @Test(arguments: [GenerationConfig(temperature: -1), GenerationConfig(topP: 0), GenerationConfig(maxNewTokens: -3)])
    func invalidConfigIsRejected(config: GenerationConfig) {
        #expect(throws: GenerationError.self) { try config.validate() }
    }
}
