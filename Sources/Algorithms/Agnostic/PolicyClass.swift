import Environments
import Tensor

/// A finite class Π of deterministic, non-stationary policies `π_h(s) ∈ [A]` on a finite-horizon MDP — the object of
/// agnostic PAC RL (Jia, Li, Rakhlin, Sekhari & Srebro, "When is Agnostic Reinforcement Learning Statistically
/// Tractable?", NeurIPS 2023, arXiv:2310.06113; Gene Li's thesis, digest §11): find π̂ with
/// `V^π̂ ≥ max_{π∈Π} V^π − ε` without assuming Π contains the optimal policy.
///
/// Members are addressed by index so that large structured classes (``SingletonPolicyClass``: 1 + H·S·(A − 1)
/// policies) need no table per policy.
public protocol PolicyClass: Sendable {
    /// |Π|.
    var count: Int { get }
    /// The horizon H the policies are defined for.
    var horizon: Int { get }
    /// `π_h(s)` for member `policy`.
    func action(_ policy: Int, stage: Int, state: Int) -> Int
}

extension PolicyClass {
    /// Member `policy` as an explicit table `[h][s]` over `states` states.
    public func table(_ policy: Int, states: Int) -> [[Int]] {
        (0..<horizon).map { stage in (0..<states).map { action(policy, stage: stage, state: $0) } }
    }

    /// Checks that the class is usable on `mdp`: non-empty, same horizon, actions in range on every state.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` naming the first problem.
    public func validate(on mdp: EpisodicMDP) throws(TabularError) {
        guard count >= 1 else { throw .invalidConfiguration("the policy class is empty; give at least one policy") }
        guard horizon == mdp.horizon else {
            throw .invalidConfiguration("the policy class has horizon \(horizon) but the MDP has H = \(mdp.horizon)")
        }
        for policy in 0..<count {
            for stage in 0..<horizon {
                for state in 0..<mdp.stateCount {
                    let a = action(policy, stage: stage, state: state)
                    guard (0..<mdp.actionCount).contains(a) else {
                        throw .invalidConfiguration(
                            "policy \(policy) plays action \(a) at (h \(stage), s \(state)); the MDP has A = "
                                + "\(mdp.actionCount)")
                    }
                }
            }
        }
    }
}

/// A class given by explicit tables `actions[π][h][s]`, with generators for the reproduction's classes.
public struct EnumeratedPolicyClass: PolicyClass, Equatable {
    /// `actions[π][h][s]`.
    public var actions: [[[Int]]]
    public let horizon: Int

    /// A class from its tables (every table has `horizon` rows).
    public init(actions: [[[Int]]], horizon: Int) {
        self.actions = actions
        self.horizon = horizon
    }

    public var count: Int { actions.count }

    @inline(__always) public func action(_ policy: Int, stage: Int, state: Int) -> Int {
        actions[policy][stage][state]
    }

    /// `count` policies whose every `π_h(s)` is uniform in [A] — a class with large spanning capacity (up to
    /// `min(count, A^h)` reachable pairs per layer on a tree).
    public static func random(
        count: Int, states: Int, actions: Int, horizon: Int, using generator: inout some RandomNumberGenerator
    ) -> EnumeratedPolicyClass {
        let tables = (0..<count).map { _ in
            (0..<horizon).map { _ in (0..<states).map { _ in Int.random(in: 0..<actions, using: &generator) } }
        }
        return EnumeratedPolicyClass(actions: tables, horizon: horizon)
    }

    /// Threshold policies on a scalar state feature: `π_θ(s) = 1` if `feature(s) ≥ θ`, else 0, for `count`
    /// thresholds θ at the feature's quantiles (the feature is drawn uniform in [0, 1) per state). Policies are
    /// ordered by θ, so at every state the class splits into two intervals: few distinct paths (small capacity).
    public static func thresholds(
        count: Int, states: Int, horizon: Int, using generator: inout some RandomNumberGenerator
    ) -> EnumeratedPolicyClass {
        let feature = (0..<states).map { _ in Double.random(in: 0..<1, using: &generator) }
        let tables = (0..<count).map { k in
            let theta = (Double(k) + 0.5) / Double(count)
            let row = feature.map { $0 >= theta ? 1 : 0 }
            return [[Int]](repeating: row, count: horizon)
        }
        return EnumeratedPolicyClass(actions: tables, horizon: horizon)
    }

    /// The default policy (action 0 everywhere) and, for each listed cell `(h, s)`, the policy that plays action 1
    /// there and 0 elsewhere: a singleton class restricted to chosen cells (on a tree, one cell per internal node at
    /// its own depth gives a class of size 1 + #nodes with capacity ≤ H + 1).
    public static func singletons(cells: [(stage: Int, state: Int)], states: Int, horizon: Int)
        -> EnumeratedPolicyClass
    {
        let base = [[Int]](repeating: [Int](repeating: 0, count: states), count: horizon)
        var tables = [base]
        for cell in cells {
            var table = base
            table[cell.stage][cell.state] = 1
            tables.append(table)
        }
        return EnumeratedPolicyClass(actions: tables, horizon: horizon)
    }

    /// Every deterministic non-stationary policy on `states` states (A^{H·S} of them; for exhaustive checks).
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` above 2¹⁶ policies.
    public static func all(states: Int, actions: Int, horizon: Int) throws(TabularError) -> EnumeratedPolicyClass {
        let cells = states * horizon
        let total = (0..<cells).reduce(1.0) { value, _ in value * Double(actions) }
        guard total <= 65_536 else {
            throw .invalidConfiguration("all policies: A^{H·S} = \(total) exceeds 65536; use a smaller instance")
        }
        let tables = (0..<Int(total)).map { index in
            var rest = index
            return (0..<horizon).map { _ in
                (0..<states).map { _ in
                    defer { rest /= actions }
                    return rest % actions
                }
            }
        }
        return EnumeratedPolicyClass(actions: tables, horizon: horizon)
    }
}

/// The singleton class Π_sing: the default policy `π₀ ≡ defaultAction` plus, for every cell `(h, s)` and every other
/// action `a`, the policy that plays `a` at `(h, s)` and the default everywhere else — `1 + H·S·(A − 1)` policies.
/// Its spanning capacity is `H + 1` whatever S is (Jia et al. 2023's standard example of a huge class with small
/// capacity: at layer h a deterministic MDP lets at most the default path's pair, its h − 1 … deviations' states and
/// the one deviation at h be reached).
public struct SingletonPolicyClass: PolicyClass, Equatable {
    public let horizon: Int
    /// S.
    public let states: Int
    /// A.
    public let actions: Int
    /// The default action of π₀.
    public let defaultAction: Int

    /// Π_sing on `states` states and `actions` actions over `horizon` stages.
    public init(states: Int, actions: Int, horizon: Int, defaultAction: Int = 0) {
        self.states = states
        self.actions = actions
        self.horizon = horizon
        self.defaultAction = defaultAction
    }

    public var count: Int { 1 + horizon * states * max(actions - 1, 0) }

    @inline(__always) public func action(_ policy: Int, stage: Int, state: Int) -> Int {
        guard policy > 0 else { return defaultAction }
        let deviation = policy - 1, others = actions - 1
        let cell = deviation / others
        guard cell == stage * states + state else { return defaultAction }
        let k = deviation % others
        return k < defaultAction ? k : k + 1
    }
}
