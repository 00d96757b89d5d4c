import Algorithms
import Tensor

/// The exact spanning capacity of small classes, by exhaustive search over every deterministic MDP on a layered
/// state space (``Reachability/exhaustiveCapacity(_:states:actions:maxNodes:)``), beside the closed forms it should
/// match: `H + 1` for Π_sing (when S ≥ H) and `min(A^H, S·A)` for the class of all policies.
enum AgnosticRLCapacity {
    static func table() throws -> ResultTable {
        var table = ResultTable(
            title: "Exact spanning capacity C(Π) = max over deterministic MDPs and layers (exhaustive search)",
            columns: ["class", "S per layer", "A", "H", "|Π|", "max_M C_h per layer", "C(Π)", "closed form"])
        func row(_ name: String, _ policies: some PolicyClass, s: Int, a: Int, closed: String) throws {
            let found = try Reachability.exhaustiveCapacity(policies, states: s, actions: a)
            table.rows.append([
                name, "\(s)", "\(a)", "\(policies.horizon)", "\(policies.count)",
                found.perLayer.map(String.init).joined(separator: " "), "\(found.capacity)", closed,
            ])
        }
        try row("Π_sing", SingletonPolicyClass(states: 3, actions: 2, horizon: 3), s: 3, a: 2, closed: "H + 1 = 4")
        try row("all policies", try EnumeratedPolicyClass.all(states: 2, actions: 2, horizon: 3), s: 2, a: 2,
                closed: "min(A^H, S·A) = 4")
        try row("all policies", try EnumeratedPolicyClass.all(states: 3, actions: 2, horizon: 2), s: 3, a: 2,
                closed: "min(A^H, S·A) = 4")
        var rng = Xoshiro256StarStar(seed: 7).derived("agnostic/capacity")
        try row("8 thresholds", EnumeratedPolicyClass.thresholds(count: 8, states: 3, horizon: 3, using: &rng),
                s: 3, a: 2, closed: "≤ |Π| = 8")
        try row("8 random", EnumeratedPolicyClass.random(count: 8, states: 3, actions: 2, horizon: 3, using: &rng),
                s: 3, a: 2, closed: "≤ min(|Π|, S·A) = 6")
        return table
    }
}
