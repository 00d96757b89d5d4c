/// The keys and values one attention layer has seen so far, for incremental (token-by-token) decoding: each call
/// of ``MultiHeadAttention/callAsFunction(_:cache:)`` appends the new positions, and the next call's queries attend
/// to the whole prefix. A model keeps one cache per layer.
///
/// Keys and values are stored after the rotary embedding, laid out `[batch, length, keyValueHeads, headDim]`.
public struct KeyValueCache: Sendable {
    /// Cached keys `[B, S, Hkv, D]`, nil before the first call.
    public private(set) var keys: Tensor?
    /// Cached values `[B, S, Hkv, D]`, nil before the first call.
    public private(set) var values: Tensor?

    /// An empty cache.
    public init() {}

    /// Number of cached positions S (the position of the next token).
    public var length: Int { keys?.shape[1] ?? 0 }

    /// Appends new keys and values `[B, T, Hkv, D]` along the position axis and returns the full ones.
    /// - Complexity: O((S + T) · B · Hkv · D) (the prefix is copied once per call).
    mutating func append(keys newKeys: Tensor, values newValues: Tensor) -> (keys: Tensor, values: Tensor) {
        if let keys, let values {
            precondition(keys.shape[0] == newKeys.shape[0] && keys.shape[2] == newKeys.shape[2]
                         && keys.shape[3] == newKeys.shape[3],
                         "KeyValueCache: new keys \(newKeys.shape) do not continue cached \(keys.shape)")
            self.keys = concat([keys, newKeys], axis: 1)
            self.values = concat([values, newValues], axis: 1)
        } else {
            self.keys = newKeys
            self.values = newValues
        }
        return (self.keys ?? newKeys, self.values ?? newValues)
    }

    /// Empties the cache (a new sequence).
    public mutating func reset() {
        keys = nil
        values = nil
    }
}
