import Foundation
import Tensor
import Testing

@testable import Language

/// SwiftRL's logits equal Hugging Face transformers' on the tiny random checkpoints.
@Suite struct PretrainedParityTests {
    @Test(arguments: ["tiny-gpt2", "tiny-qwen2", "tiny-llama"])
    func logitsMatchTransformers(fixture: String) throws {
        let model = try PretrainedModel.load(directory: ModelFixtures.directory(fixture))
        let expected = try ModelFixtures.expected(fixture)
        let batch = expected.ids.count, length = expected.ids[0].count
        let logits = withNoGrad { model.logits(ids: expected.ids.flatMap { $0 }, batch: batch, length: length) }
        #expect(logits.shape == [batch, length, model.vocabularySize])
        let reference = expected.logits.flatMap { $0.flatMap { $0 } }
        let worst = zip(logits.floats, reference).map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(worst < 1e-4, "largest |Δlogit| \(worst)")
    }

    @Test(arguments: ["tiny-gpt2", "tiny-qwen2", "tiny-llama"])
    func incrementalDecodingMatchesFullForward(fixture: String) throws {
        let model = try PretrainedModel.load(directory: ModelFixtures.directory(fixture))
        let ids = try ModelFixtures.expected(fixture).ids
        let length = ids[0].count
        let full = withNoGrad { model.logits(ids: ids.flatMap { $0 }, batch: 2, length: length) }.floats
        var cache = model.makeCache()
        var incremental: [[Float]] = []
        // a 3-token prefix, then one token at a time
        incremental.append(withNoGrad {
            model.logits(ids: ids.flatMap { $0.prefix(3) }, batch: 2, length: 3, cache: &cache)
        }.floats)
        for t in 3..<length {
            incremental.append(withNoGrad { model.logits(ids: ids.map { $0[t] }, batch: 2, length: 1, cache: &cache) }.floats)
        }
        #expect(cache.length == length)
        let v = model.vocabularySize
        var worst: Float = 0
        for b in 0..<2 {
            for t in 0..<length {
                let step = t < 3 ? incremental[0] : incremental[t - 2]
                let rowInStep = t < 3 ? b * 3 + t : b
                for j in 0..<v {
                    worst = max(worst, abs(step[rowInStep * v + j] - full[(b * length + t) * v + j]))
                }
            }
        }
        #expect(worst < 1e-4, "largest |Δlogit| \(worst)")
    }

    @Test func unsupportedModelTypeIsAClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-lm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(#"{"model_type": "t5"}"#.utf8).write(to: dir.appendingPathComponent("config.json"))
        #expect {
            _ = try PretrainedModel.load(directory: dir)
        } throws: { ($0 as? LanguageModelError)?.description.contains("\"t5\" is not supported") == true }
    }

    @Test func missingConfigIsAClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftrl-lm-\(UUID().uuidString)")
        #expect {
            _ = try PretrainedModel.load(directory: dir)
        } throws: { ($0 as? LanguageModelError)?.description.contains("config.json") == true }
    }

    @Test func missingTensorIsNamed() throws {
        let dir = try ModelFixtures.directory("tiny-qwen2")
        let data = try Data(contentsOf: dir.appendingPathComponent("config.json"))
        let config = try JSONDecoder().decode(LlamaConfiguration.self, from: data)
        var tensors = try PretrainedModel.loadTensors(directory: dir)
        tensors["model.layers.1.mlp.up_proj.weight"] = nil
        #expect {
            _ = try LlamaModel(configuration: config, tensors: tensors)
        } throws: { ($0 as? LanguageModelError)?.description.contains("model.layers.1.mlp.up_proj.weight") == true }
    }

    @Test func randomModelsAreSeeded() throws {
        let config = GPT2Configuration(vocabularySize: 20, contextLength: 16, hiddenSize: 16, layers: 1, heads: 2)
        var a = Xoshiro256StarStar(seed: 3), b = Xoshiro256StarStar(seed: 3)
        let m1 = try GPT2Model(configuration: config, using: &a), m2 = try GPT2Model(configuration: config, using: &b)
        let l1 = withNoGrad { m1.logits(ids: [1, 2, 3], batch: 1, length: 3) }.floats
        let l2 = withNoGrad { m2.logits(ids: [1, 2, 3], batch: 1, length: 3) }.floats
        #expect(l1 == l2)
    }
}
