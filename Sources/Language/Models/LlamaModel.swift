import Tensor

/// The Llama/Qwen2 architecture (Touvron et al. 2023; Qwen2 report 2024): RMSNorm pre-norm blocks, rotary
/// position embeddings (HF `rotate_half`, θ = `rope_theta`), grouped-query attention, SwiGLU MLP
/// `down_proj(silu(gate_proj(x)) · up_proj(x))`, final RMSNorm, `lm_head` tied to the embedding or separate.
/// Qwen2 has biases on the q/k/v projections; Llama has none unless `attention_bias`.
///
/// Parameter paths are the Hugging Face names (`model.layers.0.self_attn.q_proj.weight`, `lm_head.weight`).
public final class LlamaModel: Module, CausalLanguageModel {
    /// Embedding, blocks and final norm (Hugging Face `model`).
    public let model: LlamaBody
    /// Output projection `[vocab, hidden]`; nil when tied to `model.embed_tokens`.
    public let lm_head: Linear?
    public let _configuration: LlamaConfiguration

    /// A model with weights drawn as Hugging Face initialises it: N(0, 0.02²) weights and embeddings, zero
    /// biases, unit norms.
    /// - Throws: ``LanguageModelError`` for an invalid configuration.
    public init<G: RandomNumberGenerator>(
        configuration: LlamaConfiguration, using rng: inout G
    ) throws(LanguageModelError) {
        try configuration.validate()
        _configuration = configuration
        let initializer = Initializer.normal(std: 0.02)
        model = LlamaBody(configuration, initializer: initializer, using: &rng)
        lm_head = configuration.tie_word_embeddings ?? false
            ? nil
            : Linear(configuration.hidden_size, configuration.vocab_size, bias: false, initializer: initializer,
                     using: &rng)
    }

    /// The architecture (from `config.json` or the initialiser).
    public var configuration: LlamaConfiguration { _configuration }
    public var vocabularySize: Int { _configuration.vocab_size }
    public var contextLength: Int { _configuration.max_position_embeddings ?? 2048 }
    public var hiddenSize: Int { _configuration.hidden_size }
    public var layerCount: Int { _configuration.num_hidden_layers }

    public func hiddenStates(
        ids: [Int], batch: Int, length: Int, keyMask: [Bool]?, positions: [Int]?, cache: inout LanguageModelCache?
    ) -> Tensor {
        precondition(ids.count == batch * length, "LlamaModel: \(ids.count) ids do not fill [\(batch), \(length)]")
        let offset = cache?.length ?? 0
        // explicit per-row positions so every layer (with or without cache) rotates the same way
        let rowPositions = positions ?? Array((0..<batch).map { _ in Array(offset..<(offset + length)) }.joined())
        var x = model.embed_tokens(ids, shape: [batch, length])
        if var layers = cache {
            cache = nil  // keep the layer buffers uniquely referenced so they grow in place
            for (i, block) in model.layers.enumerated() {
                x = block(x, keyMask: keyMask, positions: rowPositions, cache: &layers.layers[i])
            }
            cache = layers
        } else {
            for block in model.layers { x = block(x, keyMask: keyMask, positions: rowPositions) }
        }
        return model.norm(x)
    }

    public func outputLogits(_ hidden: Tensor) -> Tensor {
        if let lm_head { return lm_head(hidden) }
        return linear(hidden, weight: model.embed_tokens.weight)
    }
}

/// Llama/Qwen2 embedding, blocks and final norm (Hugging Face `Qwen2Model`/`LlamaModel`).
public final class LlamaBody: Module {
    public let embed_tokens: Embedding
    public let layers: [LlamaBlock]
    public let norm: RMSNorm

    init<G: RandomNumberGenerator>(_ c: LlamaConfiguration, initializer: Initializer, using rng: inout G) {
        embed_tokens = Embedding(
            vocabularySize: c.vocab_size, dimension: c.hidden_size, initializer: initializer, using: &rng)
        var blocks: [LlamaBlock] = []
        for _ in 0..<c.num_hidden_layers { blocks.append(LlamaBlock(c, initializer: initializer, using: &rng)) }
        layers = blocks
        norm = RMSNorm(c.hidden_size, eps: c.rms_norm_eps ?? 1e-6)
    }
}

/// One block: `x + self_attn(input_layernorm(x))`, then `x + mlp(post_attention_layernorm(x))`.
public final class LlamaBlock: Module {
    public let input_layernorm: RMSNorm
    public let self_attn: MultiHeadAttention
    public let post_attention_layernorm: RMSNorm
    public let mlp: SwiGLU

    init<G: RandomNumberGenerator>(_ c: LlamaConfiguration, initializer: Initializer, using rng: inout G) {
        let eps = c.rms_norm_eps ?? 1e-6
        input_layernorm = RMSNorm(c.hidden_size, eps: eps)
        self_attn = MultiHeadAttention(
            modelDim: c.hidden_size, numHeads: c.num_attention_heads, numKeyValueHeads: c.keyValueHeads,
            headDim: c.headDim, projections: .separate, qkvBias: c.qkvBias, outputBias: c.outputBias,
            rotaryBase: c.ropeTheta, initializer: initializer, using: &rng)
        post_attention_layernorm = RMSNorm(c.hidden_size, eps: eps)
        mlp = SwiGLU(c.hidden_size, c.intermediate_size, initializer: initializer, using: &rng)
    }

    func callAsFunction(_ x: Tensor, keyMask: [Bool]?, positions: [Int]) -> Tensor {
        let y = x + self_attn(input_layernorm(x), keyMask: keyMask, positions: positions)
        return y + mlp(post_attention_layernorm(y))
    }

    func callAsFunction(_ x: Tensor, keyMask: [Bool]?, positions: [Int], cache: inout KeyValueCache) -> Tensor {
        let y = x + self_attn(input_layernorm(x), keyMask: keyMask, positions: positions, cache: &cache)
        return y + mlp(post_attention_layernorm(y))
    }
}

/// The gated MLP `down_proj(silu(gate_proj(x)) · up_proj(x))` (Shazeer 2020), without biases.
public final class SwiGLU: Module {
    public let gate_proj: Linear
    public let up_proj: Linear
    public let down_proj: Linear

    init<G: RandomNumberGenerator>(_ hidden: Int, _ width: Int, initializer: Initializer, using rng: inout G) {
        gate_proj = Linear(hidden, width, bias: false, initializer: initializer, using: &rng)
        up_proj = Linear(hidden, width, bias: false, initializer: initializer, using: &rng)
        down_proj = Linear(width, hidden, bias: false, initializer: initializer, using: &rng)
    }

    func callAsFunction(_ x: Tensor) -> Tensor { down_proj(swiGLU(gate: gate_proj(x), up: up_proj(x))) }
}
