import Foundation

/// A single-hop rubric of CaRR (digest §2): a statement over hidden entities `<E0>, <E1>, …` (`<E0>` is the
/// answer), written as one relation between a subject and an object, each a literal name or a placeholder.
public struct Rubric: Codable, Sendable, Equatable {
    /// Human-readable statement, e.g. `"<E0> is the capital of <E1>"`.
    public var statement: String
    /// The relation the statement asserts (for a rule judge), e.g. `"capital"`.
    public var relation: String
    /// The subject: a name or a placeholder `<Ei>`.
    public var subject: String
    /// The object: a name or a placeholder `<Ei>`.
    public var object: String

    /// A rubric.
    public init(statement: String, relation: String, subject: String, object: String) {
        self.statement = statement
        self.relation = relation
        self.subject = subject
        self.object = object
    }

    /// The hidden-entity index of `slot` when it is a placeholder `<Ei>`, else nil.
    public static func placeholder(_ slot: String) -> Int? {
        guard slot.hasPrefix("<E"), slot.hasSuffix(">") else { return nil }
        return Int(slot.dropFirst(2).dropLast())
    }

    /// The hidden entities this rubric mentions.
    public var entityIndices: [Int] { [Self.placeholder(subject), Self.placeholder(object)].compactMap { $0 } }

    /// Subject and object with the placeholders filled from `values` (nil when a used entity has no value).
    public func filled(_ values: [String?]) -> (subject: String, object: String)? {
        func fill(_ slot: String) -> String? {
            guard let index = Self.placeholder(slot) else { return slot }
            return values.indices.contains(index) ? values[index] : nil
        }
        guard let subject = fill(subject), let object = fill(object) else { return nil }
        return (subject, object)
    }
}

/// Decides whether a filled rubric is fully supported by the cited evidence only (CaRR step 2). An LLM judge
/// or a rule (``MiniHopSupportJudge``) can stand behind it.
public protocol SupportJudge: Sendable {
    /// Whether `relation(subject, object)` is stated in one of the documents `citations`.
    func supported(relation: String, subject: String, object: String, citations: [String]) -> Bool
}
