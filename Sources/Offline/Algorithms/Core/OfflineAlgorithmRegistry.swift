/// The offline algorithms by registry name (`swiftrl offline train <name>`).
public enum OfflineAlgorithmRegistry {
    /// Every offline algorithm, in display order: the continuous ones, then the discrete ones of the dataset
    /// perspective study (Schweighofer et al. 2022).
    public static var all: [any OfflineAlgorithm.Type] {
        [BC.self, TD3BC.self, IQL.self, CQL.self, PRDC.self, A2PR.self] + discrete
    }

    /// The discrete-action algorithms (Schweighofer et al. 2022 §4's nine).
    public static var discrete: [any OfflineAlgorithm.Type] {
        [DiscreteBC.self, BVE.self, MCE.self, OfflineDQN.self, QRDQN.self, REM.self, DiscreteBCQ.self,
         DiscreteCQL.self, CRR.self] + zeroShot
    }

    /// Forward–backward representations and their conservative versions (Jeen, thesis arXiv:2508.16496).
    public static var zeroShot: [any OfflineAlgorithm.Type] { [ForwardBackward.self, VCFB.self, MCFB.self] }

    /// The registry names.
    public static var names: [String] { all.map { $0.name } }

    /// The names of the algorithms for one kind of action space.
    public static func names(for kind: OfflineActionKind) -> [String] {
        all.filter { $0.actionKind == kind }.map { $0.name }
    }

    /// The algorithm called `name`.
    /// - Throws: ``OfflineAlgorithmError`` listing the known names.
    public static func type(named name: String) throws(OfflineAlgorithmError) -> any OfflineAlgorithm.Type {
        guard let type = all.first(where: { $0.name == name.lowercased() }) else {
            throw OfflineAlgorithmError("unknown offline algorithm `\(name)`; choose one of \(names.joined(separator: ", "))")
        }
        return type
    }
}
