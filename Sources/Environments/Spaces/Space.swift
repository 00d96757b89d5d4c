/// A Gymnasium space: the set observations or actions are drawn from.
///
/// Fundamental spaces are ``BoxSpace``, ``DiscreteSpace``, ``MultiDiscreteSpace``, ``MultiBinarySpace`` and
/// ``TextSpace``; `tuple` and `dict` compose them. Dictionary keys are kept sorted, as Gymnasium sorts them.
/// Sampling with Gymnasium's seeding is done by ``SpaceSampler``; flattening by ``flatten(_:)``.
public indirect enum Space: Hashable, Sendable, Codable {
    case box(BoxSpace)
    case discrete(DiscreteSpace)
    case multiDiscrete(MultiDiscreteSpace)
    case multiBinary(MultiBinarySpace)
    case text(TextSpace)
    case tuple([Space])
    /// Sub-spaces keyed by name, sorted by key.
    case dict([DictEntry])

    /// One named sub-space of a dictionary space.
    public struct DictEntry: Hashable, Sendable, Codable {
        /// The key.
        public var key: String
        /// The sub-space.
        public var space: Space

        /// Creates an entry.
        public init(key: String, space: Space) {
            self.key = key
            self.space = space
        }
    }

    /// A dictionary space with keys sorted like Gymnasium's `Dict`.
    public static func dictionary(_ entries: [String: Space]) -> Space {
        .dict(entries.keys.sorted().compactMap { key in entries[key].map { DictEntry(key: key, space: $0) } })
    }

    /// The Gymnasium class name (`"Box"`, `"Discrete"`, …).
    public var typeName: String {
        switch self {
        case .box: "Box"
        case .discrete: "Discrete"
        case .multiDiscrete: "MultiDiscrete"
        case .multiBinary: "MultiBinary"
        case .text: "Text"
        case .tuple: "Tuple"
        case .dict: "Dict"
        }
    }

    /// Whether `value` is an element of this space (shape, type and bounds).
    public func contains(_ value: SpaceValue) -> Bool {
        switch (self, value) {
        case let (.discrete(space), .int(integer)): return space.contains(integer)
        case let (.box(space), .array(values)): return space.contains(values)
        case let (.box(space), .int(integer)): return space.count == 1 && space.contains([Double(integer)])
        case let (.multiDiscrete(space), .array(values)): return space.contains(values)
        case let (.multiBinary(space), .array(values)): return space.contains(values)
        case let (.text(space), .text(text)): return space.contains(text)
        case let (.tuple(spaces), .tuple(values)):
            return spaces.count == values.count && zip(spaces, values).allSatisfy { $0.contains($1) }
        case let (.dict(entries), .dict(values)):
            return entries.count == values.count
                && entries.allSatisfy { entry in values[entry.key].map { entry.space.contains($0) } ?? false }
        default: return false
        }
    }

    /// Why `value` is not in this space, or nil when it is. Used in checker and wrapper error messages.
    public func mismatch(_ value: SpaceValue) -> String? {
        if value.containsNaN { return "\(value.summary) contains NaN (not an element of \(description))" }
        return contains(value) ? nil : "\(value.summary) is not an element of \(description)"
    }

    /// The number of entries of ``flatten(_:)`` (Gymnasium's `flatdim`); nil for `Text`.
    public var flatDimension: Int? {
        switch self {
        case let .box(space): space.count
        case let .discrete(space): space.n
        case let .multiDiscrete(space): space.nvec.reduce(0, +)
        case let .multiBinary(space): space.count
        case .text: nil
        case let .tuple(spaces):
            spaces.reduce(Optional(0)) { total, space in
                total.flatMap { t in space.flatDimension.map { t + $0 } }
            }
        case let .dict(entries):
            entries.reduce(Optional(0)) { total, entry in
                total.flatMap { t in entry.space.flatDimension.map { t + $0 } }
            }
        }
    }

    /// Flattens a value like `gymnasium.spaces.flatten`: boxes ravel, discrete values become one-hot vectors,
    /// multi-discrete values concatenated one-hots, composites concatenate their parts.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when the value is not in the space or the space is `Text`.
    public func flatten(_ value: SpaceValue) throws(EnvironmentError) -> [Double] {
        switch (self, value) {
        case let (.box(space), .array(values)) where values.count == space.count: return values
        case let (.multiBinary(space), .array(values)) where values.count == space.count: return values
        case let (.discrete(space), .int(integer)) where space.contains(integer):
            var result = [Double](repeating: 0, count: space.n)
            result[integer - space.start] = 1
            return result
        case let (.multiDiscrete(space), .array(values)) where space.contains(values):
            var result: [Double] = []
            for index in space.nvec.indices {
                var part = [Double](repeating: 0, count: space.nvec[index])
                part[Int(values[index]) - space.start[index]] = 1
                result += part
            }
            return result
        case let (.tuple(spaces), .tuple(values)) where spaces.count == values.count:
            var result: [Double] = []
            for (space, part) in zip(spaces, values) { result += try space.flatten(part) }
            return result
        case let (.dict(entries), .dict(values)):
            var result: [Double] = []
            for entry in entries {
                guard let part = values[entry.key] else { throw .spaceMismatch("missing key `\(entry.key)`") }
                result += try entry.space.flatten(part)
            }
            return result
        case (.text, _): throw .spaceMismatch("Text spaces cannot be flattened to numbers")
        default: throw .spaceMismatch(mismatch(value) ?? "cannot flatten \(value.summary)")
        }
    }

    /// Inverts ``flatten(_:)`` (`gymnasium.spaces.unflatten`); one-hot parts map back to their index.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` when `flat` has the wrong length or the space is `Text`.
    public func unflatten(_ flat: [Double]) throws(EnvironmentError) -> SpaceValue {
        guard let dimension = flatDimension else { throw .spaceMismatch("Text spaces cannot be unflattened") }
        guard flat.count == dimension else {
            throw .spaceMismatch("unflatten: got \(flat.count) numbers but \(typeName) needs \(dimension)")
        }
        var offset = 0
        return try unflatten(flat, offset: &offset)
    }

    private func unflatten(_ flat: [Double], offset: inout Int) throws(EnvironmentError) -> SpaceValue {
        switch self {
        case let .box(space):
            defer { offset += space.count }
            return .array(Array(flat[offset..<(offset + space.count)]))
        case let .multiBinary(space):
            defer { offset += space.count }
            return .array(Array(flat[offset..<(offset + space.count)]))
        case let .discrete(space):
            defer { offset += space.n }
            return .int(space.start + argmax(flat[offset..<(offset + space.n)]))
        case let .multiDiscrete(space):
            var values: [Double] = []
            for index in space.nvec.indices {
                values.append(Double(space.start[index] + argmax(flat[offset..<(offset + space.nvec[index])])))
                offset += space.nvec[index]
            }
            return .array(values)
        case .text: throw .spaceMismatch("Text spaces cannot be unflattened")
        case let .tuple(spaces):
            var values: [SpaceValue] = []
            for space in spaces { values.append(try space.unflatten(flat, offset: &offset)) }
            return .tuple(values)
        case let .dict(entries):
            var values: [String: SpaceValue] = [:]
            for entry in entries { values[entry.key] = try entry.space.unflatten(flat, offset: &offset) }
            return .dict(values)
        }
    }

    /// The flattened space (`gymnasium.spaces.flatten_space`): a float box for numeric spaces.
    /// - Throws: ``EnvironmentError/spaceMismatch(_:)`` for `Text`.
    public func flattened() throws(EnvironmentError) -> BoxSpace {
        switch self {
        case let .box(space): return try BoxSpace(low: space.low, high: space.high, dtype: space.dtype)
        default:
            guard let dimension = flatDimension else { throw .spaceMismatch("Text spaces cannot be flattened") }
            var low: [Double] = [], high: [Double] = []
            try collectBounds(low: &low, high: &high)
            guard low.count == dimension else { throw .spaceMismatch("internal: flattened bounds mismatch") }
            return try BoxSpace(low: low, high: high, dtype: .float32)
        }
    }

    private func collectBounds(low: inout [Double], high: inout [Double]) throws(EnvironmentError) {
        switch self {
        case let .box(space): low += space.low; high += space.high
        case let .multiBinary(space):
            low += Array(repeating: 0, count: space.count); high += Array(repeating: 1, count: space.count)
        case let .discrete(space):
            low += Array(repeating: 0, count: space.n); high += Array(repeating: 1, count: space.n)
        case let .multiDiscrete(space):
            let total = space.nvec.reduce(0, +)
            low += Array(repeating: 0, count: total); high += Array(repeating: 1, count: total)
        case .text: throw .spaceMismatch("Text spaces cannot be flattened")
        case let .tuple(spaces): for space in spaces { try space.collectBounds(low: &low, high: &high) }
        case let .dict(entries): for entry in entries { try entry.space.collectBounds(low: &low, high: &high) }
        }
    }
}

private func argmax(_ values: ArraySlice<Double>) -> Int {
    var best = values.startIndex
    for index in values.indices where values[index] > values[best] { best = index }
    return best - values.startIndex
}
