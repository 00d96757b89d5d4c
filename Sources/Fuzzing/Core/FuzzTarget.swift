import Foundation

/// One reader under fuzzing: valid seed inputs made by the library itself, and the decode step to drive.
///
/// An input is a list of parts (one per file the reader needs, e.g. a checkpoint's weights and its sidecar); the
/// mutator damages one part per round. `decode` may throw anything (a clean rejection) but must never trap or hang.
public struct FuzzTarget: Sendable {
    /// How a part is best mutated.
    public enum PartKind: Sendable {
        /// Binary: bit/byte flips, length-field extremes, truncation, extension.
        case binary
        /// Text (JSON, YAML, CSV, JSONL, …): the binary mutations plus spliced tokens, nesting, duplicate lines.
        case text
    }

    /// Format name on the command line (`safetensors`, `checkpoint`, …).
    public let name: String
    /// One line on what is read.
    public let summary: String
    /// The kind of each part.
    public let parts: [PartKind]
    /// Valid inputs written by SwiftRL itself (each has `parts.count` parts).
    public let seeds: @Sendable () throws -> [[[UInt8]]]
    /// Reads one input; `scratch` is a private, empty-or-reusable directory for readers that need files.
    public let decode: @Sendable (_ parts: [[UInt8]], _ scratch: URL) throws -> Void

    /// A target.
    public init(
        name: String, summary: String, parts: [PartKind],
        seeds: @escaping @Sendable () throws -> [[[UInt8]]],
        decode: @escaping @Sendable (_ parts: [[UInt8]], _ scratch: URL) throws -> Void
    ) {
        self.name = name
        self.summary = summary
        self.parts = parts
        self.seeds = seeds
        self.decode = decode
    }
}

/// Thrown by a target whose reader reports a bad input by returning `nil` rather than throwing.
struct FuzzRejected: Error, CustomStringConvertible {
    let description: String
}
