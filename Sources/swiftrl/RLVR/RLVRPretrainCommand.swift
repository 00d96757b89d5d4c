import ArgumentParser
import Foundation
import Language
import Tensor
import Tracking

/// `swiftrl rlvr pretrain`: SFT a small causal LM from scratch on synthetic task data.
struct RLVRPretrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretrain",
        abstract: """
            Pretrain a small base model (character tokenizer) on a synthetic task; writes \
            runs/<task>__sft__<seed>__<time>/ with Hugging Face model checkpoints.
            """,
        discussion: """
            The run directory holds config.yaml, metrics.csv (train/loss, train/learning_rate,
            eval/greedy_accuracy), TensorBoard events and checkpoints/step_<n>/: a Hugging Face model directory
            (config.json, model.safetensors, tokenizer.json; usable as `rlvr train --model`) plus the optimizer
            state, the data sampler's position and the loss history, written to a temporary folder and renamed into
            place once complete (checkpoint.json is the commit marker). One is written every --checkpoint-every
            steps and after the last step (the newest two are kept), and Ctrl-C writes one before stopping.
            --resume runs/<run> with the run's own options continues from the newest complete checkpoint and ends
            with the same weights as an uninterrupted run; --out also copies the final model elsewhere.
            """)

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
    @Option(help: "Also write the final model directory here (the run's last checkpoint holds it too).")
    var out: String?
    @Option(help: "Folder that holds run directories.") var runDir = "runs"
    @Option(parsing: .unconditional, help: "Steps between checkpoints in the run directory (0: only after the last).")
    var checkpointEvery = 250
    @Option(help: "Continue this run directory from its newest complete checkpoint (give the run's own options).")
    var resume: String?

    /// Everything that defines the run, written to config.yaml.
    struct Settings: Codable {
        var task: SyntheticTask
        var heldOutFraction: Double
        var evalProblems: Int
        var evalEvery: Int
        var sft: SFTConfig
    }

    /// CSV columns.
    static let columns = ["train/loss", "train/learning_rate", "eval/greedy_accuracy"]

    func validate() throws {
        guard checkpointEvery >= 0 else {
            throw ValidationError("--checkpoint-every must be ≥ 0; got \(checkpointEvery)")
        }
    }

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
        let settings = Settings(
            task: task, heldOutFraction: taskOptions.heldOutFraction, evalProblems: evalProblems, evalEvery: evalEvery,
            sft: config)
        let (session, point) = try openSession(settings)
        let start = Stopwatch.now()
        var window: [Double] = []
        let result = try SFTPretraining.run(
            task: task, config: config, evaluationProblems: evalProblems, evaluateEvery: evalEvery,
            split: taskOptions.split, checkpointEvery: checkpointEvery, resume: point,
            stopRequested: { session.stopRequested },
            onCheckpoint: { snapshot in
                try session.saveCheckpointFolder(step: snapshot.state.step, kind: SFTCheckpoint.kind) { folder in
                    try SFTCheckpoint.write(
                        snapshot, to: folder,
                        metadata: Self.metadata(task: task, config: config, state: snapshot.state))
                }
            }
        ) { record in
            try session.logger.scalar("train/loss", record.loss, step: record.step)
            try session.logger.scalar("train/learning_rate", record.learningRate, step: record.step)
            if let accuracy = record.accuracy {
                try session.logger.scalar("eval/greedy_accuracy", accuracy, step: record.step)
            }
            window.append(record.loss)
            if let accuracy = record.accuracy {
                let mean = window.reduce(0, +) / Double(max(window.count, 1))
                window.removeAll()
                print(String(format: "step %5d  loss %.4f  lr %.2e  greedy accuracy %.3f  (%.0f s)",
                             record.step, mean, record.learningRate, accuracy, Stopwatch.now() - start))
            }
        }
        try session.finish()
        if let stopped = result.stoppedAt {
            throw RLVRCommandError(
                description: "interrupted at step \(stopped) (checkpoint written); continue with the same command "
                    + "and --resume \(session.run.url.path)")
        }
        let final = try session.run.latestCheckpointFolder()
        var written = final?.url.path ?? session.run.url.path
        if let out {
            let directory = URL(fileURLWithPath: out)
            try ModelDirectoryWriter.save(
                result.model, tokenizer: result.tokenizer, to: directory,
                metadata: SFTPretraining.metadata(task: task, config: config, result: result))
            written = directory.path
        }
        print(String(format: "loss %.4f → %.4f; held-out greedy accuracy %.3f; %d parameters; wrote %@",
                     result.initialLoss, result.finalLoss, result.finalAccuracy, result.model.parameterCount,
                     written))
        print("run directory: \(session.run.url.path)")
    }

    /// A new run directory, or --resume's run reopened at its newest complete checkpoint (metrics after it
    /// dropped) once this command line is checked against its config.yaml.
    private func openSession(_ settings: Settings) throws -> (RunSession, SFTResumePoint?) {
        var options = RunSession.Options()
        options.root = URL(fileURLWithPath: runDir)
        options.progress = false
        options.columns = Self.columns
        options.curveMetric = "train/loss"
        options.keepCheckpoints = 2
        guard let resume else {
            let session = try RunSession.start(
                environment: settings.task.label, algorithm: "sft", seed: seed, config: settings,
                totalSteps: steps, options: options)
            return (session, nil)
        }
        let run = try RunDirectory(existing: URL(fileURLWithPath: resume))
        let folder = try SFTCheckpoint.latest(in: run)
        try ResumeError.checkConfig(settings, matches: run)
        let point = try SFTCheckpoint.resumePoint(in: folder.url)
        let session = try RunSession.resume(run, fromStep: point.state.step, totalSteps: steps, options: options)
        print("resuming \(run.url.path) from step \(point.state.step)")
        return (session, point)
    }

    /// `swiftrl.json` of a checkpoint.
    static func metadata(task: SyntheticTask, config: SFTConfig, state: SFTRunState) -> [String: String] {
        [
            "task": task.kind.rawValue, "difficulty": String(task.difficulty), "style_mix": config.styleMix.text,
            "noise": String(config.noise), "malformed_share": String(config.malformedShare),
            "steps": String(config.steps), "seed": String(config.seed), "step": String(state.step),
            "greedy_accuracy": String(format: "%.4f", state.accuracy),
        ]
    }
}
