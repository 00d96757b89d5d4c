/// Everything that defines one RLVR method: a paper's method is a value of this struct (see the presets in
/// `RLVRConfig+Presets.swift`), never a new trainer.
public struct RLVRConfig: Codable, Equatable, Sendable {
    /// How advantages are formed.
    public var advantage: AdvantageEstimator
    /// Policy loss, aggregation, KL and entropy bonus.
    public var objective: RLVRObjective
    /// G, completions sampled per prompt.
    public var groupSize: Int
    /// Prompts (groups) per training step.
    public var promptsPerStep: Int
    /// μ, passes over each rollout batch (verl `ppo_epochs`, TRL `num_iterations`).
    public var epochs: Int
    /// Minibatches per epoch (optimizer steps per epoch).
    public var miniBatches: Int
    /// AdamW learning rate.
    public var learningRate: Double
    /// AdamW decoupled weight decay.
    public var weightDecay: Double
    /// Global gradient-norm clip (verl `grad_clip` 1.0).
    public var maxGradNorm: Double
    /// Sampling temperature (log-probabilities are computed at the same temperature).
    public var temperature: Double
    /// Nucleus sampling threshold (1 disables).
    public var topP: Double
    /// Top-k sampling (`nil` disables).
    public var topK: Int?
    /// Maximum completion length in tokens (L_max).
    public var maxCompletionLength: Int
    /// DAPO dynamic sampling: drop groups with constant reward and draw more prompts.
    public var dynamicSampling: Bool
    /// Cap on generation rounds per step when dynamic sampling (DAPO `max_num_gen_batches` = 10).
    public var maxGenerationRounds: Int
    /// DAPO soft overlong punishment, `nil` for none.
    public var overlong: OverlongShaping?
    /// Overlong filtering: truncated completions are masked out of the loss (TRL `mask_truncated_completions`).
    public var maskTruncated: Bool
    /// Reward values of the verifier outcomes (correct / wrong answer / malformed). Applied where the task
    /// verifier becomes a reward: ``RLVRRunner`` and `swiftrl rlvr train` wrap the task's verifier in a
    /// ``RewardSchemeVerifier`` with this scheme. ``RLVRTrainer`` itself scores with the reward functions it is
    /// given, so wrap your verifier the same way when you build a trainer directly.
    public var rewards: RewardScheme
    /// Value-loss weight (PPO with a value head only).
    public var valueCoefficient: Double
    /// Value clip range ε_v (verl `cliprange_value` 0.5).
    public var valueClip: Double
    /// Which candidate prompts get groups: uniform, SELF's greedy-fail curation, MoPPS, InSight (``PromptSelection``).
    public var selection: PromptSelection
    /// Spurious / corrupted rewards for the reward-noise studies (``RewardNoise``), default none.
    public var rewardNoise: RewardNoise
    /// ADORA's TAS/TDS advantage reweighting (``ADORAWeighting``), default off (λ = 1).
    public var adora: ADORAWeighting
    /// R³L's positive amplification of advantages (``PositiveAmplification``), default off.
    public var amplification: PositiveAmplification
    /// R³L's reflect-then-retry (``RetrySettings``, used by ``ReflectThenRetry``), default off.
    public var retry: RetrySettings
    /// A length penalty on correct answers: uniform (applied by the trainer) or SCMA's importance-weighted one
    /// (applied by ``SelfCompression``), default none.
    public var lengthPenalty: LengthPenalty
    /// SCMA's chunk scorer and segmenter, used when `lengthPenalty.weighting` is `importance`.
    public var compression: CompressionSettings

