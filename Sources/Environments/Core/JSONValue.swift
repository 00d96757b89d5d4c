/// A small JSON value used for Minari-style space serialisation, fixtures and CLI output.
///
/// It reads and writes `Infinity`, `-Infinity` and `NaN` the way Python's `json` module does, which plain
/// JSON parsers reject (Minari writes unbounded Box limits that way).
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Keys in insertion order.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialized())
    }

    /// The value for `key` if this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The number if this is a number.
    public var number: Double? {
        if case let .number(value) = self { return value }
        return nil
    }

    /// The string if this is a string.
    public var string: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// The elements if this is an array.
    public var array: [JSONValue]? {
        if case let .array(value) = self { return value }
        return nil
    }

    /// Compact JSON text (Python `json.dumps` spacing: `", "` and `": "` separators when `pythonStyle`).
    public func serialized(pythonStyle: Bool = false) -> String {
        var output = ""
        write(into: &output, pythonStyle: pythonStyle)
        return output
    }

    private func write(into output: inout String, pythonStyle: Bool) {
        let comma = pythonStyle ? ", " : ",", colon = pythonStyle ? ": " : ":"
        switch self {
        case .null: output += "null"
        case let .bool(value): output += value ? "true" : "false"
        case let .number(value): output += JSONValue.format(value)
        case let .string(value): JSONValue.writeString(value, into: &output)
        case let .array(values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += comma }
                value.write(into: &output, pythonStyle: pythonStyle)
            }
            output += "]"
        case let .object(pairs):
            output += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { output += comma }
                JSONValue.writeString(pair.0, into: &output)
                output += colon
                pair.1.write(into: &output, pythonStyle: pythonStyle)
            }
            output += "}"
        }
    }

    /// Formats a number: integers without a fraction, others with Swift's shortest round-trip form.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "Infinity" }
        if value == -.infinity { return "-Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    private static func writeString(_ value: String, into output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
