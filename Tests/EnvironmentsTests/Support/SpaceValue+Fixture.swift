@testable import Environments

extension SpaceValue {
    /// Decodes the fixture form `{"int": n}`, `{"array": [...]}`, `{"text": s}`, `{"tuple": [...]}`, `{"dict": {...}}`.
    init?(fixture json: JSONValue) {
        if let integer = json["int"]?.number {
            self = .int(Int(integer))
        } else if let values = json["array"]?.array {
            self = .array(values.compactMap(\.number))
        } else if let text = json["text"]?.string {
            self = .text(text)
        } else if let parts = json["tuple"]?.array {
            self = .tuple(parts.compactMap { SpaceValue(fixture: $0) })
        } else if case let .object(pairs)? = json["dict"] {
            var values: [String: SpaceValue] = [:]
            for (key, part) in pairs { values[key] = SpaceValue(fixture: part) }
            self = .dict(values)
        } else {
            return nil
        }
    }
}
