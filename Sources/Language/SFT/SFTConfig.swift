import Tensor

/// Everything that defines an SFT pretraining run of a small causal LM on synthetic task data
/// (`swiftrl rlvr pretrain`). Defaults make a Qwen2-style 2-layer, d = 64 model in about a minute of release CPU time.
public struct SFTConfig: Codable, Equatable, Sendable {
    /// The decoder architecture of a model built from scratch.
    public enum Architecture: String, Codable, CaseIterable, Sendable {
        /// Qwen2 (RMSNorm, RoPE, SwiGLU, q/k/v biases, tied embeddings).
        case qwen2
        /// GPT-2 (learned positions, LayerNorm, GELU, tied embeddings).
        case gpt2
    }

    /// Architecture.
    public var architecture: Architecture
    /// Transformer blocks.
    public var layers: Int
    /// Residual width d.
    public var hiddenSize: Int
    /// Attention heads (d must be divisible by it; even head size for RoPE).
    public var heads: Int
    /// Key/value heads for Qwen2 grouped-query attention (nil = `heads`).
    public var keyValueHeads: Int?
    /// MLP width (nil: 4d for GPT-2, 3d for Qwen2's SwiGLU).
    public var mlpWidth: Int?
    /// Context length (positions), ≥ the longest prompt + completion.
    public var contextLength: Int
    /// Optimizer steps.
    public var steps: Int
    /// Examples per step.
    public var batchSize: Int
    /// Peak AdamW learning rate (after warm-up; cosine decay to ``finalLearningRate``).
    public var learningRate: Double
    /// Learning rate at the last step.
    public var finalLearningRate: Double
    /// Linear warm-up steps.
    public var warmupSteps: Int
    /// AdamW decoupled weight decay.
    public var weightDecay: Double
    /// Global gradient-norm clip.
    public var maxGradNorm: Double
    /// Mixture of solution styles.
    public var styleMix: StyleMix
    /// Fraction of corrupted examples (wrong answers or malformed answer lines).
    public var noise: Double
    /// Share of corrupted examples that are malformed (the rest have wrong answers).
    public var malformedShare: Double
    /// Seed of initialisation, data and shuffling.
    public var seed: UInt64

    /// A configuration; see the properties for the meaning and defaults.
    public init(
        architecture: Architecture = .qwen2, layers: Int = 2, hiddenSize: Int = 64, heads: Int = 4,
        keyValueHeads: Int? = nil, mlpWidth: Int? = nil, contextLength: Int = 128, steps: Int = 1500,
        batchSize: Int = 32, learningRate: Double = 3e-3, finalLearningRate: Double = 3e-4, warmupSteps: Int = 50,
        weightDecay: Double = 0.01, maxGradNorm: Double = 1, styleMix: StyleMix = .direct, noise: Double = 0,
        malformedShare: Double = 0.5, seed: UInt64 = 0
    ) {
        self.architecture = architecture
        self.layers = layers
        self.hiddenSize = hiddenSize
        self.heads = heads
        self.keyValueHeads = keyValueHeads
        self.mlpWidth = mlpWidth
        self.contextLength = contextLength
        self.steps = steps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.finalLearningRate = finalLearningRate
        self.warmupSteps = warmupSteps
        self.weightDecay = weightDecay
        self.maxGradNorm = maxGradNorm
        self.styleMix = styleMix
        self.noise = noise
        self.malformedShare = malformedShare
        self.seed = seed
    }

    /// The learning-rate schedule: linear warm-up, then cosine from ``learningRate`` to ``finalLearningRate``.
    public var schedule: Schedule {
        .warmup(
            steps: warmupSteps,
            then: .cosine(start: learningRate, end: finalLearningRate, steps: max(steps - warmupSteps, 1)))
    }

    /// Checks the knobs.
    /// - Throws: ``LanguageModelError`` naming the first bad field.
    public func validate() throws(LanguageModelError) {
        func check(_ ok: Bool, _ message: String) throws(LanguageModelError) {
            if !ok { throw LanguageModelError("SFTConfig: \(message)") }
        }
        try check(steps >= 1 && batchSize >= 1, "steps and batchSize must be ≥ 1 (got \(steps), \(batchSize))")
        try check(learningRate > 0 && finalLearningRate >= 0, "learning rates must be positive")
        try check(warmupSteps >= 0, "warmupSteps must be ≥ 0")
        try check((0...1).contains(noise) && (0...1).contains(malformedShare), "noise and malformedShare must be in [0, 1]")
        try check(contextLength >= 8, "contextLength must be ≥ 8")
    }

    /// A new, randomly initialised model for a vocabulary of `vocabularySize` ids.
    /// - Throws: ``LanguageModelError`` for an invalid architecture (e.g. heads not dividing d).
    public func makeModel<G: RandomNumberGenerator>(
        vocabularySize: Int, using rng: inout G
    ) throws(LanguageModelError) -> any CausalLanguageModel {
        switch architecture {
        case .qwen2:
            let c = LlamaConfiguration(
                modelType: "qwen2", vocabularySize: vocabularySize, hiddenSize: hiddenSize,
                mlpWidth: mlpWidth ?? 3 * hiddenSize, layers: layers, heads: heads, keyValueHeads: keyValueHeads,
                contextLength: contextLength, ropeTheta: 10_000, tieWordEmbeddings: true)
            return try LlamaModel(configuration: c, using: &rng)
        case .gpt2:
            let c = GPT2Configuration(
                vocabularySize: vocabularySize, contextLength: contextLength, hiddenSize: hiddenSize, layers: layers,
                heads: heads, mlpWidth: mlpWidth)
            return try GPT2Model(configuration: c, using: &rng)
        }
    }
}
