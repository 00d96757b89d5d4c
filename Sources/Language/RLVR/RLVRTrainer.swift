import Foundation
import Tensor

/// The one RLVR trainer: group sampling → weighted verifier rewards → (DAPO filtering and shaping) → advantages
/// → `epochs` passes of `miniBatches` clipped-loss updates, with an optional frozen reference model and, for
/// GAE, a value head on the final hidden states. Every method is an ``RLVRConfig`` value.
public final class RLVRTrainer<Model: CausalLanguageModel> {
    /// The method.
    public let config: RLVRConfig
    /// The policy being trained.
    public let model: Model
    /// The frozen reference policy (required when the KL coefficient is nonzero).
    public let reference: Model?
    /// V(s) on the final hidden states, present when the advantage estimator needs values.
    public let valueHead: Linear?
    /// Reward functions, summed with their weights; the first one's verifier decides correctness.
    public let rewardFunctions: [WeightedReward]
    /// AdamW over the policy (and value head) parameters.
    public let optimizer: Adam
    private let encode: (String) throws -> [Int]
    private let decode: ([Int]) -> String
    private let stopTokens: [Int]
    private let padToken: Int
    var padTokenValue: Int { padToken }
    /// Scores the behaviour policy in its own no-grad pass even for one on-policy update, where it equals the
    /// current policy (tests compare both paths).
    var alwaysScoreOldPolicy = false
    var nextGroupID = 0
    /// Beta beliefs about each prompt's success rate, keyed by prompt text (MoPPS / InSight selection).
    public internal(set) var beliefs: [String: BetaBelief] = [:]
    /// Adds rows to each fresh rollout batch before advantages (R³L's reflect-then-retry, SCMA's scoring role);
    /// `nil` for none. Its rows are counted in the step's metrics and trained like the sampled ones.
    public var synthesizer: (any TrajectorySynthesizer)?
    /// Completions sampled per problem before synthesis: ``RLVRConfig/groupSize`` unless the synthesizer asks
    /// for fewer first attempts (R³L samples half the group and retries the failures).
    var firstAttempts: Int { synthesizer?.firstAttempts(groupSize: config.groupSize) ?? config.groupSize }
    /// SIREN's anchor H₀, set by the first update while SIREN is on.
    public internal(set) var sirenAnchor: Double?
    var stopTokenIDs: [Int] { stopTokens }
    func encodePrompt(_ text: String) throws -> [Int] { try encode(text) }
    func decodeCompletion(_ tokens: [Int]) -> String { decode(tokens) }

    /// Creates a trainer.
    /// - Parameters:
    ///   - model: the policy.
    ///   - reference: a frozen copy of the initial policy, required when `config.objective.kl` is enabled.
    ///   - config: the method (validated).
    ///   - rewardFunctions: at least one weighted verifier.
    ///   - encode: text → token ids for prompts.
    ///   - decode: completion token ids → text for the verifiers.
    ///   - stopTokens: ids that end a completion (e.g. end-of-sequence).
    ///   - padToken: id used for padding.
    ///   - rng: initialises the value head when one is needed.
    /// - Throws: ``RLVRInputError`` for an invalid configuration or a missing reference model.
    public init<G: RandomNumberGenerator>(
        model: Model, reference: Model? = nil, config: RLVRConfig, rewardFunctions: [WeightedReward],
        encode: @escaping (String) throws -> [Int], decode: @escaping ([Int]) -> String, stopTokens: [Int],
        padToken: Int, using rng: inout G
    ) throws(RLVRInputError) {
        try config.validate()
        guard !rewardFunctions.isEmpty else { throw RLVRInputError("RLVRTrainer: give at least one reward function") }
        if config.objective.kl.isEnabled && reference == nil {
            throw RLVRInputError(
                "RLVRTrainer: KL coefficient is nonzero, so pass a frozen `reference` model (or set 0)")
        }
        self.config = config
        self.model = model
        self.reference = reference
        self.valueHead = config.advantage.needsValues ? Linear(model.hiddenSize, 1, using: &rng) : nil
        self.rewardFunctions = rewardFunctions
        self.optimizer = AdamW(learningRate: config.learningRate, weightDecay: config.weightDecay)
        self.encode = encode
        self.decode = decode
        self.stopTokens = stopTokens
        self.padToken = padToken
    }

    private var scorer: SequenceScorer { SequenceScorer(temperature: config.temperature, padToken: padToken) }

