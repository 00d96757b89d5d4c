import ArgumentParser
import Foundation
import Language
import Tensor
import Tracking

/// `swiftrl rlvr train`: RL with verifiable rewards on a synthetic task or a JSONL prompt file, from a model
/// directory.
struct RLVRTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: """
            Train a model directory with an RLVR preset on a synthetic task or your JSONL prompts; \
            writes runs/<task>__<preset>__<seed>__<time>/.
            """,
        discussion: """
            The preset is an RLVRConfig (see RLVRConfig+Presets.swift); --set overrides its fields by name, e.g.
            --set learningRate=1e-4 --set groupSize=8 --set promptsPerStep=16 --set maxCompletionLength=48
            --set objective.policyLoss.epsilonHigh=0.28. The presets keep the papers' learning rate (1e-6), which is
            far too small for a model pretrained from scratch; use about 1e-4 there. Metrics (TRL names: reward,
            reward_std, frac_reward_zero_std, entropy, kl, clip_ratio/*, completions/mean_length, …) go to
            metrics.csv and TensorBoard; held-out evaluations to eval/*.
            Your own prompts: --dataset prompts.jsonl --verifier boxed [--reward correctness=1 --reward format=0.2];
            a model directory with a ChatML or Llama 3 chat_template gets each prompt as one user message.
            CTRLS: --steer freezes --model (pretrained with --style-mix coded=1 on --task countdown) and trains only a
            controller that picks each step's control code (default preset ctrls; ε-greedy from --exploration;
            --out writes controller.safetensors).
            Checkpoints: every --checkpoint-every steps (default 10) and after the last step the run directory gets
            checkpoints/step_<n>/: the policy as a Hugging Face model directory (config.json, model.safetensors,
            tokenizer files; policy.safetensors, the controller, with --steer) plus the optimizer state, random
            streams, prompt-sampler position and step counters, written to a temporary folder and renamed into
            place once complete (checkpoint.json is the commit marker). The newest two are kept, and Ctrl-C writes
            one before stopping. --resume runs/<run> with the run's own options continues from the newest complete
            checkpoint and ends with the same weights and metrics as an uninterrupted run of the seed; a command
            line whose settings differ from the run's config.yaml is refused. `swiftrl rlvr eval --model runs/<run>`
            evaluates the newest checkpoint.
            """)

    @Option(help: "Model directory (config.json, model.safetensors, tokenizer.json).") var model: String
    @Option(help: "Preset: \(RLVRConfig.presetNames.joined(separator: ", ")), ctrls (with --steer); default grpo.")
    var preset: String?
    @Flag(help: "CTRLS: freeze --model (a coded base) and train a step-code controller over it.") var steer = false
    @Option(help: "With --steer: ε-greedy over the codes, linear from the first to the second value.")
    var exploration = "0.1,0.01"
    @Option(help: "With --steer: controller hidden width.") var controllerWidth = 64
    @OptionGroup var taskOptions: TaskOptions
    @OptionGroup var datasetOptions: DatasetOptions
    @OptionGroup var chatOptions: ChatOptions
    @Option(
        parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            """
            A weighted reward of --dataset runs (repeatable): correctness (the verifier; weight 1 unless given), \
            format (an answer is extractable), length (−min(1, characters / --length-scale); a positive weight \
            penalises length).
            """,
            valueName: "name=weight"))
    var reward: [String] = []
    @Option(parsing: .unconditional, help: "Characters at which the length reward reaches −1.") var lengthScale = 256
    @Option(help: "Trainer steps.") var steps = 100
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a config field.", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "Folder that holds run directories.") var runDir = "runs"
    @Option(help: "Run seed (prompts, sampling, minibatches, evaluation).") var seed: UInt64 = 0
    @Option(help: "Steps between held-out evaluations (0 = before and after only).") var evalEvery = 10
    @Option(help: "Held-out problems per evaluation.") var evalProblems = 32
    @Option(help: "Samples per held-out problem in evaluations.") var evalSamples = 4
    @Option(help: "Also save the trained model to this directory.") var out: String?
    @Option(parsing: .unconditional, help: "Steps between checkpoints in the run directory (0: only after the last).")
    var checkpointEvery = 10
    @Option(help: "Continue this run directory from its newest complete checkpoint (give the run's own options).")
    var resume: String?
    @Flag(help: "Also print metric blocks to standard output.") var console = false
    @Flag(help: "No progress line.") var quiet = false

    /// Everything that defines the run, written to config.yaml.
    struct Settings: Codable {
        var model: String
        var preset: String
        var task: SyntheticTask?
        var dataset: DatasetSettings?
        var heldOutFraction: Double
        var steps: Int
        var seed: UInt64
        var rlvr: RLVRConfig
        var evaluation: EvaluationSettings
        var chat: ChatSettings
        var steering: SteeringSettings?
    }

    /// The held-out evaluation settings, written to config.yaml.
    struct EvaluationSettings: Codable {
        var every: Int
        var problems: Int
        var samples: Int
    }

    /// How prompts become model input, written to config.yaml.
    struct ChatSettings: Codable {
        var noChatTemplate: Bool
        var systemPrompt: String?
    }

    /// The CTRLS controller settings of a --steer run, written to config.yaml.
    struct SteeringSettings: Codable {
        var exploration: String
        var controllerWidth: Int
    }

    /// The prompt file's settings, written to config.yaml.
    struct DatasetSettings: Codable {
        var file: String
        var evalFile: String?
        var promptField: String
        var answerField: String
        var splitSeed: UInt64
        var verifier: String
        var tolerance: Double
        var rewards: [String]
        var trainPrompts: Int
        var heldOutPrompts: Int
    }

    /// What the run trains on and how it is scored.
    struct Prompts {
        var label: String
        var train: any TaskGenerator
        var heldOut: [TaskProblem]
        var rewards: [WeightedReward]?
    }

    func validate() throws {
        try datasetOptions.validate(against: taskOptions)
        if datasetOptions.dataset == nil && !reward.isEmpty {
            throw ValidationError("--reward needs --dataset FILE (a synthetic --task is scored by its own verifier)")
        }
        guard lengthScale >= 1 else { throw ValidationError("--length-scale must be ≥ 1; got \(lengthScale)") }
        _ = try rewardTerms()
        for text in overrides where !text.contains("=") {
            throw ValidationError("--set \(text) needs key=value, e.g. --set learningRate=1e-4")
        }
        guard checkpointEvery >= 0 else {
            throw ValidationError("--checkpoint-every must be ≥ 0; got \(checkpointEvery)")
        }
        guard steps >= 1, evalProblems >= 1, evalSamples >= 1 else {
            throw ValidationError("--steps, --eval-problems and --eval-samples must be ≥ 1")
        }
        if presetName == "ctrls" && !steer {
            throw ValidationError("--preset ctrls trains a controller over a frozen coded model; add --steer")
        }
        if steer {
            _ = try explorationSchedule()
            guard controllerWidth >= 1 else { throw ValidationError("--controller-width must be ≥ 1") }
        }
    }

    /// The preset's name: `--preset`, else ctrls with --steer, else grpo.
    var presetName: String { preset ?? (steer ? "ctrls" : "grpo") }

    /// `--exploration start,end` as a schedule.
    func explorationSchedule() throws -> ExplorationSchedule {
        let values = exploration.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 2 else {
            throw ValidationError("--exploration takes start,end (e.g. 0.1,0.01); got `\(exploration)`")
        }
        do { return try ExplorationSchedule(start: values[0], end: values[1]) } catch {
            throw ValidationError("--exploration: \(error.description)")
        }
    }

    @OptionGroup(title: "Threads") var threading: ThreadOptions

    func run() throws {
        threading.apply()
        BackendNotice.printIfSlow()
        let base: RLVRConfig
        do { base = presetName == "ctrls" ? .ctrls : try RLVRConfig.preset(named: presetName) } catch {
            throw ValidationError(error.description)
        }
        let config = try ConfigLoader.load(defaults: base, overrides: overrides)
        do { try config.validate() } catch { throw ValidationError(error.description) }
        if steer && config.objective.kl.isEnabled {
            throw ValidationError(
                "--steer trains only the controller of a frozen model, which has no reference copy; "
                    + "set --set objective.kl.coefficient=0 (or use --preset ctrls)")
        }
        var settings = Settings(
            model: model, preset: presetName, task: nil, dataset: nil, heldOutFraction: taskOptions.heldOutFraction,
            steps: steps, seed: seed, rlvr: config,
            evaluation: EvaluationSettings(every: evalEvery, problems: evalProblems, samples: evalSamples),
            chat: ChatSettings(noChatTemplate: chatOptions.noChatTemplate, systemPrompt: chatOptions.systemPrompt),
            steering: steer ? SteeringSettings(exploration: exploration, controllerWidth: controllerWidth) : nil)
        let prompts = try resolvePrompts(&settings)
        let start = try startingPoint(settings)
        defer { start.cleanUp() }
        let tokenizer = try loadDirectoryTokenizer(start.modelFiles.path)
        let configStops = configEndOfSequenceIDs(start.modelFiles.path)
        guard !configStops.isEmpty else {
            throw RLVRCommandError(description: "\(model)/config.json has no eos_token_id; RLVR needs an end-of-sequence token")
        }
        let (encode, stops) = try chatOptions.encoding(
            model: start.modelFiles.path, tokenizer: tokenizer, stops: configStops)
        // a resumed run continues from the checkpoint's weights; a --steer run's frozen base is always --model
        let lm = try loadLanguageModel(steer ? model : start.weights.path)
        guard steer else {
            return try train(
                lm, tokenizer: tokenizer, encode: encode, stops: stops, prompts: prompts, settings: settings,
                start: start)
        }
        var rng = Xoshiro256StarStar(seed: seed).derived("controller")
        let steered: SteeredLanguageModel
        do {
            let codes = try StepControlCodes.coded(encode: { tokenizer.encode($0) })
            steered = try SteeredLanguageModel(frozen: lm, codes: codes, width: controllerWidth, using: &rng)
        } catch { throw ValidationError("--steer: \(error.description)") }
        if let folder = start.checkpoint { try RLVRCheckpoint.restorePolicy(steered, from: folder.url) }
        try train(
            steered, tokenizer: tokenizer, encode: encode, stops: stops, prompts: prompts, settings: settings,
            start: start)
    }

    /// The synthetic task or the prompt file, recorded in `settings`.
    private func resolvePrompts(_ settings: inout Settings) throws -> Prompts {
        guard datasetOptions.dataset != nil else {
            let task = try taskOptions.resolve()
            settings.task = task
            let generator = try task.makeGenerator()
            var heldRNG = Xoshiro256StarStar(seed: seed).derived("heldout-problems")
            let split = taskOptions.split
            let heldOut = split.restrict(generator, heldOut: true).problems(count: evalProblems, using: &heldRNG)
            return Prompts(
                label: task.label, train: split.restrict(generator, heldOut: false), heldOut: heldOut, rewards: nil)
        }
        let loaded = try datasetOptions.load(heldOutFraction: taskOptions.heldOutFraction)
        let verifier = loaded.verifierName.verifier(tolerance: datasetOptions.tolerance, rewards: settings.rlvr.rewards)
        let rewards: [WeightedReward]
        let train: PromptDatasetTask
        do {
            let terms = try rewardTerms()
            rewards = try RewardTerm.weightedRewards(
                terms, correctness: verifier, extractor: loaded.verifierName.extractor, lengthScale: lengthScale)
            train = try PromptDatasetTask(name: loaded.label, problems: loaded.train, verifier: verifier)
        } catch {
            throw ValidationError("\(error)")
        }
        settings.dataset = DatasetSettings(
            file: datasetOptions.dataset ?? "", evalFile: datasetOptions.evalDataset,
            promptField: datasetOptions.promptField, answerField: datasetOptions.answerField,
            splitSeed: datasetOptions.splitSeed, verifier: loaded.verifierName.description,
            tolerance: datasetOptions.tolerance, rewards: rewards.map { "\($0.name)=\($0.weight)" },
            trainPrompts: loaded.train.count, heldOutPrompts: loaded.heldOut.count)
        print("\(loaded.label): \(loaded.train.count) training prompts, \(loaded.heldOut.count) held out; rewards "
              + rewards.map { "\($0.name)=\($0.weight)" }.joined(separator: ", "))
        return Prompts(
            label: loaded.label, train: train, heldOut: Array(loaded.heldOut.prefix(evalProblems)), rewards: rewards)
    }

    /// R³L's reflect-then-retry when `retry.isEnabled` (the task's reflector: Countdown only so far), then SCMA's
    /// self-compression when the length penalty is importance-weighted.
    func synthesizer(_ settings: Settings) throws -> (any TrajectorySynthesizer)? {
        var parts: [any TrajectorySynthesizer] = []
        if settings.rlvr.retry.isEnabled {
            guard settings.task?.kind == .countdown else {
                throw ValidationError(
                    "retry (R³L's reflect-then-retry) needs a reflector for the task; SwiftRL has one for --task "
                        + "countdown. Use --task countdown or --set retry.isEnabled=false")
            }
            parts.append(ReflectThenRetry(reflector: CountdownReflector(), settings: settings.rlvr.retry))
        }
        if settings.rlvr.lengthPenalty.weighting == .importance {
            do {
                parts.append(try settings.rlvr.compression.synthesizer(penalty: settings.rlvr.lengthPenalty, task: settings.task))
            } catch { throw ValidationError(error.description) }
        }
        return parts.isEmpty ? nil : (parts.count == 1 ? parts[0] : SynthesizerChain(parts))
    }

    /// The parsed `--reward` terms.
    private func rewardTerms() throws -> [RewardTerm] {
        do { return try RewardTerm.parse(list: reward) } catch {
            throw ValidationError(error.description)
        }
    }

    private func train<M: CausalLanguageModel>(
        _ lm: M, tokenizer: ByteLevelBPETokenizer, encode: @escaping @Sendable (String) -> [Int], stops: [Int],
        prompts: Prompts, settings: Settings, start: StartingPoint
    ) throws {
        let evaluator = RLVREvaluator(
            samples: evalSamples, ks: [1, evalSamples],
            generation: GenerationConfig(
                maxNewTokens: settings.rlvr.maxCompletionLength, temperature: settings.rlvr.temperature,
                topK: settings.rlvr.topK, topP: settings.rlvr.topP))
        var runner = RLVRRunner(
            encode: encode, decode: { tokenizer.decode($0, skipSpecialTokens: true) },
            stopTokens: stops, padToken: stops[0], steps: steps, evaluateEvery: evalEvery, evaluator: evaluator)
        runner.checkpointEvery = checkpointEvery
        let (session, point) = try openSession(settings, label: prompts.label, start: start)
        // CTRLS: ε follows the schedule while training and is 0 whenever the runner evaluates (before the first step
        // and after each evaluated step; the runner calls onStep just before such an evaluation)
        let steered = lm as? SteeredLanguageModel
        let schedule = steer ? try explorationSchedule() : .none
        let evaluated = { (step: Int) in step == steps || (evalEvery > 0 && step % evalEvery == 0) }
        steered?.epsilon = point.map { schedule.epsilon(step: $0.state.step, of: steps) } ?? 0
        // resuming with a KL penalty: the reference is the initial policy, --model, not the checkpoint
        let reference: M? =
            point != nil && !steer && settings.rlvr.objective.kl.isEnabled ? try loadLanguageModel(model) as? M : nil
        let metadata = checkpointMetadata(settings)
        let outcome = try runner.run(
            model: lm, config: settings.rlvr, task: prompts.train, heldOut: prompts.heldOut, seed: seed,
            rewards: prompts.rewards, synthesizer: try synthesizer(settings), reference: reference, resume: point,
            stopRequested: { session.stopRequested },
            onStep: { step, metrics in
                for (name, value) in metrics.sorted(by: { $0.key < $1.key }) {
                    try session.logger.scalar(name, value, step: step)
                }
                try session.logger.flush()
                steered?.epsilon = evaluated(step) ? 0 : schedule.epsilon(step: step, of: steps)
            },
            onEvaluation: { step, report in
                for (name, value) in Self.evaluationScalars(report) { try session.logger.scalar(name, value, step: step) }
                try session.logger.flush()
                steered?.epsilon = schedule.epsilon(step: step, of: steps)
            },
            onCheckpoint: { snapshot in
                try session.saveCheckpointFolder(step: snapshot.state.step, kind: RLVRCheckpoint.kind) { folder in
                    try RLVRCheckpoint.write(
                        snapshot, to: folder, tokenizerFrom: steer ? nil : start.modelFiles,
                        metadata: metadata.merging(["rlvr_step": String(snapshot.state.step)]) { $1 })
                }
            })
        try session.finish()
        if let stopped = outcome.stoppedAt {
            throw RLVRCommandError(
                description: "interrupted at step \(stopped) (checkpoint written); continue with the same command "
                    + "and --resume \(session.run.url.path)")
        }
        if let first = outcome.evaluations.first?.report, let last = outcome.evaluations.last?.report {
            print(String(format: "held-out accuracy (avg@%d) %.3f → %.3f, mean length %.1f → %.1f",
                         evalSamples, first.averageAtN, last.averageAtN, first.meanLength, last.meanLength))
        }
        print("run directory: \(session.run.url.path)")
        if let out, let steered {
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // only the controller trains; the frozen model stays in --model
            try steered.save(
                to: folder.appendingPathComponent("controller.safetensors"),
                metadata: ["frozen_model": model, "controller_width": String(controllerWidth)])
            print("wrote \(folder.appendingPathComponent("controller.safetensors").path) (controller only)")
        } else if let out {
            try ModelDirectoryWriter.save(
                lm, tokenizerFrom: start.modelFiles, to: URL(fileURLWithPath: out), metadata: metadata)
            print("wrote \(out)")
        }
    }

    /// CSV columns: the trainer's metrics then the held-out evaluation.
    static let columns = [
        RLVRMetricNames.reward, RLVRMetricNames.rewardStd, RLVRMetricNames.zeroStdFraction, RLVRMetricNames.accuracy,
        RLVRMetricNames.entropy, RLVRMetricNames.kl, RLVRMetricNames.policyLoss, RLVRMetricNames.clipRatio,
        RLVRMetricNames.clipRatioLow, RLVRMetricNames.clipRatioHigh, RLVRMetricNames.meanLength,
        RLVRMetricNames.clippedRatio, RLVRMetricNames.tokensPerSecond, RLVRMetricNames.gradNorm,
        "eval/accuracy", "eval/pass@1", "eval/mean_length", "eval/token_entropy", "eval/answer_entropy",
    ]

    static func evaluationScalars(_ report: EvaluationReport) -> [(String, Double)] {
        var out = [("eval/accuracy", report.averageAtN), ("eval/mean_length", report.meanLength),
                   ("eval/token_entropy", report.tokenEntropy), ("eval/answer_entropy", report.answerEntropy)]
        for (k, value) in report.passAtK.sorted(by: { $0.key < $1.key }) { out.append(("eval/pass@\(k)", value)) }
        return out
    }
}
