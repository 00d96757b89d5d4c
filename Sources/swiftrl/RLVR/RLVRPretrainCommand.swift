import ArgumentParser
import Foundation
import Language
import Tensor

/// `swiftrl rlvr pretrain`: SFT a small causal LM from scratch on synthetic task data.
struct RLVRPretrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretrain",
        abstract: "Pretrain a small base model (character tokenizer) on a synthetic task; writes a Hugging Face model directory.")

    @OptionGroup var taskOptions: TaskOptions

    @Option(help: "Solution styles and weights: direct, steps (worked derivation), boxed (a format the verifier rejects), hinted (steps with a hint in the prompt, for R³L retries).")
    var styleMix = "direct=0.5,steps=0.5"

    @Option(parsing: .unconditional, help: "Fraction of corrupted examples (wrong answers or malformed answer lines).")
    var noise = 0.1

    @Option(
        parsing: .unconditional,
        help: "Share of corrupted examples that are malformed (the rest have wrong answers).")
    var malformedShare = 0.5

    @Option(help: "Optimizer steps.") var steps = 1500
    @Option(help: "Examples per step.") var batchSize = 32
    @Option(help: "Peak learning rate (warm-up, then cosine to a tenth).") var learningRate = 3e-3
    @Option(help: "Architecture: qwen2 or gpt2.") var architecture = "qwen2"
    @Option(help: "Transformer blocks.") var layers = 2
    @Option(help: "Hidden size d.") var hiddenSize = 64
    @Option(help: "Attention heads.") var heads = 4
    @Option(help: "Context length.") var contextLength = 128
    @Option(help: "Seed of initialisation and data.") var seed: UInt64 = 0
    @Option(help: "Held-out problems for the greedy accuracy.") var evalProblems = 64
    @Option(help: "Steps between progress lines with greedy accuracy (0 = end only).") var evalEvery = 250
    @Option(help: "Output model directory.") var out: String

    func run() throws {
        let task = try taskOptions.resolve()
        guard let arch = SFTConfig.Architecture(rawValue: architecture) else {
            throw ValidationError("--architecture must be qwen2 or gpt2; got \(architecture)")
        }
        let mix: StyleMix
        do { mix = try StyleMix(parsing: styleMix) } catch { throw ValidationError(error.description) }
        let config = SFTConfig(
            architecture: arch, layers: layers, hiddenSize: hiddenSize, heads: heads, contextLength: contextLength,
            steps: steps, batchSize: batchSize, learningRate: learningRate, finalLearningRate: learningRate / 10,
            warmupSteps: min(100, steps / 10), styleMix: mix, noise: noise, malformedShare: malformedShare, seed: seed)
        let start = Stopwatch.now()
        var window: [Double] = []
        let result = try SFTPretraining.run(
            task: task, config: config, evaluationProblems: evalProblems, evaluateEvery: evalEvery,
            split: taskOptions.split
        ) { record in
            window.append(record.loss)
            if let accuracy = record.accuracy {
                let mean = window.reduce(0, +) / Double(max(window.count, 1))
                window.removeAll()
                print(String(format: "step %5d  loss %.4f  lr %.2e  greedy accuracy %.3f  (%.0f s)",
                             record.step, mean, record.learningRate, accuracy, Stopwatch.now() - start))
            }
        }
        let directory = URL(fileURLWithPath: out)
        try ModelDirectoryWriter.save(
            result.model, tokenizer: result.tokenizer, to: directory,
            metadata: SFTPretraining.metadata(task: task, config: config, result: result))
        print(String(format: "loss %.4f → %.4f; held-out greedy accuracy %.3f; %d parameters; wrote %@",
                     result.initialLoss, result.finalLoss, result.finalAccuracy, result.model.parameterCount,
                     directory.path))
    }
}
