import Foundation

/// Reads a final answer as a number the way people write one: surrounding spaces, a sentence-ending period
/// (`"42."`), a leading `$` and thousands separators in groups of three (`"1,234.5"`) are accepted; lists such
/// as `"1,2,3"`, hexadecimal, `inf` and `nan` are not numbers.
enum NumericAnswer {
    /// The value of `text`, or `nil` if it is not a plain decimal number.
    static func value(of text: String) -> Double? {
        var s = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if s.hasSuffix(".") { s = s.dropLast() }
        if s.hasPrefix("$") { s = s.dropFirst() }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.,eE".contains($0)) }) else { return nil }
        if s.contains(",") {
            guard let grouped = withoutThousandsSeparators(s) else { return nil }
            s = Substring(grouped)
        }
        guard let value = Double(String(s)), value.isFinite else { return nil }
        return value
    }

    /// The shortest spelling of a value: `"6"` for 6.0, `"2.5"`, `"1e-07"`.
    static func canonical(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `"-1,234.5"` → `"-1234.5"`; `nil` unless the integer part is 1–3 digits then groups of exactly three.
    private static func withoutThousandsSeparators(_ s: Substring) -> String? {
        let sign = s.first == "-" || s.first == "+" ? String(s.prefix(1)) : ""
        let body = s.dropFirst(sign.count)
        let integer = body.prefix { $0 != "." && $0 != "e" && $0 != "E" }
        let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count),
            groups.dropFirst().allSatisfy({ $0.count == 3 }), groups.allSatisfy({ $0.allSatisfy(\.isNumber) })
        else { return nil }
        return sign + groups.joined() + body.dropFirst(integer.count)
    }
}
