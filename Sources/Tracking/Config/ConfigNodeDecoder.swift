/// Records which keys the config type asked for, so keys it never asked for can be reported as unknown.
final class ConfigKeyLog {
    /// Dotted paths of every key the decoder looked up.
    var known: Set<String> = []
}

/// A coding key for list positions and dotted paths.
struct ConfigIndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Dotted path of a coding path, e.g. `ppo.clipRange` or `layers.0.width`.
func dottedPath(_ path: [any CodingKey]) -> String {
    path.map(\.stringValue).joined(separator: ".")
}

/// A `Decoder` over a ``ConfigNode`` tree. Scalars are parsed when a field asks for a type, and failures throw
/// ``ConfigError`` naming the dotted key, the expected type and the origin of the offending value.
struct ConfigNodeDecoder: Decoder {
    let node: ConfigNode
    let codingPath: [any CodingKey]
    let log: ConfigKeyLog
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func mismatch(_ expected: String) -> ConfigError {
        .typeMismatch(key: dottedPath(codingPath), expected: expected, found: node.summary, origin: node.origin)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let entries) = node.kind else { throw mismatch("a mapping of keys to values") }
        return KeyedDecodingContainer(ConfigKeyedContainer<Key>(decoder: self, entries: entries))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let items) = node.kind else { throw mismatch("a list") }
        return ConfigUnkeyedContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ConfigSingleValueContainer(decoder: self)
    }

    /// A decoder for a child node.
    func child(_ node: ConfigNode, key: any CodingKey) -> ConfigNodeDecoder {
        ConfigNodeDecoder(node: node, codingPath: codingPath + [key], log: log)
    }

    /// Reads the node as a scalar of type `T`.
    func scalar<T: ConfigScalar>(_ type: T.Type) throws -> T {
        guard case .scalar(let text, _) = node.kind, let value = T.parse(text) else { throw mismatch(T.expectation) }
        return value
    }

    /// Whether the node is null (an absent value for optionals).
    var isNull: Bool {
        if case .null = node.kind { return true }
        return false
    }
}

struct ConfigSingleValueContainer: SingleValueDecodingContainer {
    let decoder: ConfigNodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.scalar(type) }
    func decode(_ type: String.Type) throws -> String { try decoder.scalar(type) }
    func decode(_ type: Double.Type) throws -> Double { try decoder.scalar(type) }
    func decode(_ type: Float.Type) throws -> Float { try decoder.scalar(type) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.scalar(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.scalar(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.scalar(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.scalar(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.scalar(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.scalar(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.scalar(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.scalar(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.scalar(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.scalar(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }
}
