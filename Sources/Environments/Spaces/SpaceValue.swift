/// A value of some ``Space``, as used by type-erased environments, the checker, the CLI and serialisation.
///
/// Box, MultiDiscrete and MultiBinary values are row-major arrays of `Double` (float32 values are exactly
/// representable); Discrete values are integers; composites nest.
public indirect enum SpaceValue: Hashable, Sendable, Codable {
    /// An element of a ``DiscreteSpace``.
    case int(Int)
    /// An element of a ``BoxSpace``, ``MultiDiscreteSpace`` or ``MultiBinarySpace``, flattened row-major.
    case array([Double])
    /// An element of a tuple space.
    case tuple([SpaceValue])
    /// An element of a dictionary space.
    case dict([String: SpaceValue])
    /// An element of a ``TextSpace``.
    case text(String)

    /// The integer if this is `.int`.
    public var intValue: Int? {
        if case let .int(value) = self { return value }
        return nil
    }

    /// The array if this is `.array`.
    public var arrayValue: [Double]? {
        if case let .array(value) = self { return value }
        return nil
    }

    /// A short human-readable rendering (used in error messages and the CLI).
    public var summary: String {
        switch self {
        case let .int(value): "\(value)"
        case let .array(values): "[" + values.map { formatNumber($0) }.joined(separator: ", ") + "]"
        case let .tuple(values): "(" + values.map(\.summary).joined(separator: ", ") + ")"
        case let .dict(values):
            "{" + values.keys.sorted().map { "\($0): \(values[$0]?.summary ?? "")" }.joined(separator: ", ") + "}"
        case let .text(value): "\"\(value)\""
        }
    }
}

/// Formats a number without a trailing `.0` for integers.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}

/// Types convertible to and from ``SpaceValue``, so ``AnyEnvironment`` can erase typed environments.
public protocol SpaceValueConvertible {
    /// This value as a ``SpaceValue``.
    var spaceValue: SpaceValue { get }
    /// Converts back; nil when the value has the wrong form.
    init?(spaceValue: SpaceValue)
}

extension Int: SpaceValueConvertible {
    public var spaceValue: SpaceValue { .int(self) }
    public init?(spaceValue: SpaceValue) {
        switch spaceValue {
        case let .int(value): self = value
        case let .array(values) where values.count == 1 && values[0] == values[0].rounded():
            guard let value = Int(exactly: values[0]) else { return nil }
            self = value
        default: return nil
        }
    }
}

extension Float: SpaceValueConvertible {
    public var spaceValue: SpaceValue { .array([Double(self)]) }
    public init?(spaceValue: SpaceValue) {
        guard case let .array(values) = spaceValue, values.count == 1 else { return nil }
        self = Float(values[0])
    }
}

extension Array: SpaceValueConvertible where Element == Float {
    public var spaceValue: SpaceValue { .array(map(Double.init)) }
    public init?(spaceValue: SpaceValue) {
        guard case let .array(values) = spaceValue else { return nil }
        self = values.map(Float.init)
    }
}

extension String: SpaceValueConvertible {
    public var spaceValue: SpaceValue { .text(self) }
    public init?(spaceValue: SpaceValue) {
        guard case let .text(value) = spaceValue else { return nil }
        self = value
    }
}

extension SIMD2: SpaceValueConvertible where Scalar == Float {
    public var spaceValue: SpaceValue { .array([Double(x), Double(y)]) }
    public init?(spaceValue: SpaceValue) {
        guard case let .array(values) = spaceValue, values.count == 2 else { return nil }
        self.init(Float(values[0]), Float(values[1]))
    }
}

extension SIMD3: SpaceValueConvertible where Scalar == Float {
    public var spaceValue: SpaceValue { .array([Double(x), Double(y), Double(z)]) }
    public init?(spaceValue: SpaceValue) {
        guard case let .array(values) = spaceValue, values.count == 3 else { return nil }
        self.init(Float(values[0]), Float(values[1]), Float(values[2]))
    }
}

extension SIMD4: SpaceValueConvertible where Scalar == Float {
    public var spaceValue: SpaceValue { .array([Double(x), Double(y), Double(z), Double(w)]) }
    public init?(spaceValue: SpaceValue) {
        guard case let .array(values) = spaceValue, values.count == 4 else { return nil }
        self.init(Float(values[0]), Float(values[1]), Float(values[2]), Float(values[3]))
    }
}

extension SpaceValue: SpaceValueConvertible {
    public var spaceValue: SpaceValue { self }
    public init?(spaceValue: SpaceValue) { self = spaceValue }
}

extension SpaceValue {
    /// Whether any number in the value (recursively) is NaN; checkers report it by name.
    public var containsNaN: Bool {
        switch self {
        case .int, .text: false
        case let .array(values): values.contains(where: \.isNaN)
        case let .tuple(values): values.contains(where: \.containsNaN)
        case let .dict(values): values.values.contains(where: \.containsNaN)
        }
    }
}
