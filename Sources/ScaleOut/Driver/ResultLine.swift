import Foundation

/// The line a job prints last so that its result travels back through its log: `swiftrl-result: <JSON>`.
///
/// `swiftrl train --result-line` prints its run summary this way and `swiftrl reproduce --unit` its unit result;
/// executors return the job's output and the driver keeps the last such line.
public enum ResultLine {
    /// The line's prefix.
    public static let prefix = "swiftrl-result: "

    /// The line for `json` (which must be single-line JSON).
    public static func format(_ json: Data) -> String {
        prefix + String(decoding: json, as: UTF8.self)
    }

    /// The JSON of the last result line in `output`, or nil.
    public static func extract(from output: String) -> Data? {
        var found: Substring?
        for line in output.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            if line.hasPrefix(prefix) { found = line.dropFirst(prefix.count) }
        }
        guard let found, !found.isEmpty else { return nil }
        return Data(found.utf8)
    }
}
