/// A value read from a file (or a command-line value) that does not have the form SwiftRL expects.
///
/// Thrown by the ``CheckedDecoding`` helpers every reader uses at its boundary, so a damaged file produces one
/// error line naming the file, the field and what was expected instead of a trap:
///
/// ```
/// runs/x/checkpoints/step_64.safetensors: `env.actions[3]` is nan; expected an integer in -2^53…2^53
/// ```
public struct InputValidationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file (or other source, e.g. `--actions`) the value came from.
    public var file: String
    /// The field, as a dotted path or JSON-pointer-like name (`header.step`, `data_offsets[1]`).
    public var field: String
    /// What the field should have held.
    public var expected: String
    /// What it held, briefly.
    public var found: String

    /// An error naming the source, the field, what was expected and what was found.
    public init(file: String, field: String, expected: String, found: String) {
        self.file = file
        self.field = field
        self.expected = expected
        self.found = found
    }

    public var description: String { "\(file): `\(field)` is \(found); expected \(expected)" }
}