    /// Creates a configuration; the defaults are GRPO with TRL's modern defaults (G 8, β 0, token-mean).
    public init(
        advantage: AdvantageEstimator = .grpo, objective: RLVRObjective = RLVRObjective(), groupSize: Int = 8,
        promptsPerStep: Int = 8, epochs: Int = 1, miniBatches: Int = 1, learningRate: Double = 1e-6,
        weightDecay: Double = 0, maxGradNorm: Double = 1, temperature: Double = 1, topP: Double = 1,
        topK: Int? = nil, maxCompletionLength: Int = 64, dynamicSampling: Bool = false, maxGenerationRounds: Int = 10,
        overlong: OverlongShaping? = nil, maskTruncated: Bool = false, rewards: RewardScheme = .binary,
        valueCoefficient: Double = 0.5, valueClip: Double = 0.5, selection: PromptSelection = PromptSelection(),
        rewardNoise: RewardNoise = RewardNoise(), adora: ADORAWeighting = ADORAWeighting(),
        amplification: PositiveAmplification = PositiveAmplification(), retry: RetrySettings = RetrySettings(),
        lengthPenalty: LengthPenalty = LengthPenalty(), compression: CompressionSettings = CompressionSettings()
    ) {
        self.compression = compression
        self.lengthPenalty = lengthPenalty
        self.retry = retry
        self.amplification = amplification
        self.advantage = advantage
        self.objective = objective
        self.groupSize = groupSize
        self.promptsPerStep = promptsPerStep
        self.epochs = epochs
        self.miniBatches = miniBatches
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.maxGradNorm = maxGradNorm
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.maxCompletionLength = maxCompletionLength
        self.dynamicSampling = dynamicSampling
        self.maxGenerationRounds = maxGenerationRounds
        self.overlong = overlong
        self.maskTruncated = maskTruncated
        self.rewards = rewards
        self.valueCoefficient = valueCoefficient
        self.valueClip = valueClip
        self.selection = selection
        self.rewardNoise = rewardNoise
        self.adora = adora
    }

    /// The objective the trainer uses: `seqMeanTokenSumNorm(length: nil)` becomes `maxCompletionLength`.
    public var resolvedObjective: RLVRObjective {
        var out = objective
        if case .seqMeanTokenSumNorm(nil) = out.aggregation {
            out.aggregation = .seqMeanTokenSumNorm(length: maxCompletionLength)
        }
        return out
    }

    /// Checks the knobs.
    /// - Throws: ``RLVRInputError`` naming the first invalid field and its valid range.
    public func validate() throws(RLVRInputError) {
        func check(_ ok: Bool, _ message: String) throws(RLVRInputError) {
            if !ok { throw RLVRInputError("RLVRConfig: \(message)") }
        }
        try check(groupSize >= 1, "groupSize must be ≥ 1 (got \(groupSize))")
        try check(promptsPerStep >= 1, "promptsPerStep must be ≥ 1 (got \(promptsPerStep))")
        try check(epochs >= 1, "epochs must be ≥ 1 (got \(epochs))")
        try check(
            miniBatches >= 1 && miniBatches <= groupSize * promptsPerStep,
            "miniBatches must be in 1...\(groupSize * promptsPerStep) (got \(miniBatches))")
        try check(learningRate > 0, "learningRate must be > 0 (got \(learningRate))")
        try check(temperature > 0, "temperature must be > 0 (got \(temperature))")
        try check(topP > 0 && topP <= 1, "topP must be in (0, 1] (got \(topP))")
        try check(maxCompletionLength >= 1, "maxCompletionLength must be ≥ 1 (got \(maxCompletionLength))")
        try check(maxGenerationRounds >= 1, "maxGenerationRounds must be ≥ 1 (got \(maxGenerationRounds))")
        try check(
            objective.policyLoss.epsilonLow >= 0 && objective.policyLoss.epsilonLow <= 1
                && objective.policyLoss.epsilonHigh >= 0,
            "clip ranges must satisfy 0 ≤ ε_low ≤ 1 and ε_high ≥ 0 (ε_low 1 with a huge ε_high, as PolicyLoss.unclipped, turns clipping off)")
        if let overlong {
            try check(
                overlong.maxLength == maxCompletionLength,
                "overlong.maxLength (\(overlong.maxLength)) must equal maxCompletionLength (\(maxCompletionLength)); "
                    + "change both (e.g. --set maxCompletionLength=40 --set overlong.maxLength=40 --set overlong.buffer=10)")
        }
        if let c = objective.policyLoss.dualClip { try check(c > 1, "dualClip must be > 1 (verl uses 3); got \(c)") }
        try selection.validate()
        try rewardNoise.validate()
        try adora.validate()
        try amplification.validate()
        try retry.validate()
        try lengthPenalty.validate()
        if lengthPenalty.weighting == .importance {
            _ = try RoleTemplate(name: "scorer", template: compression.template, required: ["chunk"])
            try check(compression.samplesPerChunk >= 2, "compression.samplesPerChunk must be ≥ 2 (got \(compression.samplesPerChunk))")
        }
        if let tau = objective.policyLoss.opmdTau {
            try check(tau.isFinite && tau > -1, "policyLoss.opmdTau must be > −1 (R³L uses 1); got \(tau)")
        }
        try objective.siren.validate()
    }
}
