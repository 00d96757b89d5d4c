/// Keyed access to a config mapping; every key looked up is logged as known.
struct ConfigKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ConfigNodeDecoder
    let entries: [ConfigNode.Entry]
    var codingPath: [any CodingKey] { decoder.codingPath }

    /// For fixed-key types (enums with associated values; structs never ask), keys given by the user win over
    /// the defaults', so naming another enum case switches to it. Open-key types (dictionaries) see all keys.
    var allKeys: [Key] {
        let isFixedKeyType = Key(stringValue: "\u{1}any key") == nil
        let given = entries.filter { $0.value.containsUserValue }
        let chosen = isFixedKeyType && !given.isEmpty ? given : entries
        return chosen.compactMap { Key(stringValue: $0.key) }
    }

    private func note(_ key: Key) {
        decoder.log.known.insert(dottedPath(codingPath + [key]))
    }

    private func entry(_ key: Key) -> ConfigNode? {
        note(key)
        return entries.first { $0.key == key.stringValue }?.value
    }

    private func childDecoder(_ key: Key) throws -> ConfigNodeDecoder {
        guard let node = entry(key) else { throw ConfigError.missingKey(key: dottedPath(codingPath + [key])) }
        return decoder.child(node, key: key)
    }

    func contains(_ key: Key) -> Bool { entry(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let node = entry(key) else { return true }
        if case .null = node.kind { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try T(from: childDecoder(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try childDecoder(key).scalar(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try childDecoder(key).scalar(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try childDecoder(key).scalar(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try childDecoder(key).scalar(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try childDecoder(key).scalar(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try childDecoder(key).scalar(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try childDecoder(key).scalar(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try childDecoder(key).scalar(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try childDecoder(key).scalar(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try childDecoder(key).scalar(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try childDecoder(key).scalar(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try childDecoder(key).scalar(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try childDecoder(key).scalar(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try childDecoder(key).scalar(type) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try childDecoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try childDecoder(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        decoder.child(
            ConfigNode(kind: .mapping(entries), origin: decoder.node.origin), key: ConfigIndexKey(stringValue: "super"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try childDecoder(key) }
}

/// Sequential access to a config list.
struct ConfigUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: ConfigNodeDecoder
    let items: [ConfigNode]
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(decoder: ConfigNodeDecoder, items: [ConfigNode]) {
        self.decoder = decoder
        self.items = items
    }

    private mutating func next() throws -> ConfigNodeDecoder {
        guard !isAtEnd else {
            throw ConfigError.typeMismatch(
                key: dottedPath(codingPath), expected: "a list with more than \(items.count) elements",
                found: "\(items.count)", origin: decoder.node.origin)
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], key: ConfigIndexKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex].kind else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().scalar(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().scalar(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().scalar(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next().scalar(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().scalar(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().scalar(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().scalar(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().scalar(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().scalar(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().scalar(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().scalar(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().scalar(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().scalar(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().scalar(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}
