import Tensor

/// A decoder-only (causal) transformer language model: token ids in, next-token logits out.
///
/// Conforming types (``GPT2Model``, ``LlamaModel`` for Qwen2/Llama) are ``Module``s, so their parameters have
/// Hugging Face names, train with the usual optimizers and save/load as safetensors.
///
/// Shapes and conventions used by every method:
/// - `ids` is a row-major `[batch, length]` grid flattened to `batch · length` ids.
/// - `keyMask` (optional) is `[batch, keyLength]` row-major, false at padding tokens, which are never attended
///   to. Without a cache `keyLength = length`; with a cache it covers the cached prefix as well,
///   `keyLength = cache.length + length`. Generation left-pads prompts and passes a mask.
/// - `positions` (optional) gives each new token's position, `[batch, length]` row-major (Hugging Face
///   `position_ids`, e.g. `cumsum(mask) − 1` for left padding); default `cache.length ..< cache.length + length`
///   for every row.
/// - The result of ``logits(ids:batch:length:keyMask:positions:)`` is `[batch, length, vocabularySize]`: row `t`
///   scores the token that follows position `t`.
///
/// Incremental decoding: make a ``LanguageModelCache`` with ``makeCache(capacity:)``, call
/// ``logits(ids:batch:length:keyMask:positions:cache:)`` with the prompt, then with one new token per row at a
/// time; the logits equal those of one full call on the whole sequence. Outside ``withNoGrad(_:)`` everything
/// is differentiable (the RLVR trainer computes log-probabilities of sampled completions this way).
public protocol CausalLanguageModel: Module {
    /// Number of token ids (rows of the embedding, columns of the logits).
    var vocabularySize: Int { get }
    /// Longest sequence the model supports (learned positions for GPT-2; `max_position_embeddings` for RoPE
    /// models, which can run longer at degraded quality).
    var contextLength: Int { get }
    /// Width of the residual stream (the last dimension of ``hiddenStates(ids:batch:length:keyMask:positions:cache:)``).
    var hiddenSize: Int { get }
    /// Number of transformer blocks (one key/value cache each).
    var layerCount: Int { get }

    /// The final hidden states `[batch, length, hiddenSize]` after the last normalisation, before the output
    /// projection (a value head reads these).
    /// - Parameter cache: nil for a full forward pass; otherwise the per-layer caches, extended by `length`.
    func hiddenStates(
        ids: [Int], batch: Int, length: Int, keyMask: [Bool]?, positions: [Int]?, cache: inout LanguageModelCache?
    ) -> Tensor

    /// Logits `[..., vocabularySize]` of hidden states `[..., hiddenSize]` (the language-model head, tied to the
    /// embedding or separate).
    func outputLogits(_ hidden: Tensor) -> Tensor
}

/// The key/value caches of every layer of a ``CausalLanguageModel`` for incremental decoding.
public struct LanguageModelCache: Sendable {
    /// One cache per transformer block.
    public var layers: [KeyValueCache]

    /// Empty caches for `layerCount` layers, reserving `capacity` positions at the first append.
    public init(layerCount: Int, capacity: Int = 0) {
        layers = Array(repeating: KeyValueCache(capacity: capacity), count: layerCount)
    }

    /// Number of cached positions (the position of the next token).
    public var length: Int { layers.first?.length ?? 0 }
}

extension CausalLanguageModel {
    /// Empty per-layer caches for this model.
    /// - Parameter capacity: positions to reserve (e.g. prompt length + max new tokens).
    public func makeCache(capacity: Int = 0) -> LanguageModelCache {
        LanguageModelCache(layerCount: layerCount, capacity: capacity)
    }

    /// Logits `[batch, length, vocabularySize]` of a full forward pass (see ``CausalLanguageModel`` for shapes).
    public func logits(
        ids: [Int], batch: Int, length: Int, keyMask: [Bool]? = nil, positions: [Int]? = nil
    ) -> Tensor {
        var noCache: LanguageModelCache? = nil
        return outputLogits(
            hiddenStates(ids: ids, batch: batch, length: length, keyMask: keyMask, positions: positions, cache: &noCache))
    }

    /// Logits `[batch, length, vocabularySize]` of `length` new tokens per row after the cached prefix; appends
    /// their keys and values to `cache`. `keyMask`, if given, is `[batch, cache.length + length]`.
    public func logits(
        ids: [Int], batch: Int, length: Int, keyMask: [Bool]? = nil, positions: [Int]? = nil,
        cache: inout LanguageModelCache
    ) -> Tensor {
        var optional: LanguageModelCache? = cache
        // release our copy so the layers' buffers stay uniquely referenced and grow in place
        cache = LanguageModelCache(layerCount: 0)
        let hidden = hiddenStates(
            ids: ids, batch: batch, length: length, keyMask: keyMask, positions: positions, cache: &optional)
        cache = optional ?? LanguageModelCache(layerCount: layerCount)
        return outputLogits(hidden)
    }
}
