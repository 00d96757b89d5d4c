/// How the query/key/value projections are stored, which also fixes the parameter names.
public enum AttentionProjections: String, Codable, Sendable, CaseIterable {
    /// Separate `q_proj`, `k_proj`, `v_proj` and output `o_proj` (Hugging Face Llama/Qwen2 names).
    case separate
    /// One fused `c_attn` producing `[q | k | v]` and output `c_proj` (GPT-2 names). Weights use the `Linear`
    /// `[out, in]` layout; GPT-2 checkpoints store their `Conv1D` weights as `[in, out]`, so transpose on load.
    case fused
}

/// Multi-head self-attention (Vaswani et al. 2017) with an optional causal mask, grouped-query attention
/// (Ainslie et al. 2023: `numKeyValueHeads` < `numHeads`, each key/value head shared by a group of query heads,
/// as Hugging Face `repeat_kv`), optional rotary position embeddings (HF `rotate_half` convention) and a
/// ``KeyValueCache`` for incremental decoding.
///
/// Inputs are `[batch, T, modelDim]`. Projections are one `matmul` each; attention runs in the projection layout
/// `[batch, T, heads, headDim]` through
/// ``scaledDotProductAttention(query:key:value:scale:causal:keyMask:keyLength:)`` (per-head GEMMs with strided
/// rows, fused causal softmax, no head permutes). Padded batches pass a key mask and per-row rotary positions.
public final class MultiHeadAttention: Module {
    /// Query projection `[H·D, modelDim]` (separate layout; nil when fused).
    public let q_proj: Linear?
    /// Key projection `[Hkv·D, modelDim]` (separate layout).
    public let k_proj: Linear?
    /// Value projection `[Hkv·D, modelDim]` (separate layout).
    public let v_proj: Linear?
    /// Output projection `[modelDim, H·D]` (separate layout).
    public let o_proj: Linear?
    /// Fused query/key/value projection `[(H + 2·Hkv)·D, modelDim]` (fused layout; nil when separate).
    public let c_attn: Linear?
    /// Output projection `[modelDim, H·D]` (fused layout).
    public let c_proj: Linear?

    /// Number of query heads H.
    public let numHeads: Int
    /// Number of key/value heads (H for standard attention, fewer for grouped-query attention).
    public let numKeyValueHeads: Int
    /// Size of each head D.
    public let headDim: Int
    /// θ for rotary embeddings, or nil for none (GPT-2 uses learned absolute positions instead).
    public let rotaryBase: Double?
    /// Whether query i only attends to keys at positions ≤ i.
    public let isCausal: Bool

    /// - Parameters:
    ///   - modelDim: width of the input and output.
    ///   - numHeads: query heads H.
    ///   - numKeyValueHeads: key/value heads (must divide `numHeads`); default `numHeads`.
    ///   - headDim: size per head; default `modelDim / numHeads`.
    ///   - projections: separate (Llama/Qwen2) or fused (GPT-2) projections.
    ///   - qkvBias: biases on the query/key/value projections (GPT-2 and Qwen2: true, Llama: false).
    ///   - outputBias: bias on the output projection (GPT-2: true, Qwen2/Llama: false).
    ///   - rotaryBase: θ for rotary embeddings (Qwen2 1e6, Llama 1e4), nil for none.
    ///   - causal: apply the causal mask (default true).
    ///   - initializer: projection weight initialiser (default PyTorch's `nn.Linear`).
    ///   - dtype: element type.
    ///   - rng: generator for the initial weights.
    public init<G: RandomNumberGenerator>(
        modelDim: Int, numHeads: Int, numKeyValueHeads: Int? = nil, headDim: Int? = nil,
        projections: AttentionProjections = .separate, qkvBias: Bool = true, outputBias: Bool = true,
        rotaryBase: Double? = nil, causal: Bool = true, initializer: Initializer = .pytorchDefault,
        dtype: DType = .float32, using rng: inout G
    ) {
        let kvHeads = numKeyValueHeads ?? numHeads
        precondition(
            numHeads > 0 && kvHeads > 0 && numHeads % kvHeads == 0,
            "MultiHeadAttention: numKeyValueHeads \(kvHeads) must divide numHeads \(numHeads)")
        let d = headDim ?? modelDim / numHeads
        precondition(
            d > 0 && (headDim != nil || modelDim % numHeads == 0),
            "MultiHeadAttention: modelDim \(modelDim) is not divisible by numHeads \(numHeads); pass headDim")
        precondition(
            rotaryBase == nil || d % 2 == 0, "MultiHeadAttention: rotary embeddings need an even headDim, got \(d)")
        self.numHeads = numHeads
        self.numKeyValueHeads = kvHeads
        self.headDim = d
        self.rotaryBase = rotaryBase
        self.isCausal = causal
        let qWidth = numHeads * d, kvWidth = kvHeads * d
        func make(_ inputs: Int, _ outputs: Int, _ bias: Bool) -> Linear {
            Linear(inputs, outputs, bias: bias, initializer: initializer, dtype: dtype, using: &rng)
        }
        switch projections {
        case .separate:
            q_proj = make(modelDim, qWidth, qkvBias)
            k_proj = make(modelDim, kvWidth, qkvBias)
            v_proj = make(modelDim, kvWidth, qkvBias)
            o_proj = make(qWidth, modelDim, outputBias)
            c_attn = nil
            c_proj = nil
        case .fused:
            c_attn = make(modelDim, qWidth + 2 * kvWidth, qkvBias)
            c_proj = make(qWidth, modelDim, outputBias)
            q_proj = nil
            k_proj = nil
            v_proj = nil
            o_proj = nil
        }
    }

