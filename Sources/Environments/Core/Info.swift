/// A value in an info dictionary (Gymnasium's `info`).
public indirect enum InfoValue: Hashable, Sendable, Codable {
    /// An integer.
    case int(Int)
    /// A real number.
    case double(Double)
    /// A flag.
    case bool(Bool)
    /// A string.
    case string(String)
    /// A vector of real numbers.
    case doubles([Double])
    /// A value of some space (e.g. a final observation).
    case value(SpaceValue)
    /// A nested dictionary (e.g. `episode` statistics or `final_info`).
    case dictionary([String: InfoValue])

    /// The value as a `Double` if it is numeric.
    public var doubleValue: Double? {
        switch self {
        case let .int(value): Double(value)
        case let .double(value): value
        case let .bool(value): value ? 1 : 0
        default: nil
        }
    }
}

/// Gymnasium's `info` dictionary.
public typealias Info = [String: InfoValue]
