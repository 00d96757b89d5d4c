import Foundation
import Tensor

/// One logged point of an SFT run.
public struct SFTRecord: Codable, Equatable, Sendable {
    /// Optimizer steps done.
    public var step: Int
    /// Masked cross-entropy of the step's batch (nats per completion token).
    public var loss: Double
    /// Learning rate used at this step.
    public var learningRate: Double
    /// Greedy accuracy on the held-out problems, when evaluated at this step.
    public var accuracy: Double?
}

/// The outcome of ``SFTPretraining/run(task:config:evaluationProblems:evaluateEvery:log:)``.
public struct SFTResult {
    /// The trained model (a ``LlamaModel`` or ``GPT2Model``).
    public var model: any CausalLanguageModel
    /// Its tokenizer.
    public var tokenizer: CharacterTokenizer
    /// Loss (every step) and accuracy (every `evaluateEvery` steps and at the end).
    public var history: [SFTRecord]
    /// Greedy accuracy on the held-out problems after training.
    public var finalAccuracy: Double
    /// Mean loss of the first and last 10 % of steps.
    public var initialLoss: Double, finalLoss: Double
}

/// Pretrains a small causal LM from scratch on a ``SyntheticTask`` (the base model of the RLVR experiments).
///
/// Random streams, all derived from `config.seed`: `"init"` (weights), `"data"` (examples: problem, style,
/// corruption), `"heldout"` (evaluation problems, from the held-out side of ``HeldOutSplit``, never trained on).
public enum SFTPretraining {
    /// Trains and returns the model.
    /// - Parameters:
    ///   - evaluationProblems: held-out problems for the greedy accuracy.
    ///   - evaluateEvery: steps between accuracy checks (0: only at the end).
    ///   - split: the train/held-out split (training examples never come from the held-out side).
    ///   - log: called after every step with its record (throw to stop).
    /// - Throws: ``LanguageModelError``/``TaskConfigurationError`` for bad settings, a non-finite loss, or
    ///   whatever `log` throws.
    public static func run(
        task: SyntheticTask, config: SFTConfig, evaluationProblems: Int = 64, evaluateEvery: Int = 0,
        split: HeldOutSplit = HeldOutSplit(), log: (SFTRecord) throws -> Void = { _ in }
    ) throws -> SFTResult {
        try config.validate()
        let root = Xoshiro256StarStar(seed: config.seed)
        var initRNG = root.derived("init")
        var dataRNG = root.derived("data")
        var heldRNG = root.derived("heldout")
        let tokenizer = SyntheticTask.tokenizer
        let data = try SFTExampleGenerator(
            task: task, styleMix: config.styleMix, noise: config.noise, malformedShare: config.malformedShare,
            split: split)
        let heldOut = (0..<evaluationProblems).map { _ in data.heldOutProblem(using: &heldRNG) }
        let model = try config.makeModel(vocabularySize: tokenizer.vocabularySize, using: &initRNG)
        return try train(model, tokenizer: tokenizer, data: data, heldOut: heldOut, config: config,
                         evaluateEvery: evaluateEvery, rng: &dataRNG, log: log)
    }

    private static func train<M: CausalLanguageModel>(
        _ model: M, tokenizer: CharacterTokenizer, data: SFTExampleGenerator, heldOut: [TaskProblem],
        config: SFTConfig, evaluateEvery: Int, rng: inout Xoshiro256StarStar, log: (SFTRecord) throws -> Void
    ) throws -> SFTResult {
        let trainer = try SFTTrainer(model: model, tokenizer: tokenizer, config: config)
        var history: [SFTRecord] = []
        var accuracy = 0.0
        for step in 0..<config.steps {
            let batch = (0..<config.batchSize).map { _ in data.example(using: &rng) }
            let lr = config.schedule.value(at: step)
            let (loss, _) = try trainer.step(batch)
            var record = SFTRecord(step: step + 1, loss: loss, learningRate: lr, accuracy: nil)
            let last = step == config.steps - 1
            if last || (evaluateEvery > 0 && (step + 1) % evaluateEvery == 0) {
                accuracy = try trainer.greedyAccuracy(heldOut, verifier: data.verifier)
                record.accuracy = accuracy
            }
            history.append(record)
            try log(record)
        }
        let tenth = max(1, history.count / 10)
        let mean = { (s: ArraySlice<SFTRecord>) in s.map(\.loss).reduce(0, +) / Double(s.count) }
        return SFTResult(
            model: model, tokenizer: tokenizer, history: history, finalAccuracy: accuracy,
            initialLoss: mean(history.prefix(tenth)), finalLoss: mean(history.suffix(tenth)))
    }

    /// The `swiftrl.json` metadata recorded with a pretrained model (task, styles, noise, steps, seed, accuracy).
    public static func metadata(task: SyntheticTask, config: SFTConfig, result: SFTResult) -> [String: String] {
        [
            "task": task.kind.rawValue, "difficulty": String(task.difficulty), "style_mix": config.styleMix.text,
            "noise": String(config.noise), "malformed_share": String(config.malformedShare),
            "steps": String(config.steps), "seed": String(config.seed),
            "greedy_accuracy": String(format: "%.4f", result.finalAccuracy),
            "final_loss": String(format: "%.4f", result.finalLoss),
        ]
    }
}
