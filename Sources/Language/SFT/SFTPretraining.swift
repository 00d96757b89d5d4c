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
    /// The step at which `stopRequested` stopped the run early (after a checkpoint), else `nil`.
    public var stoppedAt: Int? = nil
}

/// Pretrains a small causal LM from scratch on a ``SyntheticTask`` (the base model of the RLVR experiments).
///
/// Random streams, all derived from `config.seed`: `"init"` (weights), `"data"` (examples: problem, style,
/// corruption), `"heldout"` (evaluation problems, from the held-out side of ``HeldOutSplit``, never trained on).
public enum SFTPretraining {
    /// Trains and returns the model.
    ///
    /// **Checkpoints and resuming.** After every `checkpointEvery`-th step, after the last one and when
    /// `stopRequested` returns true, `onCheckpoint` receives an ``SFTSnapshot`` (write it with
    /// ``SFTCheckpoint/write(_:to:metadata:)``). Pass ``SFTCheckpoint/resumePoint(in:)`` as `resume` with the
    /// same arguments to continue: the result equals an uninterrupted run's, weights bit for bit.
    /// - Parameters:
    ///   - evaluationProblems: held-out problems for the greedy accuracy.
    ///   - evaluateEvery: steps between accuracy checks (0: only at the end).
    ///   - split: the train/held-out split (training examples never come from the held-out side).
    ///   - checkpointEvery: steps between checkpoints (0: only after the last step).
    ///   - resume: the checkpoint to continue from; `nil` for a new run.
    ///   - stopRequested: polled after every step; when it returns true the run checkpoints and stops.
    ///   - onCheckpoint: called with each checkpoint.
    ///   - log: called after every step with its record (throw to stop).
    /// - Throws: ``LanguageModelError``/``TaskConfigurationError`` for bad settings, a non-finite loss, a
    ///   checkpoint whose model does not fit `config`, or whatever the callbacks throw.
    public static func run(
        task: SyntheticTask, config: SFTConfig, evaluationProblems: Int = 64, evaluateEvery: Int = 0,
        split: HeldOutSplit = HeldOutSplit(), checkpointEvery: Int = 0, resume: SFTResumePoint? = nil,
        stopRequested: () -> Bool = { false }, onCheckpoint: (SFTSnapshot) throws -> Void = { _ in },
        log: (SFTRecord) throws -> Void = { _ in }
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
        let model = try resume?.model ?? config.makeModel(vocabularySize: tokenizer.vocabularySize, using: &initRNG)
        if let resume {
            let fresh = try config.makeModel(vocabularySize: tokenizer.vocabularySize, using: &initRNG)
            guard type(of: fresh) == type(of: resume.model), fresh.parameterCount == resume.model.parameterCount else {
                throw LanguageModelError(
                    "SFT checkpoint: its model (\(type(of: resume.model)), \(resume.model.parameterCount) parameters) "
                        + "does not match the config (\(type(of: fresh)), \(fresh.parameterCount)); resume with the "
                        + "run's own architecture options")
            }
        }
        let loop = Loop(
            tokenizer: tokenizer, data: data, heldOut: heldOut, config: config, evaluateEvery: evaluateEvery,
            checkpointEvery: checkpointEvery)
        return try loop.train(
            model, resume: resume, rng: &dataRNG, stopRequested: stopRequested, onCheckpoint: onCheckpoint, log: log)
    }

    /// The training loop of `run`: steps from the start or the resume point, records, checkpoints.
    private struct Loop {
        var tokenizer: CharacterTokenizer
        var data: SFTExampleGenerator
        var heldOut: [TaskProblem]
        var config: SFTConfig
        var evaluateEvery: Int
        var checkpointEvery: Int

        func train<M: CausalLanguageModel>(
            _ model: M, resume: SFTResumePoint?, rng: inout Xoshiro256StarStar, stopRequested: () -> Bool,
            onCheckpoint: (SFTSnapshot) throws -> Void, log: (SFTRecord) throws -> Void
        ) throws -> SFTResult {
            let trainer = try SFTTrainer(model: model, tokenizer: tokenizer, config: config)
            var history: [SFTRecord] = []
            var accuracy = 0.0
            var start = 0
            var stoppedAt: Int?
            if let resume {
                try trainer.restore(tensors: resume.tensors, stepCount: resume.state.step)
                rng = resume.state.dataGenerator
                history = resume.state.history
                accuracy = resume.state.accuracy
                start = resume.state.step
            }
            for step in start..<config.steps {
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
                let stop = !last && stopRequested()
                if last || stop || (checkpointEvery > 0 && (step + 1) % checkpointEvery == 0) {
                    let state = SFTRunState(step: step + 1, dataGenerator: rng, history: history, accuracy: accuracy)
                    try onCheckpoint(
                        SFTSnapshot(
                            model: model, tokenizer: tokenizer, tensors: trainer.checkpointTensors(), state: state))
                }
                if stop {
                    stoppedAt = step + 1
                    break
                }
            }
            let tenth = max(1, history.count / 10)
            let mean = { (s: ArraySlice<SFTRecord>) in s.map(\.loss).reduce(0, +) / Double(s.count) }
            return SFTResult(
                model: model, tokenizer: tokenizer, history: history, finalAccuracy: accuracy,
                initialLoss: mean(history.prefix(tenth)), finalLoss: mean(history.suffix(tenth)), stoppedAt: stoppedAt)
        }
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
