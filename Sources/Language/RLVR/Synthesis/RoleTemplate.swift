/// A role of the one shared policy, distinguished by its prompt (SCMA's reasoning, segmentation and scoring
/// agents are one model with three prompts). A template names its inputs with `{placeholder}`s.
public struct RoleTemplate: Codable, Equatable, Sendable {
    /// The role's name (the ``RolloutBatch/roles`` entry of its rows).
    public var name: String
    /// The prompt text with placeholders, e.g. `rate {chunk} after {context}:`.
    public var template: String

    /// Creates a template.
    /// - Parameter required: placeholders (without braces) the template must contain.
    /// - Throws: ``RLVRInputError`` naming the missing placeholder.
    public init(name: String, template: String, required: [String]) throws(RLVRInputError) {
        for key in required where !template.contains("{\(key)}") {
            throw RLVRInputError(
                "role `\(name)`: its template \(String(reflecting: template)) has no {\(key)} placeholder; "
                    + "write one where the \(key) goes, e.g. \"rate {chunk} after {context}:\"")
        }
        self.name = name
        self.template = template
    }

    /// The prompt with each `{key}` replaced by its value.
    public func fill(_ values: [String: String]) -> String {
        values.reduce(template) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }
}
