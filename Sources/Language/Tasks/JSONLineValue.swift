import Foundation

/// One JSON value of a JSONL line, decoded without Foundation's `Any` bridging so that numbers, booleans and
/// nesting read the same on every platform.
enum JSONLineValue: Decodable, Equatable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONLineValue])
    case object([String: JSONLineValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONLineValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONLineValue].self))
        }
    }

    /// The value at `path`: a top-level key spelled exactly like `path` if there is one (so keys that contain
    /// dots still work), otherwise the dotted path through nested objects (`"reward_model.ground_truth"`).
    func value(at path: String) -> JSONLineValue? {
        guard case let .object(fields) = self else { return nil }
        if let direct = fields[path] { return direct }
        var current: JSONLineValue = self
        for key in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case let .object(nested) = current, let next = nested[String(key)] else { return nil }
            current = next
        }
        return current
    }

    /// The text of a string, or the shortest decimal spelling of a number (`6`, `2.5`); `nil` for other kinds.
    var scalarText: String? {
        switch self {
        case let .string(text): text
        case let .integer(value): String(value)
        case let .number(value): value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
        default: nil
        }
    }

    /// A short name of the kind, for error messages.
    var kindName: String {
        switch self {
        case .string: "a string"
        case .integer, .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
