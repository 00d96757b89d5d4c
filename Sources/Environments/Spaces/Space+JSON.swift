extension Space {
    /// The space in Minari's JSON form (`minari.serialization.serialize_space`), so offline datasets carry it:
    /// `{"type": "Box", "dtype": "float32", "shape": [4], "low": [...], "high": [...]}`,
    /// `{"type": "Discrete", "dtype": "int64", "start": 0, "n": 2}`, `Dict`/`Tuple` with `"subspaces"`,
    /// `Text` with `max_length`, `min_length`, `charset`; MultiDiscrete/MultiBinary with `nvec`/`start`/`n`.
    public var json: JSONValue {
        switch self {
        case let .box(space):
            return .object([
                ("type", .string("Box")), ("dtype", .string(space.dtype.rawValue)),
                ("shape", .array(space.shape.map { .number(Double($0)) })),
                ("low", nested(space.low, shape: space.shape)), ("high", nested(space.high, shape: space.shape)),
            ])
        case let .discrete(space):
            return .object([
                ("type", .string("Discrete")), ("dtype", .string("int64")),
                ("start", .number(Double(space.start))), ("n", .number(Double(space.n))),
            ])
        case let .multiDiscrete(space):
            return .object([
                ("type", .string("MultiDiscrete")), ("dtype", .string("int64")),
                ("nvec", .array(space.nvec.map { .number(Double($0)) })),
                ("start", .array(space.start.map { .number(Double($0)) })),
            ])
        case let .multiBinary(space):
            return .object([
                ("type", .string("MultiBinary")), ("dtype", .string("int8")),
                ("n", .array(space.shape.map { .number(Double($0)) })),
            ])
        case let .text(space):
            return .object([
                ("type", .string("Text")), ("max_length", .number(Double(space.maxLength))),
                ("min_length", .number(Double(space.minLength))), ("charset", .string(String(space.characters))),
            ])
        case let .tuple(spaces):
            return .object([("type", .string("Tuple")), ("subspaces", .array(spaces.map(\.json)))])
        case let .dict(entries):
            return .object([("type", .string("Dict")), ("subspaces", .object(entries.map { ($0.key, $0.space.json) }))])
        }
    }

    /// Reads a space from Minari's JSON form (see ``json``).
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` naming the missing or malformed field.
    public init(json: JSONValue) throws(EnvironmentError) {
        guard let type = json["type"]?.string else { throw .spaceMismatch("space JSON needs a \"type\" string") }
        func integers(_ key: String) throws(EnvironmentError) -> [Int] {
            func integer(_ number: Double) throws(EnvironmentError) -> Int {
                guard let value = Int(exactly: number), abs(value) <= 1 << 53 else {
                    throw .spaceMismatch("\(type) JSON field \"\(key)\" is \(number); expected integers")
                }
                return value
            }
            if let number = json[key]?.number { return [try integer(number)] }
            guard let values = json[key]?.array else { throw .spaceMismatch("\(type) JSON needs \"\(key)\"") }
            var result: [Int] = []
            for value in values { if let number = value.number { result.append(try integer(number)) } }
            return result
        }
        switch type {
        case "Box":
            let shape = try integers("shape")
            guard let dtype = ScalarType(rawValue: json["dtype"]?.string ?? "float32") else {
                throw .spaceMismatch("Box JSON: unknown dtype \(json["dtype"]?.string ?? "")")
            }
            guard let low = json["low"], let high = json["high"] else {
                throw .spaceMismatch("Box JSON needs \"low\" and \"high\"")
            }
            let count = shape.reduce(1, *)
            var lows = flattenNumbers(low), highs = flattenNumbers(high)
            if lows.count == 1, count != 1 { lows = Array(repeating: lows[0], count: count) }
            if highs.count == 1, count != 1 { highs = Array(repeating: highs[0], count: count) }
            self = .box(try BoxSpace(low: lows, high: highs, shape: shape, dtype: dtype))
        case "Discrete":
            self = .discrete(
                try DiscreteSpace(try integers("n").first ?? 0, start: (try? integers("start"))?.first ?? 0))
        case "MultiDiscrete":
            self = .multiDiscrete(try MultiDiscreteSpace(try integers("nvec"), start: try? integers("start")))
        case "MultiBinary":
            self = .multiBinary(try MultiBinarySpace(shape: try integers("n")))
        case "Text":
            self = .text(
                try TextSpace(
                    minLength: (try? integers("min_length"))?.first ?? 1,
                    maxLength: try integers("max_length").first ?? 0,
                    charset: json["charset"]?.string ?? TextSpace.alphanumeric))
        case "Tuple":
            guard let parts = json["subspaces"]?.array else { throw .spaceMismatch("Tuple JSON needs \"subspaces\"") }
            var spaces: [Space] = []
            for part in parts { spaces.append(try Space(json: part)) }
            self = .tuple(spaces)
        case "Dict":
            guard case let .object(pairs)? = json["subspaces"] else {
                throw .spaceMismatch("Dict JSON needs \"subspaces\" as an object")
            }
            var entries: [String: Space] = [:]
            for (key, part) in pairs { entries[key] = try Space(json: part) }
            self = .dictionary(entries)
        default:
            throw .spaceMismatch(
                "unknown space type \"\(type)\"; expected Box, Discrete, MultiDiscrete, MultiBinary, Text, Tuple or Dict"
            )
        }
    }
}

private func nested(_ values: [Double], shape: [Int]) -> JSONValue {
    guard shape.count > 1 else { return .array(values.map { .number($0) }) }
    let inner = Array(shape.dropFirst())
    let stride = inner.reduce(1, *)
    return .array((0..<shape[0]).map { nested(Array(values[($0 * stride)..<(($0 + 1) * stride)]), shape: inner) })
}

private func flattenNumbers(_ value: JSONValue) -> [Double] {
    switch value {
    case let .number(number): [number]
    case let .array(values): values.flatMap(flattenNumbers)
    default: []
    }
}
