/// The keys and values one attention layer has seen so far, for incremental (token-by-token) decoding: each call
/// of ``MultiHeadAttention/callAsFunction(_:keyMask:positions:cache:)`` appends the new positions, and the next
/// call's queries attend to the whole prefix. A model keeps one cache per layer.
///
/// Keys and values are stored after the rotary embedding in buffers laid out `[batch, capacity, keyValueHeads,
/// headDim]`, of which the first ``length`` positions are valid. Outside differentiation (``withNoGrad(_:)``, the
/// usual generation setting) new positions are written in place and capacity grows by doubling, so decoding `n`
/// tokens copies O(n) rows in total; attention reads the valid prefix without copying. When the new keys are being
/// differentiated, the cache concatenates instead, so gradients reach every cached position.
public struct KeyValueCache: Sendable {
    /// Key buffer `[B, capacity, Hkv, D]`, nil before the first call.
    public private(set) var keyBuffer: Tensor?
    /// Value buffer `[B, capacity, Hkv, D]`, nil before the first call.
    public private(set) var valueBuffer: Tensor?
    /// Number of cached positions S (the position of the next token).
    public private(set) var length = 0
    /// Positions to allocate at the first append (grown by doubling afterwards).
    public var reservedCapacity: Int

    /// An empty cache.
    /// - Parameter capacity: positions to reserve at the first append (e.g. prompt length + max new tokens).
    public init(capacity: Int = 0) { reservedCapacity = capacity }

    /// The valid cached keys `[B, S, Hkv, D]` (a copy), nil when empty.
    public var keys: Tensor? { keyBuffer.map { Self.prefix($0, length) } }
    /// The valid cached values `[B, S, Hkv, D]` (a copy), nil when empty.
    public var values: Tensor? { valueBuffer.map { Self.prefix($0, length) } }

    /// Appends new keys and values `[B, T, Hkv, D]` and returns the buffers with the new valid length.
    /// - Complexity: amortised O(T · B · Hkv · D) in place; O((S + T) · B · Hkv · D) when differentiating.
    mutating func append(keys newKeys: Tensor, values newValues: Tensor) -> (keys: Tensor, values: Tensor, length: Int)
    {
        let (b, t, heads, d) = (newKeys.shape[0], newKeys.shape[1], newKeys.shape[2], newKeys.shape[3])
        if let keyBuffer {
            precondition(
                keyBuffer.shape[0] == b && keyBuffer.shape[2] == heads && keyBuffer.shape[3] == d
                    && keyBuffer.dtype == newKeys.dtype,
                "KeyValueCache: new keys \(newKeys.shape) do not continue cached \(keyBuffer.shape)")
        }
        if newKeys.isTracked || newValues.isTracked {
            // differentiable path: exact-size concatenation recorded on the tape
            if let keyBuffer, let valueBuffer, length > 0 {
                self.keyBuffer = concat([Self.prefix(keyBuffer, length), newKeys], axis: 1)
                self.valueBuffer = concat([Self.prefix(valueBuffer, length), newValues], axis: 1)
            } else {
                keyBuffer = newKeys
                valueBuffer = newValues
            }
            length += t
            return (keyBuffer ?? newKeys, valueBuffer ?? newValues, length)
        }
        let needed = length + t
        let capacity = keyBuffer?.shape[1] ?? 0
        // write in place only into buffers no one else holds (a copied cache must not see this append)
        if needed > capacity || !Self.isUnique(&keyBuffer) || !Self.isUnique(&valueBuffer) {
            let newCapacity = Swift.max(needed, 2 * capacity, reservedCapacity)
            keyBuffer = Self.grown(keyBuffer, length: length, capacity: newCapacity, like: newKeys)
            valueBuffer = Self.grown(valueBuffer, length: length, capacity: newCapacity, like: newValues)
        }
        if let keys = keyBuffer, let values = valueBuffer {
            Self.write(newKeys, into: keys, at: length)
            Self.write(newValues, into: values, at: length)
        }
        length = needed
        return (keyBuffer ?? newKeys, valueBuffer ?? newValues, length)
    }

    /// Empties the cache (a new sequence), keeping nothing.
    public mutating func reset() {
        keyBuffer = nil
        valueBuffer = nil
        length = 0
    }

    /// Whether `buffer` is non-nil and referenced only from here.
    private static func isUnique(_ buffer: inout Tensor?) -> Bool {
        guard var tensor = buffer else { return false }
        buffer = nil
        defer { buffer = tensor }
        return isKnownUniquelyReferenced(&tensor)
    }

    /// Positions `0..<length` of a `[B, capacity, Hkv, D]` buffer.
    private static func prefix(_ buffer: Tensor, _ length: Int) -> Tensor {
        length == buffer.shape[1] ? buffer : buffer.slice(axis: 1, 0..<length)
    }

    /// A new buffer `[B, capacity, Hkv, D]` holding the first `length` positions of `old`.
    private static func grown(_ old: Tensor?, length: Int, capacity: Int, like sample: Tensor) -> Tensor {
        let shape = [sample.shape[0], capacity, sample.shape[2], sample.shape[3]]
        let buffer = Tensor.zeros(shape, dtype: sample.dtype)
        if let old, length > 0 { write(prefix(old, length).detached(), into: buffer, at: 0) }
        return buffer
    }

    /// Copies `rows [B, T, Hkv, D]` into `buffer [B, capacity, Hkv, D]` at position `start`, in place.
    private static func write(_ rows: Tensor, into buffer: Tensor, at start: Int) {
        switch buffer.dtype {
        case .float32: writeTyped(Float.self, rows, buffer, start)
        case .float64: writeTyped(Double.self, rows, buffer, start)
        }
    }

    private static func writeTyped<T: TensorScalar>(_: T.Type, _ rows: Tensor, _ buffer: Tensor, _ start: Int) {
        let (b, t) = (rows.shape[0], rows.shape[1])
        let rowSize = rows.shape[2] * rows.shape[3], capacity = buffer.shape[1]
        let source: [T] = rows.array()
        buffer.mutate(as: T.self) { destination in
            source.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let dst = destination.baseAddress else { return }
                for bi in 0..<b {
                    (dst + (bi * capacity + start) * rowSize).update(from: s + bi * t * rowSize, count: t * rowSize)
                }
            }
        }
    }
}
