import Foundation

/// A generator of random episodic MDPs, written on the command line as `kind:key=value,…`:
///
/// - `garnet:S=20,A=4,H=10,b=3,stationary=true` — Garnet rows (``Garnet``): `b` next states per `(s, a)`.
/// - `lowrank:S=50,A=4,H=10,d=5` — rank-d transitions `P = Φ M` with `Φ ∈ R^{SA×d}` and `M ∈ R^{d×S}` non-negative,
///   rows normalised (a low-rank MDP, Jiang et al. 2017; Agarwal et al. 2020).
/// - `tree:A=2,H=5` — the complete A-ary tree of depth H: from a node, action a leads to child a; rewards only
///   on the last step (a needle-in-a-haystack exploration instance); `S = (A^{H+1} − 1)/(A − 1)`.
/// - `deterministic:S=10,A=3,H=8` — one next state per `(s, a)`.
///
/// `stationary=false` draws one table per stage (garnet, lowrank, deterministic). Rewards are uniform in [0, 1)
/// (tree: on the last stage only). The start state is 0 for `tree`, uniform otherwise.
public enum EpisodicMDPSpec: Equatable, Sendable {
    case garnet(states: Int, actions: Int, horizon: Int, branching: Int, stationary: Bool)
    case lowRank(states: Int, actions: Int, horizon: Int, rank: Int, stationary: Bool)
    case tree(actions: Int, horizon: Int)
    case deterministic(states: Int, actions: Int, horizon: Int, stationary: Bool)

    /// Largest S, A and H a generator or MDP file may have.
    public static let maximumStates = 4096, maximumActions = 256, maximumHorizon = 1000
    /// Largest number of transition entries (S·A·S per table, summed over tables).
    public static let maximumTransitionEntries = 50_000_000

    /// The generator kinds, for help text.
    public static let kinds = ["garnet", "lowrank", "tree", "deterministic"]

