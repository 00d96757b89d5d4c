import Tensor

/// A whole RLVR training run on a task: `steps` trainer steps on training-side problems, with a held-out
/// evaluation (sampled, ``RLVREvaluator``) before the first step, every `evaluateEvery` steps and after the last.
/// The command line (`swiftrl rlvr train`) and the reproductions share it.
public struct RLVRRunner {
    /// Prompt text → token ids.
    public var encode: (String) throws -> [Int]
    /// Completion ids → text for the verifier.
    public var decode: ([Int]) -> String
    /// End-of-sequence ids.
    public var stopTokens: [Int]
    /// Padding id.
    public var padToken: Int
    /// Trainer steps.
    public var steps: Int
    /// Steps between held-out evaluations (0: only before and after).
    public var evaluateEvery: Int
    /// The evaluator for the periodic checks (small n); its generation config's stop/pad tokens are replaced.
    public var evaluator: RLVREvaluator

    /// Creates a runner.
    public init(
        encode: @escaping (String) throws -> [Int], decode: @escaping ([Int]) -> String, stopTokens: [Int],
        padToken: Int, steps: Int, evaluateEvery: Int, evaluator: RLVREvaluator
    ) {
        self.encode = encode
        self.decode = decode
        self.stopTokens = stopTokens
        self.padToken = padToken
        self.steps = steps
        self.evaluateEvery = evaluateEvery
        self.evaluator = evaluator
    }

    /// Steps between checkpoints handed to `run`'s `onCheckpoint` (0: only after the last step); a checkpoint is
    /// also taken when `stopRequested` turns true.
    public var checkpointEvery = 0

    /// What a run produced.
    public struct Outcome: Sendable {
        /// Trainer metrics per step (``RLVRMetricNames``), index = step − 1 (a resumed run includes the steps
        /// before its checkpoint).
        public var metrics: [[String: Double]]
        /// Held-out evaluations with the step they were taken at (0 = before training).
        public var evaluations: [(step: Int, report: EvaluationReport)]
        /// The step at which `stopRequested` stopped the run early (after writing a checkpoint), else `nil`.
        public var stoppedAt: Int? = nil
    }

