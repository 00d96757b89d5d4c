/// The fields of a Hugging Face Qwen2/Llama/Mistral `config.json` that fix the architecture (names as in the file).
public struct LlamaConfiguration: Codable, Equatable, Sendable {
    /// `qwen2`, `llama` or `mistral`.
    public var model_type: String
    public var vocab_size: Int
    public var hidden_size: Int
    /// SwiGLU MLP width.
    public var intermediate_size: Int
    public var num_hidden_layers: Int
    public var num_attention_heads: Int
    /// Key/value heads for grouped-query attention (default `num_attention_heads`).
    public var num_key_value_heads: Int?
    /// Size of each head (default `hidden_size / num_attention_heads`).
    public var head_dim: Int?
    /// Context length (default 2048).
    public var max_position_embeddings: Int?
    /// RMSNorm ε (default 1e-6).
    public var rms_norm_eps: Double?
    /// RoPE θ (default 10 000).
    public var rope_theta: Double?
    /// Whether `lm_head` is the token embedding (default false).
    public var tie_word_embeddings: Bool?
    /// Biases on q/k/v/o projections (Llama; Qwen2 always has q/k/v biases and no o bias).
    public var attention_bias: Bool?
    /// Biases on the MLP projections (Llama option); only false is supported.
    public var mlp_bias: Bool?
    /// MLP activation, must be `silu`.
    public var hidden_act: String?
    /// RoPE scaling; only absent/null is supported.
    public var rope_scaling: RopeScaling?
    /// RoPE settings as transformers ≥ 5 writes them (`rope_theta`, `rope_type`); only the default type.
    public var rope_parameters: RopeParameters?

    /// The `rope_parameters` entry of transformers ≥ 5.
    public struct RopeParameters: Codable, Equatable, Sendable {
        public var rope_theta: Double?
        public var rope_type: String?
    }

    /// The type of a `rope_scaling` entry (recognised to report it as unsupported).
    public struct RopeScaling: Codable, Equatable, Sendable {
        public var type: String?
        public var rope_type: String?
    }

    /// A configuration for a model built from scratch.
    public init(
        modelType: String = "qwen2", vocabularySize: Int, hiddenSize: Int, mlpWidth: Int, layers: Int, heads: Int,
        keyValueHeads: Int? = nil, contextLength: Int = 2048, rmsNormEpsilon: Double = 1e-6,
        ropeTheta: Double = 1e6, tieWordEmbeddings: Bool = true
    ) {
        model_type = modelType
        vocab_size = vocabularySize
        hidden_size = hiddenSize
        intermediate_size = mlpWidth
        num_hidden_layers = layers
        num_attention_heads = heads
        num_key_value_heads = keyValueHeads
        max_position_embeddings = contextLength
        rms_norm_eps = rmsNormEpsilon
        rope_theta = ropeTheta
        tie_word_embeddings = tieWordEmbeddings
    }

    /// RoPE θ: `rope_theta`, else `rope_parameters.rope_theta`, else 10 000.
    public var ropeTheta: Double { rope_theta ?? rope_parameters?.rope_theta ?? 10_000 }
    /// Key/value heads.
    public var keyValueHeads: Int { num_key_value_heads ?? num_attention_heads }
    /// Head size.
    public var headDim: Int { head_dim ?? hidden_size / max(num_attention_heads, 1) }
    /// Whether q/k/v projections have biases (Qwen2: yes).
    var qkvBias: Bool { model_type == "qwen2" || (attention_bias ?? false) }
    /// Whether the output projection has a bias.
    var outputBias: Bool { model_type != "qwen2" && (attention_bias ?? false) }

    /// A lower bound on the parameter count (embeddings, MLP up-projections, query projections); nil on overflow.
    var impliedParameterCount: Int? {
        GPT2Configuration.product(
            [vocab_size, hidden_size], [num_hidden_layers, hidden_size, intermediate_size],
            [num_hidden_layers, num_attention_heads, headDim, hidden_size])
    }

    /// Checks sizes, the model type and unsupported options.
    /// - Throws: ``LanguageModelError`` naming the bad field.
    public func validate() throws(LanguageModelError) {
        guard ["qwen2", "llama", "mistral"].contains(model_type) else {
            throw LanguageModelError("config: model_type \"\(model_type)\" is not a Llama-family model (qwen2, llama, mistral)")
        }
        for (name, value) in [("vocab_size", vocab_size), ("hidden_size", hidden_size),
                              ("intermediate_size", intermediate_size), ("num_hidden_layers", num_hidden_layers),
                              ("num_attention_heads", num_attention_heads), ("num_key_value_heads", keyValueHeads),
                              ("head_dim", headDim)] where value <= 0 {
            throw LanguageModelError("\(model_type) config: \(name) must be positive, got \(value)")
        }
        guard let parameters = impliedParameterCount, parameters <= GPT2Configuration.maximumParameters,
            (max_position_embeddings ?? 0) <= 1 << 24
        else {
            throw LanguageModelError(
                "\(model_type) config: the sizes imply more than \(GPT2Configuration.maximumParameters) parameters; "
                    + "the sizes are damaged")
        }
        guard num_attention_heads % keyValueHeads == 0 else {
            throw LanguageModelError(
                "\(model_type) config: num_key_value_heads \(keyValueHeads) must divide num_attention_heads \(num_attention_heads)")
        }
        guard head_dim != nil || hidden_size % num_attention_heads == 0, headDim % 2 == 0 else {
            throw LanguageModelError("\(model_type) config: head size \(headDim) must be an even divisor of hidden_size")
        }
        if mlp_bias ?? false {
            throw LanguageModelError("\(model_type) config: mlp_bias true is not supported")
        }
        if let act = hidden_act, act != "silu" {
            throw LanguageModelError("\(model_type) config: hidden_act \"\(act)\" is not supported; only silu")
        }
        if let type = rope_parameters?.rope_type, type != "default" {
            throw LanguageModelError(
                "\(model_type) config: rope_parameters.rope_type \"\(type)\" is not supported; only default RoPE")
        }
        if let scaling = rope_scaling {
            throw LanguageModelError(
                "\(model_type) config: rope_scaling \(scaling.rope_type ?? scaling.type ?? "?") is not supported; remove it or use a model without RoPE scaling")
        }
    }
}
