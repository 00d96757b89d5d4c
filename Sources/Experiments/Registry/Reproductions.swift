/// Every paper reproduction `swiftrl reproduce` knows, in the order `--list` shows them.
public enum Reproductions {
    /// All reproductions.
    public static let all: [any Reproduction] = [
        PRDCReproduction(),
        A2PRReproduction(),
        LitePPOReproduction(),
        SELFReproduction(),
        InvisibleLeashReproduction(),
        SIRENReproduction(),
        ExplorationExploitationReproduction(),
        PolicyCliffReproduction(),
        InSightReproduction(),
        ADORAReproduction(),
        R3LReproduction(),
        SCMAReproduction(),
        CTRLSReproduction(),
        LCBReproduction(),
        DatasetPerspectiveReproduction(),
        ObservationHistoriesReproduction(),
        ZeroShotFBReproduction(),
        DemoRegularizedReproduction(),
        TrajectoryAttributionReproduction(),
        ConservativeExplorationReproduction(),
        ContrastiveUCBReproduction(),
        RevealingPOMDPReproduction(),
        AgnosticRLReproduction(),
        IGPOReproduction(),
        CaRRReproduction(),
        RLVMRReproduction(),
        MRAReproduction(),
        AdversarialSurpriseReproduction(),
        SEQUOIAReproduction(),  // needs the GLPK trait (as the next); listed as unavailable without it
        ContrastiveUCBGameReproduction(),
    ]

    /// The reproduction with `id`.
    /// - Throws: `ReproductionError.unknown` with the known ids and the closest match.
    public static func named(_ id: String) throws(ReproductionError) -> any Reproduction {
        if let found = all.first(where: { $0.id == id.lowercased() }) { return found }
        let ids = all.map(\.id)
        let closest = ids.min { editDistance($0, id.lowercased()) < editDistance($1, id.lowercased()) }
        throw .unknown(id: id, known: ids, suggestion: closest)
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Errors of the experiments layer.
public enum ReproductionError: Error, Equatable, CustomStringConvertible {
    /// No reproduction has this id.
    case unknown(id: String, known: [String], suggestion: String?)
    /// A reproduction cannot run with these settings (e.g. zero seeds).
    case invalidSettings(String)

    public var description: String {
        switch self {
        case .unknown(let id, let known, let suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "no reproduction named '\(id)'.\(hint) Known: \(known.joined(separator: ", ")) (see `swiftrl reproduce --list`)."
        case .invalidSettings(let reason):
            return "invalid reproduction settings: \(reason)"
        }
    }
}