    /// Trains `model` in place with `config` on `task` (give the training side of a ``HeldOutSplit``) and
    /// evaluates on `heldOut`.
    /// The reward is `rewards`, or by default the task verifier's outcome valued by `config.rewards`; a reference
    /// model (a copy of the initial policy) is made when the KL coefficient is nonzero.
    /// Random streams derived from `seed`: `"rollout"` (prompts, sampling, minibatches), `"eval"`, `"init"`.
    ///
    /// **Checkpoints and resuming.** After every ``checkpointEvery``-th step (and after the last one, and when
    /// `stopRequested` returns true) `onCheckpoint` receives an ``RLVRSnapshot``; write it with
    /// ``RLVRCheckpoint/write(_:to:tokenizerFrom:metadata:)``. To continue a run, load the checkpoint's policy into
    /// `model`, pass ``RLVRCheckpoint/resumePoint(in:)`` as `resume` and the initial policy as `reference` (when
    /// the KL coefficient is nonzero): the run then continues after the checkpoint's step, skips the evaluation
    /// before training, and ends with the same weights as an uninterrupted run of the same seed.
    /// - Parameters:
    ///   - rewards: the trainer's reward functions (the first decides correctness, e.g. from
    ///     ``RewardTerm/weightedRewards(_:correctness:extractor:lengthScale:)``); `nil` for the default above.
    ///     Held-out evaluations always use `task.verifier`.
    ///   - synthesizer: the trainer's ``RLVRTrainer/synthesizer`` (R³L's ``ReflectThenRetry``, SCMA's scoring
    ///     role); `nil` for none.
    ///   - reference: the frozen reference policy; `nil` for a copy of `model` (give the initial policy when
    ///     resuming).
    ///   - resume: the checkpoint to continue from; `nil` for a new run.
    ///   - stopRequested: polled after every step; when it returns true the run checkpoints and stops.
    ///   - onStep: called after every step with its number (1-based) and metrics; throw to stop.
    ///   - onEvaluation: called after every evaluation.
    ///   - onCheckpoint: called with each checkpoint (after the step's evaluation).
    /// - Throws: trainer errors (invalid config, missing reference, a checkpoint that does not fit),
    ///   tokenizer/generation errors, a non-finite loss (``RLVRInputError``), or what the callbacks throw.
    public func run<M: CausalLanguageModel>(
        model: M, config: RLVRConfig, task: some TaskGenerator, heldOut: [TaskProblem], seed: UInt64,
        rewards: [WeightedReward]? = nil, synthesizer: (any TrajectorySynthesizer)? = nil, reference: M? = nil,
        resume: RLVRResumePoint? = nil, stopRequested: () -> Bool = { false },
        onStep: (Int, [String: Double]) throws -> Void = { _, _ in },
        onEvaluation: (Int, EvaluationReport) throws -> Void = { _, _ in },
        onCheckpoint: (RLVRSnapshot) throws -> Void = { _ in }
    ) throws -> Outcome {
        let root = Xoshiro256StarStar(seed: seed)
        var initRNG = root.derived("init"), rolloutRNG = root.derived("rollout"), evalRNG = root.derived("eval")
        if resume != nil && config.objective.kl.isEnabled && reference == nil {
            throw RLVRInputError(
                "RLVRRunner: resuming with a KL penalty needs the initial policy as `reference` (a copy of the "
                    + "checkpoint's policy would be the wrong anchor)")
        }
        let reference: M? = config.objective.kl.isEnabled ? try reference ?? model.cloned() : nil
        let trainer = try RLVRTrainer(
            model: model, reference: reference, config: config,
            rewardFunctions: rewards ?? [
                WeightedReward(
                    name: "accuracy", verifier: RewardSchemeVerifier(base: task.verifier, scheme: config.rewards))
            ],
            encode: encode, decode: decode, stopTokens: stopTokens, padToken: padToken, using: &initRNG)
        trainer.synthesizer = synthesizer
        var evaluator = self.evaluator
        evaluator.generation.stopTokens = stopTokens
        evaluator.generation.padToken = padToken
        var outcome = Outcome(metrics: [], evaluations: [])
        var start = 0
        if let resume {
            try trainer.restore(tensors: resume.tensors, state: resume.state)
            rolloutRNG = resume.state.rolloutGenerator
            evalRNG = resume.state.evaluationGenerator
            outcome.metrics = resume.state.metrics
            outcome.evaluations = resume.state.evaluations.map { ($0.step, $0.report) }
            start = resume.state.step
        }
        func evaluate(_ step: Int) throws {
            let report = try evaluator.evaluate(
                model: model, problems: heldOut, verifier: task.verifier, encode: encode, decode: decode,
                using: &evalRNG)
            outcome.evaluations.append((step, report))
            try onEvaluation(step, report)
        }
        func checkpoint(_ step: Int) throws {
            let state = RLVRRunState(
                step: step, rolloutGenerator: rolloutRNG, evaluationGenerator: evalRNG,
                nextGroupID: trainer.nextGroupID, beliefs: trainer.beliefs, sirenAnchor: trainer.sirenAnchor,
                metrics: outcome.metrics,
                evaluations: outcome.evaluations.map { RLVREvaluationRecord(step: $0.step, report: $0.report) })
            try onCheckpoint(RLVRSnapshot(model: model, tensors: trainer.checkpointTensors(), state: state))
        }
        if resume == nil { try evaluate(0) }
        guard start < steps else { return outcome }
        for step in (start + 1)...steps {
            let metrics = try trainer.step(task: task, using: &rolloutRNG)
            if let loss = metrics[RLVRMetricNames.policyLoss], !loss.isFinite {
                throw RLVRInputError("RLVR: the policy loss became \(loss) at step \(step); lower the learning rate")
            }
            outcome.metrics.append(metrics)
            try onStep(step, metrics)
            if step == steps || (evaluateEvery > 0 && step % evaluateEvery == 0) { try evaluate(step) }
            let stop = step < steps && stopRequested()
            if step == steps || stop || (checkpointEvery > 0 && step % checkpointEvery == 0) { try checkpoint(step) }
            if stop {
                outcome.stoppedAt = step
                break
            }
        }
        return outcome
    }
}