    /// Samples `groupSize` completions per problem and scores them.
    /// - Throws: tokenizer or ``GenerationError`` errors.
    public func rollout<G: RandomNumberGenerator>(_ problems: [TaskProblem], using rng: inout G) throws -> RolloutBatch
    {
        var prompts: [[Int]] = [], groups: [Int] = [], sources: [TaskProblem] = []
        for problem in problems {
            let ids = try encode(problem.prompt)
            for _ in 0..<firstAttempts {
                prompts.append(ids)
                groups.append(nextGroupID)
                sources.append(problem)
            }
            nextGroupID += 1
        }
        let generation = GenerationConfig(
            maxNewTokens: config.maxCompletionLength, temperature: config.temperature, topK: config.topK,
            topP: config.topP, stopTokens: stopTokens, padToken: padToken)
        let result = try model.generate(prompts: prompts, config: generation, using: &rng)
        var rewards: [Double] = [], correct: [Bool] = [], truncated: [Bool] = []
        for (i, tokens) in result.tokens.enumerated() {
            let scored = score(tokens, problem: sources[i], using: &rng)
            rewards.append(scored.reward)
            correct.append(scored.correct)
            truncated.append(result.finishReasons[i] == .length)
        }
        // an empty completion still needs one (masked-out) position for the loss shapes
        let completions = result.tokens.map { $0.isEmpty ? [padToken] : $0 }
        let behaviour = result.logProbabilities.map { $0.isEmpty ? [0] : $0 }
        let masking = model as? any LossMaskingLanguageModel
        return RolloutBatch(
            prompts: prompts, completions: completions, groupIDs: groups, rewards: rewards, correct: correct,
            truncated: truncated,
            lossMasks: masking.map { m in zip(prompts, completions).map { m.lossMask(prompt: $0, completion: $1) } },
            behaviourLogProbs: behaviour)
    }

    /// The summed weighted reward of a completion (with reward noise and overlong shaping) and whether the
    /// first reward function judged it correct.
    func score<G: RandomNumberGenerator>(
        _ tokens: [Int], problem: TaskProblem, using rng: inout G
    ) -> (reward: Double, correct: Bool) {
        let text = decode(tokens)
        var total = 0.0, correct = false
        for (k, function) in rewardFunctions.enumerated() {
            let check = function.verifier.verify(
                prompt: problem.prompt, completion: text, groundTruth: problem.groundTruth)
            total += function.weight * check.reward
            if k == 0 { correct = check.correct }
        }
        if config.rewardNoise.kind != .none { total = config.rewardNoise.apply(to: total, using: &rng) }
        if let overlong = config.overlong { total += overlong.penalty(length: tokens.count) }
        total -= config.lengthPenalty.uniformPenalty(
            length: tokens.count, maxLength: config.maxCompletionLength, correct: correct)
        return (total, correct)
    }

