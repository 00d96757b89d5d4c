import Tensor

/// The GPT-2 architecture (Radford et al. 2019): learned absolute positions, pre-LayerNorm blocks, fused
/// query/key/value projection, GELU (tanh form) MLP, final LayerNorm, output projection tied to the token embedding.
///
/// Parameter paths are the Hugging Face `GPT2LMHeadModel` names (`transformer.h.0.attn.c_attn.weight`, …), with
/// the projection weights in the ``Linear`` `[out, in]` layout; ``GPT2Model/load(directory:)`` transposes the
/// checkpoint's `Conv1D` `[in, out]` weights.
public final class GPT2Model: Module, CausalLanguageModel {
    /// Embeddings, blocks and final norm (Hugging Face `transformer`).
    public let transformer: GPT2Transformer
    /// The architecture.
    public let _configuration: GPT2Configuration

    /// A model with weights drawn as Hugging Face initialises GPT-2: N(0, 0.02²) weights and embeddings, zero
    /// biases, unit LayerNorms.
    /// - Throws: ``LanguageModelError`` for an invalid configuration.
    public init<G: RandomNumberGenerator>(
        configuration: GPT2Configuration, using rng: inout G
    ) throws(LanguageModelError) {
        try configuration.validate()
        _configuration = configuration
        transformer = try GPT2Transformer(configuration, initializer: .normal(std: 0.02), using: &rng)
    }

    /// The architecture (from `config.json` or the initialiser).
    public var configuration: GPT2Configuration { _configuration }
    public var vocabularySize: Int { _configuration.vocab_size }
    public var contextLength: Int { _configuration.n_positions }
    public var hiddenSize: Int { _configuration.n_embd }
    public var layerCount: Int { _configuration.n_layer }

    public func hiddenStates(
        ids: [Int], batch: Int, length: Int, keyMask: [Bool]?, positions: [Int]?, cache: inout LanguageModelCache?
    ) -> Tensor {
        precondition(ids.count == batch * length, "GPT2Model: \(ids.count) ids do not fill [\(batch), \(length)]")
        let offset = cache?.length ?? 0
        let rowPositions = positions ?? Array((0..<batch).map { _ in Array(offset..<(offset + length)) }.joined())
        precondition(
            rowPositions.allSatisfy { $0 >= 0 && $0 < contextLength },
            "GPT2Model: positions beyond the context length \(contextLength); shorten the sequence")
        let t = transformer
        var x = t.wte(ids, shape: [batch, length]) + t.wpe(rowPositions, shape: [batch, length])
        if var layers = cache {
            cache = nil  // keep the layer buffers uniquely referenced so they grow in place
            for (i, block) in t.h.enumerated() { x = block(x, keyMask: keyMask, cache: &layers.layers[i]) }
            cache = layers
        } else {
            for block in t.h { x = block(x, keyMask: keyMask) }
        }
        return t.ln_f(x)
    }

    public func outputLogits(_ hidden: Tensor) -> Tensor { linear(hidden, weight: transformer.wte.weight) }
}

/// GPT-2's embeddings, blocks and final LayerNorm (Hugging Face `GPT2Model`).
public final class GPT2Transformer: Module {
    /// Token embedding `[vocab, hidden]`, also the output projection.
    public let wte: Embedding
    /// Learned position embedding `[n_positions, hidden]`.
    public let wpe: Embedding
    /// The transformer blocks.
    public let h: [GPT2Block]
    /// Final LayerNorm.
    public let ln_f: LayerNorm

    init<G: RandomNumberGenerator>(
        _ c: GPT2Configuration, initializer: Initializer, using rng: inout G
    ) throws(LanguageModelError) {
        wte = Embedding(vocabularySize: c.vocab_size, dimension: c.n_embd, initializer: initializer, using: &rng)
        wpe = Embedding(vocabularySize: c.n_positions, dimension: c.n_embd, initializer: initializer, using: &rng)
        var blocks: [GPT2Block] = []
        let activation = try c.activation()
        for _ in 0..<c.n_layer {
            blocks.append(GPT2Block(c, activation: activation, initializer: initializer, using: &rng))
        }
        h = blocks
        ln_f = LayerNorm(c.n_embd, eps: c.layer_norm_epsilon ?? 1e-5)
    }
}

/// One GPT-2 block: `x + attn(ln_1(x))`, then `x + mlp(ln_2(x))`.
public final class GPT2Block: Module {
    public let ln_1: LayerNorm
    /// Causal self-attention with the fused `c_attn`/`c_proj` projections.
    public let attn: MultiHeadAttention
    public let ln_2: LayerNorm
    public let mlp: GPT2MLP

    init<G: RandomNumberGenerator>(
        _ c: GPT2Configuration, activation: GPT2Activation, initializer: Initializer, using rng: inout G
    ) {
        let eps = c.layer_norm_epsilon ?? 1e-5
        ln_1 = LayerNorm(c.n_embd, eps: eps)
        attn = MultiHeadAttention(
            modelDim: c.n_embd, numHeads: c.n_head, projections: .fused, qkvBias: true, outputBias: true,
            initializer: initializer, using: &rng)
        ln_2 = LayerNorm(c.n_embd, eps: eps)
        mlp = GPT2MLP(c.n_embd, c.mlpWidth, activation: activation, initializer: initializer, using: &rng)
    }

    func callAsFunction(_ x: Tensor, keyMask: [Bool]?) -> Tensor {
        let y = x + attn(ln_1(x), keyMask: keyMask)
        return y + mlp(ln_2(y))
    }

    func callAsFunction(_ x: Tensor, keyMask: [Bool]?, cache: inout KeyValueCache) -> Tensor {
        let y = x + attn(ln_1(x), keyMask: keyMask, cache: &cache)
        return y + mlp(ln_2(y))
    }
}

/// GPT-2's MLP: `c_proj(act(c_fc(x)))`.
public final class GPT2MLP: Module {
    public let c_fc: Linear
    public let c_proj: Linear
    let _activation: GPT2Activation

    init<G: RandomNumberGenerator>(
        _ hidden: Int, _ width: Int, activation: GPT2Activation, initializer: Initializer, using rng: inout G
    ) {
        c_fc = Linear(hidden, width, initializer: initializer, using: &rng)
        c_proj = Linear(width, hidden, initializer: initializer, using: &rng)
        _activation = activation
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        let a = c_fc(x)
        let activated: Tensor
        switch _activation {
        case .geluTanh: activated = gelu(a, approximateTanh: true)
        case .gelu: activated = gelu(a)
        case .relu: activated = relu(a)
        }
        return c_proj(activated)
    }
}
