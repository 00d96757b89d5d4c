import Environments

/// Reachability of a policy class on a deterministic MDP, and its spanning capacity (Jia et al. 2023, Definition of
/// the spanning capacity; digest §11, checked against the paper's abstract, the definition from the paper's text as
/// recalled in the digest):
///
/// - the cumulative reachability at layer h, `C_h(Π; M) = |{(s_h, a_h) : some π ∈ Π reaches s_h at layer h in M and
///   plays a_h there}|`;
/// - the spanning capacity `C(Π) = max_{M deterministic} max_h C_h(Π; M)`, a property of Π alone.
///
/// ``cumulative(_:on:)`` computes `C_h(Π; M)` exactly for a given deterministic MDP; ``exhaustiveCapacity(_:states:
/// actions:maxNodes:)`` computes `C(Π)` exactly on a small layered state space by searching every deterministic
/// transition function (and start state) that matters.
public enum Reachability {
    /// The deterministic successor table `next[k][s·A + a]` and start state of `mdp`.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` when a transition row or the start distribution is not
    ///   a point mass.
    public static func deterministicStructure(_ mdp: EpisodicMDP) throws(TabularError) -> (next: [[Int]], start: Int) {
        let (s, a) = (mdp.stateCount, mdp.actionCount)
        var tables: [[Int]] = []
        for (k, table) in mdp.transitions.enumerated() {
            var next = [Int](repeating: 0, count: s * a)
            for row in 0..<(s * a) {
                guard let target = (0..<s).first(where: { table[row * s + $0] == 1 }) else {
                    throw .invalidConfiguration(
                        "the MDP is not deterministic: transitions[\(k)] row (s \(row / a), a \(row % a)) is not a "
                            + "point mass; agnostic learning here needs deterministic transitions")
                }
                next[row] = target
            }
            tables.append(next)
        }
        guard let start = mdp.initialDistribution.firstIndex(of: 1) else {
            throw .invalidConfiguration(
                "the MDP's start distribution is not a point mass; give a deterministic start state")
        }
        return (tables, start)
    }

    /// The state every member of `policies` is in at each layer: `paths[π][h]`.
    /// - Throws: a non-deterministic MDP or a class that does not fit it.
    public static func paths(_ policies: some PolicyClass, on mdp: EpisodicMDP) throws(TabularError) -> [[Int]] {
        try policies.validate(on: mdp)
        let (next, start) = try deterministicStructure(mdp)
        let a = mdp.actionCount
        return (0..<policies.count).map { policy in
            var state = start
            return (0..<mdp.horizon).map { stage in
                let action = policies.action(policy, stage: stage, state: state)
                defer { state = next[mdp.table(stage)][state * a + action] }
                return state
            }
        }
    }

    /// `C_h(Π; M)` for every layer h (the distinct `(s_h, a_h)` pairs the class reaches).
    /// - Throws: a non-deterministic MDP or a class that does not fit it.
    public static func cumulative(_ policies: some PolicyClass, on mdp: EpisodicMDP) throws(TabularError) -> [Int] {
        let paths = try paths(policies, on: mdp)
        return (0..<mdp.horizon).map { stage in
            var pairs = Set<Int>()
            for policy in 0..<policies.count {
                let state = paths[policy][stage]
                pairs.insert(state * mdp.actionCount + policies.action(policy, stage: stage, state: state))
            }
            return pairs.count
        }
    }

    /// The exact spanning capacity `C(Π)` (and the per-layer maxima `max_M C_h(Π; M)`) over every deterministic MDP
    /// whose layers each have the states `0..<states` and `actions` actions, with any start state.
    ///
    /// Depth-first search over the transitions that matter: at each layer the class splits into groups sharing a
    /// state; each group's distinct actions are the reachable pairs, and each `(state, action)` piece is sent to
    /// every possible next state.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` when the search would visit more than `maxNodes` nodes.
    public static func exhaustiveCapacity(
        _ policies: some PolicyClass, states: Int, actions: Int, maxNodes: Int = 5_000_000
    ) throws(TabularError) -> (capacity: Int, perLayer: [Int]) {
        guard policies.count >= 1, states >= 1, actions >= 1 else {
            throw .invalidConfiguration("exhaustive capacity needs a non-empty class, S ≥ 1 and A ≥ 1")
        }
        var best = [Int](repeating: 0, count: policies.horizon)
        var nodes = 0
        func visit(stage: Int, groups: [[Int]], states assigned: [Int]) throws(TabularError) {
            nodes += 1
            guard nodes <= maxNodes else {
                throw .invalidConfiguration(
                    "exhaustive capacity: more than \(maxNodes) search nodes; use fewer states, actions or stages")
            }
            var pieces: [[Int]] = []
            var count = 0
            for (group, state) in zip(groups, assigned) {
                var byAction: [Int: [Int]] = [:]
                for policy in group {
                    byAction[policies.action(policy, stage: stage, state: state), default: []].append(policy)
                }
                count += byAction.count
                pieces += byAction.keys.sorted().map { byAction[$0] ?? [] }
            }
            best[stage] = max(best[stage], count)
            guard stage + 1 < policies.horizon else { return }
            // Every map piece → next state; pieces sent to the same state merge into one group.
            var choice = [Int](repeating: 0, count: pieces.count)
            while true {
                var merged: [Int: [Int]] = [:]
                for (piece, target) in zip(pieces, choice) { merged[target, default: []] += piece }
                let targets = merged.keys.sorted()
                try visit(stage: stage + 1, groups: targets.map { merged[$0] ?? [] }, states: targets)
                var digit = 0
                while digit < choice.count {
                    choice[digit] += 1
                    if choice[digit] < states { break }
                    choice[digit] = 0
                    digit += 1
                }
                if digit == choice.count { break }
            }
        }
        for start in 0..<states {
            try visit(stage: 0, groups: [Array(0..<policies.count)], states: [start])
        }
        return (best.max() ?? 0, best)
    }
}
