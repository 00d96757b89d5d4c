/// Errors of running a reproduction as units.
public enum ReproductionUnitError: Error, Equatable, CustomStringConvertible {
    /// The plan has no unit `key`.
    case unknownUnit(reproduction: String, key: String, known: [String])
    /// The results lack these units.
    case missingUnits(reproduction: String, keys: [String])
    /// These units' results could not be read (key → reason).
    case undecodableUnits(reproduction: String, reasons: [String: String])
    /// The reproduction does not conform to ``UnitReproduction``.
    case notDecomposable(reproduction: String)

    public var description: String {
        switch self {
        case .unknownUnit(let id, let key, let known):
            return "\(id) has no unit '\(key)'. Valid keys: \(known.joined(separator: ", ")) "
                + "(see `swiftrl reproduce \(id) --list-units` with the same --quick/--seeds/--seed)."
        case .missingUnits(let id, let keys):
            return "\(id): missing results for unit(s) \(keys.joined(separator: ", ")); run each with "
                + "`swiftrl reproduce \(id) --unit KEY` (same --quick/--seeds/--seed)."
        case .undecodableUnits(let id, let reasons):
            let list = reasons.keys.sorted().map { "\($0): \(reasons[$0] ?? "")" }.joined(separator: "; ")
            return "\(id): cannot read the result of unit(s) \(reasons.keys.sorted().joined(separator: ", ")) "
                + "(\(list)); rerun them with `swiftrl reproduce \(id) --unit KEY`."
        case .notDecomposable(let id):
            return "\(id) cannot be split into units; run it whole with `swiftrl reproduce \(id)`."
        }
    }
}
