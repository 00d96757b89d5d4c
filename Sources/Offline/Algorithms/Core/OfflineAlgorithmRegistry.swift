/// The offline algorithms by registry name (`swiftrl offline train <name>`).
public enum OfflineAlgorithmRegistry {
    /// Every offline algorithm, in display order.
    public static var all: [any OfflineAlgorithm.Type] { [BC.self, TD3BC.self, IQL.self, CQL.self, PRDC.self, A2PR.self] }

    /// The registry names.
    public static var names: [String] { all.map { $0.name } }

    /// The algorithm called `name`.
    /// - Throws: ``OfflineAlgorithmError`` listing the known names.
    public static func type(named name: String) throws(OfflineAlgorithmError) -> any OfflineAlgorithm.Type {
        guard let type = all.first(where: { $0.name == name.lowercased() }) else {
            throw OfflineAlgorithmError("unknown offline algorithm `\(name)`; choose one of \(names.joined(separator: ", "))")
        }
        return type
    }
}
