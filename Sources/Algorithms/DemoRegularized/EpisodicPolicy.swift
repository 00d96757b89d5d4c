import Environments

/// A non-stationary stochastic policy of a finite-horizon tabular problem: `π_h(a | s)` for stages h = 0..<H,
/// stored as `H` rows of `S·A` probabilities.
public struct EpisodicPolicy: Equatable, Sendable {
    /// `probabilities[h][s·A + a] = π_h(a | s)`.
    public var probabilities: [[Double]]
    /// Number of actions `A`.
    public let actionCount: Int

    /// A policy from its table.
    public init(probabilities: [[Double]], actionCount: Int) {
        self.probabilities = probabilities
        self.actionCount = actionCount
    }

    /// The deterministic policy `π_h(s) = actions[h][s]`.
    public init(actions: [[Int]], actionCount: Int) {
        self.actionCount = actionCount
        probabilities = actions.map { row in
            var table = [Double](repeating: 0, count: row.count * actionCount)
            for (state, action) in row.enumerated() { table[state * actionCount + action] = 1 }
            return table
        }
    }

    /// The horizon H.
    public var horizon: Int { probabilities.count }

    /// `π_h(· | s)`.
    public func distribution(stage: Int, state: Int) -> ArraySlice<Double> {
        probabilities[stage][(state * actionCount)..<((state + 1) * actionCount)]
    }

    /// Samples `a ~ π_h(· | s)` with one uniform draw.
    public func sample(stage: Int, state: Int, using generator: inout some RandomNumberGenerator) -> Int {
        TransitionTable.categoricalIndex(
            distribution(stage: stage, state: state), uniform: Double.random(in: 0..<1, using: &generator))
    }

    /// `E_ρ[V^π_0]` in `mdp` over `H` stages (undiscounted; terminal transitions end the episode).
    /// - Complexity: O(H·S²A).
    public func value(in mdp: TabularMDP) -> Double {
        var next = [Double](repeating: 0, count: mdp.stateCount)
        for stage in stride(from: horizon - 1, through: 0, by: -1) {
            let q = mdp.actionValues(values: next, gamma: 1)
            next = (0..<mdp.stateCount).map { state in
                let base = state * actionCount
                return (0..<actionCount).reduce(0.0) { $0 + probabilities[stage][base + $1] * q[base + $1] }
            }
        }
        return zip(mdp.initialDistribution, next).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The optimal finite-horizon policy of `mdp` and its value (backward induction).
    public static func optimal(in mdp: TabularMDP, horizon: Int) -> (policy: EpisodicPolicy, value: Double) {
        var next = [Double](repeating: 0, count: mdp.stateCount)
        var actions = [[Int]](repeating: [], count: horizon)
        let a = mdp.actionCount
        for stage in stride(from: horizon - 1, through: 0, by: -1) {
            let q = mdp.actionValues(values: next, gamma: 1)
            actions[stage] = (0..<mdp.stateCount).map { s in (0..<a).max { q[s * a + $0] < q[s * a + $1] } ?? 0 }
            next = (0..<mdp.stateCount).map { q[$0 * a + actions[stage][$0]] }
        }
        let policy = EpisodicPolicy(actions: actions, actionCount: a)
        return (policy, zip(mdp.initialDistribution, next).reduce(0) { $0 + $1.0 * $1.1 })
    }
}
