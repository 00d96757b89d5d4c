/// Parses JSON text into ``JSONValue``, accepting Python's `Infinity`, `-Infinity` and `NaN`.
public struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0

    /// Parses `text`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` naming the byte offset of the first syntax error.
    public static func parse(_ text: String) throws(EnvironmentError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == parser.bytes.count else { throw parser.failure("trailing characters") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ what: String) -> EnvironmentError {
        .invalidOption("JSON syntax error at byte \(position): \(what)")
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    private mutating func consume(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        guard position + utf8.count <= bytes.count, Array(bytes[position..<(position + utf8.count)]) == utf8 else {
            return false
        }
        position += utf8.count
        return true
    }

    private mutating func parseValue() throws(EnvironmentError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw failure("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        default:
            if consume("null") { return .null }
            if consume("true") { return .bool(true) }
            if consume("false") { return .bool(false) }
            if consume("NaN") { return .number(.nan) }
            if consume("Infinity") { return .number(.infinity) }
            if consume("-Infinity") { return .number(-.infinity) }
            return .number(try parseNumber())
        }
    }

    private mutating func parseObject() throws(EnvironmentError) -> JSONValue {
        position += 1
        var pairs: [(String, JSONValue)] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(pairs) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try parseString()
            skipWhitespace()
            guard consume(":") else { throw failure("expected ':'") }
            pairs.append((key, try parseValue()))
            skipWhitespace()
            if consume(",") { continue }
            if consume("}") { return .object(pairs) }
            throw failure("expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(EnvironmentError) -> JSONValue {
        position += 1
        var values: [JSONValue] = []
        skipWhitespace()
        if consume("]") { return .array(values) }
        while true {
            values.append(try parseValue())
            skipWhitespace()
            if consume(",") { continue }
            if consume("]") { return .array(values) }
            throw failure("expected ',' or ']'")
        }
    }

    private mutating func parseString() throws(EnvironmentError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll()
        }
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") { flush(); return String(scalars) }
            if byte != UInt8(ascii: "\\") { raw.append(byte); continue }
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "n"): raw.append(0x0A)
            case UInt8(ascii: "t"): raw.append(0x09)
            case UInt8(ascii: "r"): raw.append(0x0D)
            case UInt8(ascii: "b"): raw.append(0x08)
            case UInt8(ascii: "f"): raw.append(0x0C)
            case UInt8(ascii: "u"):
                guard position + 4 <= bytes.count,
                    let code = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
                else { throw failure("bad \\u escape") }
                position += 4
                flush()
                if let scalar = Unicode.Scalar(code) { scalars.append(scalar) }
            default: raw.append(escape)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func parseNumber() throws(EnvironmentError) -> Double {
        let start = position
        while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
        guard position > start, let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else {
            throw failure("expected a value")
        }
        return value
    }
}
