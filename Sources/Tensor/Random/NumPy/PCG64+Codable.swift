extension PCG64: Codable {
    private enum CodingKeys: String, CodingKey {
        case state, increment, bufferedUInt32
    }

    /// Restores a state written by ``encode(to:)``.
    /// - Throws: `DecodingError.dataCorrupted` if `state` or `increment` is not a 128-bit hexadecimal string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let state = try Self.decodeWords(container, .state)
        let increment = try Self.decodeWords(container, .increment)
        let buffered = try container.decodeIfPresent(UInt32.self, forKey: .bufferedUInt32)
        self.init(state: state, increment: increment, bufferedUInt32: buffered)
    }

    /// Encodes as `{"state": "<32 hex digits>", "increment": "<32 hex digits>", "bufferedUInt32": n or absent}`,
    /// the same numbers as NumPy's `bit_generator.state` (`state`, `inc`, `uinteger` when `has_uint32` is 1).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.hex(stateHigh, stateLow), forKey: .state)
        try container.encode(Self.hex(incrementHigh, incrementLow), forKey: .increment)
        if hasBufferedUInt32 {
            try container.encode(bufferedUInt32, forKey: .bufferedUInt32)
        }
    }

    private static func hex(_ high: UInt64, _ low: UInt64) -> String {
        func padded(_ word: UInt64) -> String {
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return padded(high) + padded(low)
    }

    private static func decodeWords(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys
    ) throws -> (high: UInt64, low: UInt64) {
        let text = try container.decode(String.self, forKey: key)
        let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
        guard (1...32).contains(digits.count), digits.allSatisfy(\.isHexDigit) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "PCG64 \(key.stringValue) must be a 128-bit hexadecimal string (up to 32 digits), "
                    + "got \"\(text)\"")
        }
        let split = max(digits.count - 16, 0)
        let high = UInt64(digits.prefix(split), radix: 16) ?? 0
        let low = UInt64(digits.suffix(digits.count - split), radix: 16) ?? 0
        return (high, low)
    }
}
