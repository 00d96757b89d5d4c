import Tensor
import Testing

@testable import Language

/// Models built from scratch are differentiable end to end and learn a synthetic sequence.
@Suite struct ScratchTrainingTests {
    static func models() throws -> [any CausalLanguageModel] {
        var rng = Xoshiro256StarStar(seed: 11)
        let gpt2 = try GPT2Model(
            configuration: GPT2Configuration(vocabularySize: 12, contextLength: 16, hiddenSize: 32, layers: 2, heads: 4),
            using: &rng)
        let qwen2 = try LlamaModel(
            configuration: LlamaConfiguration(
                vocabularySize: 12, hiddenSize: 32, mlpWidth: 64, layers: 2, heads: 4, keyValueHeads: 2,
                contextLength: 16, tieWordEmbeddings: false),
            using: &rng)
        return [gpt2, qwen2]
    }

    @Test func adamStepsFitACountingSequence() throws {
        let sequence = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2, 3], batch = 1, length = sequence.count - 1
        let inputs = Array(sequence.dropLast()), targets = Array(sequence.dropFirst())
        for model in try Self.models() {
            let optimizer = Adam(learningRate: 1e-2)
            var first = 0.0, last = 0.0
            for step in 0..<40 {
                let parameters = model.parameters()
                let (loss, gradients) = valueAndGrad(parameters) {
                    let logits = model.logits(ids: inputs, batch: batch, length: length)
                    return crossEntropyLoss(logits: logits.reshaped([length, model.vocabularySize]), targets: targets)
                }
                optimizer.update(parameters: parameters, gradients: gradients)
                if step == 0 { first = loss.doubleItem() }
                last = loss.doubleItem()
            }
            #expect(last < 0.2 * first, "\(type(of: model)): loss \(first) → \(last)")
        }
    }
}
