/// Types a config scalar (kept as text) can be read as, with the wording used in type-mismatch errors.
protocol ConfigScalar {
    /// Parses the text of a YAML scalar or `--set` value.
    static func parse(_ text: String) -> Self?
    /// What the field expects, as shown in errors: "an integer (Int)".
    static var expectation: String { get }
}

extension String: ConfigScalar {
    static func parse(_ text: String) -> String? { text }
    static var expectation: String { "a string" }
}

extension Bool: ConfigScalar {
    static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }
    static var expectation: String { "true or false (Bool)" }
}

extension Double: ConfigScalar {
    static func parse(_ text: String) -> Double? {
        let cleaned = text.filter { $0 != "_" }
        switch cleaned.lowercased() {
        case ".inf", "+.inf", "inf", "+inf", "infinity": return .infinity
        case "-.inf", "-inf", "-infinity": return -.infinity
        case ".nan", "nan": return .nan
        default: return Double(cleaned)
        }
    }
    static var expectation: String { "a number (Double)" }
}

extension Float: ConfigScalar {
    static func parse(_ text: String) -> Float? { Double.parse(text).map(Float.init) }
    static var expectation: String { "a number (Float)" }
}

/// Integers accept `1_000`, and exact scientific notation such as `1e6` (handy for step counts).
protocol ConfigInteger: ConfigScalar, FixedWidthInteger {}

extension ConfigInteger {
    static func parse(_ text: String) -> Self? {
        let cleaned = text.filter { $0 != "_" }
        if let value = Self(cleaned) { return value }
        guard let real = Double(cleaned), real.isFinite, real == real.rounded(),
            real >= Double(Self.min), real <= Double(Self.max)
        else { return nil }
        return Self(exactly: real)
    }
    static var expectation: String { "an integer (\(Self.self))" }
}

extension Int: ConfigInteger {}
extension Int8: ConfigInteger {}
extension Int16: ConfigInteger {}
extension Int32: ConfigInteger {}
extension Int64: ConfigInteger {}
extension UInt: ConfigInteger {}
extension UInt8: ConfigInteger {}
extension UInt16: ConfigInteger {}
extension UInt32: ConfigInteger {}
extension UInt64: ConfigInteger {}