    /// Parses `kind:key=value,…`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` naming the bad key or value, and the expected form.
    public static func parse(_ text: String) throws(EnvironmentError) -> EpisodicMDPSpec {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let kind = parts.first?.lowercased() ?? ""
        var values: [String: String] = [:]
        for item in (parts.count > 1 ? parts[1] : "").split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else {
                throw .invalidOption("MDP spec `\(text)`: `\(item)` is not key=value (e.g. garnet:S=20,A=4,H=10)")
            }
            values[pair[0]] = pair[1]
        }
        let allowed: [String: Set<String>] = [
            "garnet": ["S", "A", "H", "b", "stationary"], "lowrank": ["S", "A", "H", "d", "stationary"],
            "tree": ["A", "H"], "deterministic": ["S", "A", "H", "stationary"],
        ]
        guard let keys = allowed[kind] else {
            throw .invalidOption(
                "MDP spec `\(text)`: unknown kind `\(kind)`; expected one of \(kinds.joined(separator: ", "))")
        }
        if let extra = values.keys.sorted().first(where: { !keys.contains($0) }) {
            throw .invalidOption("MDP spec `\(text)`: unknown key `\(extra)` for \(kind); expected \(keys.sorted())")
        }
        func int(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) throws(EnvironmentError) -> Int {
            guard let raw = values[key] else { return fallback }
            guard let value = Int(raw), range.contains(value) else {
                throw .invalidOption("MDP spec `\(text)`: \(key) must be an integer in \(range), got `\(raw)`")
            }
            return value
        }
        let stationaryText = values["stationary"] ?? "true"
        guard ["true", "false"].contains(stationaryText) else {
            throw .invalidOption("MDP spec `\(text)`: stationary must be true or false, got `\(stationaryText)`")
        }
        let stationary = stationaryText == "true"
        let h = try int("H", 10, 1...maximumHorizon)
        switch kind {
        case "garnet":
            let s = try int("S", 20, 1...maximumStates)
            return .garnet(
                states: s, actions: try int("A", 4, 1...maximumActions), horizon: h,
                branching: try int("b", min(3, s), 1...s), stationary: stationary)
        case "lowrank":
            let s = try int("S", 50, 1...maximumStates)
            return .lowRank(
                states: s, actions: try int("A", 4, 1...maximumActions), horizon: h,
                rank: try int("d", min(5, s), 1...s), stationary: stationary)
        case "tree":
            let a = try int("A", 2, 1...maximumActions)
            let spec = EpisodicMDPSpec.tree(actions: a, horizon: try int("H", 5, 1...maximumHorizon))
            guard spec.stateCount <= maximumStates else {
                throw .invalidOption("MDP spec `\(text)`: the tree has more than \(maximumStates) nodes; lower A or H")
            }
            return spec
        default:
            return .deterministic(
                states: try int("S", 10, 1...maximumStates), actions: try int("A", 3, 1...maximumActions),
                horizon: h, stationary: stationary)
        }
    }

    /// S of the generated MDP.
    public var stateCount: Int {
        switch self {
        case .garnet(let s, _, _, _, _), .lowRank(let s, _, _, _, _), .deterministic(let s, _, _, _): return s
        case .tree(let a, let h):
            var total = 0, level = 1
            for _ in 0...h {
                total += level
                if total > Self.maximumStates { return total }
                level *= a
            }
            return total
        }
    }

    /// Draws the MDP.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the tables would exceed ``maximumTransitionEntries``.
    public func generate(using generator: inout some RandomNumberGenerator) throws(EnvironmentError) -> EpisodicMDP {
        switch self {
        case .garnet(let s, let a, let h, let b, let stationary):
            try Self.checkSize(s, a, stationary ? 1 : h)
            let tables = try (0..<(stationary ? 1 : h)).map { _ throws(EnvironmentError) in
                try Garnet.make(states: s, actions: a, branching: b, using: &generator)
            }
            return Self.assemble(tables, horizon: h)
        case .deterministic(let s, let a, let h, let stationary):
            try Self.checkSize(s, a, stationary ? 1 : h)
            let tables = try (0..<(stationary ? 1 : h)).map { _ throws(EnvironmentError) in
                try Garnet.make(states: s, actions: a, branching: 1, using: &generator)
            }
            return Self.assemble(tables, horizon: h)
        case .lowRank(let s, let a, let h, let d, let stationary):
            try Self.checkSize(s, a, stationary ? 1 : h)
            var transitions: [[Double]] = [], rewards: [[Double]] = []
            for _ in 0..<(stationary ? 1 : h) {
                let phi = Self.simplexRows(s * a, d, using: &generator)
                let mu = Self.simplexRows(d, s, using: &generator)
                var table = [Double](repeating: 0, count: s * a * s)
                for row in 0..<(s * a) {
                    for k in 0..<d where phi[row * d + k] > 0 {
                        for next in 0..<s { table[row * s + next] += phi[row * d + k] * mu[k * s + next] }
                    }
                }
                transitions.append(table)
                rewards.append((0..<(s * a)).map { _ in Double.random(in: 0..<1, using: &generator) })
            }
            return EpisodicMDP(
                stateCount: s, actionCount: a, horizon: h, transitions: transitions, rewards: rewards,
                initialDistribution: Array(repeating: 1 / Double(s), count: s))
        case .tree(let a, let h):
            let s = stateCount
            try Self.checkSize(s, a, 1)
            var table = [Double](repeating: 0, count: s * a * s)
            var reward = [Double](repeating: 0, count: s * a)
            // Nodes in breadth-first order: the children of node n are n·A + 1 … n·A + A; leaves loop on themselves.
            let internalNodes = s - Int(pow(Double(a), Double(h)).rounded())
            let lastLevelStart = internalNodes - Int(pow(Double(a), Double(h - 1)).rounded())
            for node in 0..<s {
                for action in 0..<a {
                    let child = node < internalNodes ? node * a + action + 1 : node
                    table[(node * a + action) * s + child] = 1
                    if node >= lastLevelStart && node < internalNodes {
                        reward[node * a + action] = Double.random(in: 0..<1, using: &generator)
                    }
                }
            }
            var start = [Double](repeating: 0, count: s)
            start[0] = 1
            return EpisodicMDP(
                stateCount: s, actionCount: a, horizon: h, transitions: [table], rewards: [reward],
                initialDistribution: start)
        }
    }

    private static func checkSize(_ s: Int, _ a: Int, _ tables: Int) throws(EnvironmentError) {
        let (entries, overflow) = (s * a).multipliedReportingOverflow(by: s * tables)
        guard !overflow, entries <= maximumTransitionEntries else {
            throw .invalidOption(
                "MDP spec: S·A·S·tables = \(s)·\(a)·\(s)·\(tables) exceeds \(maximumTransitionEntries) entries")
        }
    }

    private static func assemble(_ tables: [TabularMDP], horizon: Int) -> EpisodicMDP {
        let first = tables[0]
        return EpisodicMDP(
            stateCount: first.stateCount, actionCount: first.actionCount, horizon: horizon,
            transitions: tables.map(\.transitions), rewards: tables.map(\.rewards),
            initialDistribution: first.initialDistribution)
    }

    /// `rows × columns` non-negative entries, each row uniform draws normalised to sum to 1.
    private static func simplexRows(
        _ rows: Int, _ columns: Int, using generator: inout some RandomNumberGenerator
    ) -> [Double] {
        var out = [Double](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            var total = 0.0
            for column in 0..<columns {
                let value = Double.random(in: 0..<1, using: &generator) + 1e-12
                out[row * columns + column] = value
                total += value
            }
            for column in 0..<columns { out[row * columns + column] /= total }
        }
        return out
    }
}
