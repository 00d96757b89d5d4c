/// The fields of a Hugging Face GPT-2 `config.json` that fix the architecture (names as in the file).
public struct GPT2Configuration: Codable, Equatable, Sendable {
    /// Number of token ids.
    public var vocab_size: Int
    /// Number of learned positions (the context length).
    public var n_positions: Int
    /// Hidden size.
    public var n_embd: Int
    /// Number of transformer blocks.
    public var n_layer: Int
    /// Number of attention heads.
    public var n_head: Int
    /// Width of the MLP (default 4 · `n_embd`).
    public var n_inner: Int?
    /// LayerNorm ε (default 1e-5).
    public var layer_norm_epsilon: Double?
    /// MLP activation: `gelu_new` (default), `gelu_pytorch_tanh`, `gelu` or `relu`.
    public var activation_function: String?
    /// Whether the output projection is the token embedding (GPT-2 always ties; default true).
    public var tie_word_embeddings: Bool?

    /// A configuration for a model built from scratch.
    public init(
        vocabularySize: Int, contextLength: Int, hiddenSize: Int, layers: Int, heads: Int,
        mlpWidth: Int? = nil, layerNormEpsilon: Double = 1e-5, activation: String = "gelu_new"
    ) {
        vocab_size = vocabularySize
        n_positions = contextLength
        n_embd = hiddenSize
        n_layer = layers
        n_head = heads
        n_inner = mlpWidth
        layer_norm_epsilon = layerNormEpsilon
        activation_function = activation
        tie_word_embeddings = true
    }

    /// MLP width (4 · hidden size unless set).
    public var mlpWidth: Int { n_inner ?? (n_embd <= Int.max / 4 ? 4 * n_embd : Int.max) }

    /// Checks sizes and the activation name.
    /// - Throws: ``LanguageModelError`` naming the bad field.
    public func validate() throws(LanguageModelError) {
        for (name, value) in [("vocab_size", vocab_size), ("n_positions", n_positions), ("n_embd", n_embd),
                              ("n_layer", n_layer), ("n_head", n_head), ("n_inner", mlpWidth)] where value <= 0 {
            throw LanguageModelError("GPT-2 config: \(name) must be positive, got \(value)")
        }
        // The parameters these sizes imply (token and position embeddings, the MLPs), overflow-checked, so a
        // damaged config.json is an error here rather than a failed allocation of terabytes in the initialiser.
        guard let parameters = impliedParameterCount, parameters <= Self.maximumParameters else {
            throw LanguageModelError(
                "GPT-2 config: vocab_size, n_positions, n_embd, n_layer and n_inner imply more than "
                    + "\(Self.maximumParameters) parameters; the sizes are damaged")
        }
        guard n_embd % n_head == 0 else {
            throw LanguageModelError("GPT-2 config: n_embd \(n_embd) is not divisible by n_head \(n_head)")
        }
        guard tie_word_embeddings ?? true else {
            throw LanguageModelError("GPT-2 config: tie_word_embeddings false is not supported (GPT-2 ties lm_head)")
        }
        _ = try activation()
    }

    /// The MLP activation.
    func activation() throws(LanguageModelError) -> GPT2Activation {
        switch activation_function ?? "gelu_new" {
        case "gelu_new", "gelu_pytorch_tanh", "gelu_fast": return .geluTanh
        case "gelu": return .gelu
        case "relu": return .relu
        case let other:
            throw LanguageModelError(
                "GPT-2 config: activation_function \"\(other)\" is not supported; use gelu_new, gelu_pytorch_tanh, gelu or relu")
        }
    }
}

/// The GPT-2 MLP activations SwiftRL implements.
enum GPT2Activation: Sendable {
    case geluTanh, gelu, relu
}

extension GPT2Configuration {
    /// The most parameters a config may imply (2^36 ≈ 69 billion, beyond any model this CPU library runs).
    public static let maximumParameters = 1 << 36

    /// A lower bound on the parameter count (token and position embeddings, MLP inputs); nil on overflow.
    var impliedParameterCount: Int? {
        Self.product([vocab_size, n_embd], [n_positions, n_embd], [n_layer, n_embd, mlpWidth])
    }

    /// The sum of the products of `factors`, or nil on overflow or a negative factor.
    static func product(_ factors: [Int]...) -> Int? {
        var total = 0
        for group in factors {
            var product = 1
            for factor in group {
                guard factor >= 0 else { return nil }
                let (next, overflow) = product.multipliedReportingOverflow(by: factor)
                guard !overflow else { return nil }
                product = next
            }
            let (sum, overflow) = total.addingReportingOverflow(product)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }
}