    /// Attention over the whole sequence `x [B, T, modelDim]`, e.g. for training.
    ///
    /// - Parameters:
    ///   - x: `[B, T, modelDim]`.
    ///   - keyMask: optional `[B, T]` row-major, false at padding tokens (they are never attended to).
    ///   - positions: optional rotary positions, `T` shared or `[B, T]` per row (Hugging Face `position_ids`,
    ///     e.g. `cumsum(mask) − 1` for left padding); default `0..<T`.
    /// - Complexity: O(B·T·modelDim·H·D) for the projections plus O(B·H·T²·D) for attention.
    public func callAsFunction(_ x: Tensor, keyMask: [Bool]? = nil, positions: [Int]? = nil) -> Tensor {
        var unused = KeyValueCache()
        return forward(x, keyMask: keyMask, positions: positions, cache: &unused, useCache: false)
    }

    /// Attention of the new tokens `x [B, T, modelDim]` (positions `cache.length ..< cache.length + T`) over the
    /// cached prefix and themselves; appends their keys and values to `cache`. Decoding one token at a time this
    /// way gives the same outputs as one full call on the whole sequence.
    ///
    /// - Parameters:
    ///   - x: `[B, T, modelDim]`.
    ///   - keyMask: optional `[B, cache.length + T]`, false at padding tokens of the prefix or the new tokens.
    ///   - positions: optional rotary positions for the new tokens, `T` or `[B, T]`.
    ///   - cache: the layer's cache, extended by T positions.
    public func callAsFunction(
        _ x: Tensor, keyMask: [Bool]? = nil, positions: [Int]? = nil, cache: inout KeyValueCache
    ) -> Tensor {
        forward(x, keyMask: keyMask, positions: positions, cache: &cache, useCache: true)
    }

    private func forward(
        _ x: Tensor, keyMask: [Bool]?, positions: [Int]?, cache: inout KeyValueCache, useCache: Bool
    ) -> Tensor {
        precondition(x.rank == 3, "MultiHeadAttention: input must be [batch, T, modelDim], got \(x.shape)")
        let b = x.shape[0], t = x.shape[1]
        let h = numHeads, kvh = numKeyValueHeads, d = headDim
        var (q, k, v) = project(x)
        q = q.reshaped([b, t, h, d])
        k = k.reshaped([b, t, kvh, d])
        v = v.reshaped([b, t, kvh, d])
        let offset = useCache ? cache.length : 0
        if let rotaryBase {
            let p = positions ?? Array(offset..<(offset + t))
            q = applyRotaryEmbedding(q, positions: p, base: rotaryBase)
            k = applyRotaryEmbedding(k, positions: p, base: rotaryBase)
        }
        var keyLength = t
        if useCache { (k, v, keyLength) = cache.append(keys: k, values: v) }
        let context = scaledDotProductAttention(
            query: q, key: k, value: v, causal: isCausal, keyMask: keyMask,
            keyLength: keyLength)
        let merged = context.reshaped([b, t, h * d])
        if let o_proj { return o_proj(merged) }
        if let c_proj { return c_proj(merged) }
        return merged
    }

    /// Queries `[B, T, H·D]`, keys and values `[B, T, Hkv·D]`.
    private func project(_ x: Tensor) -> (Tensor, Tensor, Tensor) {
        if let q_proj, let k_proj, let v_proj { return (q_proj(x), k_proj(x), v_proj(x)) }
        guard let c_attn else { return (x, x, x) }
        // three products with row blocks of the fused weight: cheaper backward than splitting the fused output
        let qWidth = numHeads * headDim, kvWidth = numKeyValueHeads * headDim
        let ranges = [0..<qWidth, qWidth..<(qWidth + kvWidth), (qWidth + kvWidth)..<(qWidth + 2 * kvWidth)]
        let parts = ranges.map { r in
            linear(x, weight: c_attn.weight.slice(axis: 0, r), bias: c_attn.bias?.slice(axis: 0, r))
        }
        return (parts[0], parts[1], parts[2])
    }
}