    /// One training step. With dynamic sampling, keeps drawing prompts from `nextPrompts` (up to
    /// `maxGenerationRounds` times) until `promptsPerStep` groups with non-constant reward are collected.
    /// - Returns: metrics named by ``RLVRMetricNames``.
    /// - Throws: errors from `nextPrompts`, the tokenizer, generation or inconsistent shapes.
    public func step<G: RandomNumberGenerator>(
        nextPrompts: () throws -> [TaskProblem], using rng: inout G
    ) throws -> [String: Double] {
        if config.retry.isEnabled && synthesizer == nil {
            throw RLVRInputError(
                "RLVRConfig.retry is on (R³L) but the trainer has no synthesizer: set `trainer.synthesizer = "
                    + "ReflectThenRetry(reflector: CountdownReflector(), settings: config.retry)` (the CLI does this "
                    + "for --task countdown) or turn it off with --set retry.isEnabled=false")
        }
        if config.lengthPenalty.weighting == .importance && synthesizer == nil {
            throw RLVRInputError(
                "lengthPenalty.weighting is importance (SCMA) but the trainer has no synthesizer: set `trainer."
                    + "synthesizer = try config.compression.synthesizer(penalty: config.lengthPenalty, task: task)` "
                    + "(the CLI does this) or use lengthPenalty.weighting=uniform")
        }
        let start = ContinuousClock.now
        var generated: [RolloutBatch] = [], sampled: [RolloutBatch] = []
        var kept: RolloutBatch?
        var rounds = 0
        var selectionMetrics: [String: Double] = [:]
        repeat {
            let (chosen, chosenMetrics) = try select(try nextPrompts(), using: &rng)
            selectionMetrics.merge(chosenMetrics) { _, new in new }
            rounds += 1
            guard !chosen.isEmpty else { continue }
            var fresh = try rollout(chosen, using: &rng)
            observe(fresh, problems: chosen)
            sampled.append(fresh)
            if let synthesizer {
                var sources = chosen.flatMap { Array(repeating: $0, count: firstAttempts) }
                let report = try synthesizer.synthesize(
                    &fresh, problems: &sources, context: synthesisContext(using: &rng))
                selectionMetrics.merge(report) { _, new in new }
            }
            generated.append(fresh)
            let part =
                config.dynamicSampling
                ? fresh.subset(DynamicSampling.keptIndices(rewards: fresh.rewards, groupIDs: fresh.groupIDs)) : fresh
            kept = kept.map { RLVRTrainer.concatenate($0, part) } ?? part
        } while config.dynamicSampling && Set(kept?.groupIDs ?? []).count < config.promptsPerStep
            && rounds < config.maxGenerationRounds
        // reward, accuracy and lengths describe the policy's own samples; synthesizers report their rows
        var metrics = RLVRTrainer.rolloutMetrics(
            sampled.reduce(into: nil) { acc, b in
                acc = acc.map { RLVRTrainer.concatenate($0, b) } ?? b
            })
        metrics.merge(selectionMetrics) { _, new in new }
        metrics[RLVRMetricNames.rollouts] = Double(generated.reduce(0) { $0 + $1.count })
        guard var batch = kept, batch.count > 0 else {
            metrics["skipped"] = 1
            return metrics
        }
        if config.dynamicSampling {
            let groups = Array(Set(batch.groupIDs)).sorted().prefix(config.promptsPerStep)
            batch = batch.subset(batch.groupIDs.indices.filter { groups.contains(batch.groupIDs[$0]) })
        }
        let trained = try update(batch, using: &rng)
        metrics.merge(trained) { _, new in new }
        let seconds =
            Double((ContinuousClock.now - start).components.attoseconds) / 1e18
            + Double((ContinuousClock.now - start).components.seconds)
        let tokens = generated.reduce(0) { $0 + $1.completions.reduce(0) { $0 + $1.count } }
        metrics[RLVRMetricNames.tokensPerSecond] = Double(tokens) / max(seconds, 1e-9)
        return metrics
    }

    static func concatenate(_ a: RolloutBatch, _ b: RolloutBatch) -> RolloutBatch { a.appending(b) }

    static func rolloutMetrics(_ batch: RolloutBatch?) -> [String: Double] {
        guard let batch, batch.count > 0 else { return [:] }
        let n = Double(batch.count)
        let mean = batch.rewards.reduce(0, +) / n
        return [
            RLVRMetricNames.reward: mean,
            RLVRMetricNames.rewardStd: AdvantageKernels.unbiasedStd(batch.rewards),
            RLVRMetricNames.zeroStdFraction: DynamicSampling.zeroStdFraction(
                rewards: batch.rewards, groupIDs: batch.groupIDs),
            RLVRMetricNames.accuracy: Double(batch.correct.filter { $0 }.count) / n,
            RLVRMetricNames.meanLength: Double(batch.completions.reduce(0) { $0 + $1.count }) / n,
            RLVRMetricNames.clippedRatio: Double(batch.truncated.filter { $0 }.count) / n,
        ]
    }
}

extension RLVRTrainer {
    /// One training step on `promptsPerStep` fresh problems drawn from `task` with `rng` (which also drives
    /// sampling and minibatch shuffling). The belief-based selections (MoPPS, InSight, …) draw
    /// `candidateMultiplier × promptsPerStep` candidates (at least `promptsPerStep`) and choose among them; beliefs
    /// only build up when the task repeats prompts (a finite dataset).
    /// - Returns: metrics named by ``RLVRMetricNames``.
    /// - Throws: tokenizer, generation or shape errors.
    public func step<G: RandomNumberGenerator>(task: some TaskGenerator, using rng: inout G) throws -> [String: Double] {
        var problemRNG = SplitMix64(seed: rng.next())
        let count =
            config.selection.usesBeliefs
            ? config.promptsPerStep * max(1, config.selection.candidateMultiplier) : config.promptsPerStep
        return try step(nextPrompts: { task.problems(count: count, using: &problemRNG) }, using: &rng)
    }
}
