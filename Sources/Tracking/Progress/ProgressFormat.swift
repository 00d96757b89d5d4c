import Foundation

/// Compact number and duration formatting for progress lines.
public enum ProgressFormat {
    /// `950`, `12.3k`, `1.2M`, `3.4G`: at most three significant digits (trailing zeros dropped) and a metric suffix.
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        let (scaled, suffix): (Double, String) =
            magnitude >= 1e9
            ? (value / 1e9, "G")
            : magnitude >= 1e6 ? (value / 1e6, "M") : magnitude >= 1e3 ? (value / 1e3, "k") : (value, "")
        if suffix.isEmpty && value == value.rounded() { return String(Int(value)) }
        let digits = abs(scaled) >= 100 ? 0 : abs(scaled) >= 10 ? 1 : 2
        var text = String(format: "%.\(digits)f", scaled)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text + suffix
    }

    /// `42s`, `3m05s`, `1h02m`, `2d03h`; `--` for unknown (infinite or negative) durations.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--" }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" + twoDigits(total % 60) + "s" }
        if total < 86400 { return "\(total / 3600)h" + twoDigits(total % 3600 / 60) + "m" }
        return "\(total / 86400)d" + twoDigits(total % 86400 / 3600) + "h"
    }

    /// A loss value with four significant digits (scientific for tiny or huge magnitudes).
    public static func value(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) { return String(format: "%.2e", value) }
        return String(format: "%.4g", value)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
