import Tensor

/// Supervised fine-tuning (here: pretraining from scratch) of a causal LM on prompt/completion pairs: the
/// next-token cross-entropy of the completion tokens and the end-of-sequence token only (prompt tokens are
/// masked out), AdamW with warm-up + cosine learning rate and global gradient-norm clipping.
public final class SFTTrainer<Model: CausalLanguageModel> {
    /// The model being trained.
    public let model: Model
    /// Text ↔ ids.
    public let tokenizer: CharacterTokenizer
    /// The run's settings.
    public let config: SFTConfig
    /// AdamW.
    public let optimizer: Adam
    /// Optimizer steps taken.
    public private(set) var stepCount = 0

    /// - Throws: ``LanguageModelError`` for an invalid configuration or a model whose vocabulary is smaller than
    ///   the tokenizer's.
    public init(model: Model, tokenizer: CharacterTokenizer, config: SFTConfig) throws(LanguageModelError) {
        try config.validate()
        guard model.vocabularySize >= tokenizer.vocabularySize else {
            throw LanguageModelError(
                "SFT: the model has \(model.vocabularySize) token ids but the tokenizer needs \(tokenizer.vocabularySize)")
        }
        self.model = model
        self.tokenizer = tokenizer
        self.config = config
        self.optimizer = AdamW(learningRate: config.learningRate, weightDecay: config.weightDecay)
    }

    /// Continues from a checkpoint: the optimizer state saved under `optimizer.` (see ``SFTCheckpoint``) and the
    /// number of steps taken, which places the learning-rate schedule.
    /// - Throws: ``LanguageModelError`` if the optimizer state does not fit the model.
    public func restore(tensors: [String: Tensor], stepCount: Int) throws(LanguageModelError) {
        var moments: [String: Tensor] = [:]
        for (name, tensor) in tensors where name.hasPrefix("optimizer.") {
            moments[String(name.dropFirst(10))] = tensor
        }
        if !moments.isEmpty {
            do { try optimizer.loadState(moments) } catch {
                throw LanguageModelError(
                    "SFT checkpoint: optimizer state does not fit the model (\(error.description))")
            }
        }
        self.stepCount = stepCount
    }

    /// The optimizer state for a checkpoint, under `optimizer.`.
    public func checkpointTensors() -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: optimizer.stateTensors().map { ("optimizer.\($0.key)", $0.value) })
    }

    /// Token ids of a prompt (no beginning-of-sequence id, as `swiftrl lm generate` encodes prompts).
    /// - Throws: ``CharacterTokenizer/UnknownCharacter``.
    public func encodePrompt(_ text: String) throws -> [Int] { try tokenizer.encode(text) }

    /// The mean masked cross-entropy (nats per completion token) of `examples`, differentiable.
    /// - Throws: ``LanguageModelError`` for text outside the vocabulary or sequences longer than the context.
    public func loss(_ examples: [SFTExample]) throws -> Tensor {
        var rows: [[Int]] = [], starts: [Int] = []
        for e in examples {
            let prompt = try tokenizer.encode(e.prompt)
            let completion = try tokenizer.encode(e.completion, addEnd: true)
            rows.append(prompt + completion)
            starts.append(prompt.count)
        }
        let length = rows.map(\.count).max() ?? 1
        guard length <= model.contextLength else {
            throw LanguageModelError(
                "SFT: an example has \(length) tokens but the model's context is \(model.contextLength); raise contextLength")
        }
        var ids: [Int] = [], picked: [Int] = [], targets: [Int] = []
        for (b, row) in rows.enumerated() {
            ids += row + Array(repeating: CharacterTokenizer.padding, count: length - row.count)
            // position t predicts token t + 1; train on the completion and its end token
            for t in (starts[b] - 1)..<(row.count - 1) {
                picked.append(b * length + t)
                targets.append(row[t + 1])
            }
        }
        var noCache: LanguageModelCache? = nil
        // right padding: causal attention keeps the real positions independent of the padding after them
        let hidden = model.hiddenStates(
            ids: ids, batch: rows.count, length: length, keyMask: nil, positions: nil, cache: &noCache)
        let selected = hidden.reshaped([rows.count * length, model.hiddenSize]).indexSelect(picked, axis: 0)
        return crossEntropyLoss(logits: model.outputLogits(selected), targets: targets)
    }

    /// One optimizer step on `examples` at the scheduled learning rate.
    /// - Returns: the loss before the step and the gradient norm before clipping.
    /// - Throws: as ``loss(_:)``; ``LanguageModelError`` for a non-finite loss.
    @discardableResult
    public func step(_ examples: [SFTExample]) throws -> (loss: Double, gradientNorm: Double) {
        optimizer.learningRate = config.schedule.value(at: stepCount)
        let (value, gradients) = try valueAndGrad(model) { _ in try self.loss(examples) }
        let loss = value.doubleItem()
        guard loss.isFinite else {
            throw LanguageModelError("SFT: loss became \(loss) at step \(stepCount); lower the learning rate")
        }
        let (clipped, norm) = gradients.clippedByGlobalNorm(config.maxGradNorm)
        optimizer.update(model, gradients: clipped)
        stepCount += 1
        return (loss, norm)
    }

    /// Greedy-decoding accuracy of the model on `problems` under `verifier` (end-of-sequence stops).
    /// - Throws: tokenizer and generation errors.
    public func greedyAccuracy(
        _ problems: [TaskProblem], verifier: any Verifier, maxNewTokens: Int = 48
    ) throws -> Double {
        guard !problems.isEmpty else { return 0 }
        let prompts = try problems.map { try tokenizer.encode($0.prompt) }
        var rng = SplitMix64(seed: 0)  // unused by greedy decoding
        let result = try model.generate(
            prompts: prompts,
            config: .greedy(maxNewTokens: maxNewTokens, stopTokens: [CharacterTokenizer.endOfSequence]), using: &rng)
        var correct = 0
        for (problem, tokens) in zip(problems, result.tokens) {
            let text = tokenizer.decode(tokens)
            if verifier.verify(prompt: problem.prompt, completion: text, groundTruth: problem.groundTruth).correct {
                correct += 1
            }
        }
        return Double(correct) / Double(problems.count)
    }
}
