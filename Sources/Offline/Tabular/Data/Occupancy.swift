import Environments

/// State-action occupancies and the single-policy concentrability coefficient of Rashidinejad et al. (2021, §2).
public enum Occupancy {
    /// The normalised discounted occupancy `d^π(s, a) = (1 − γ) Σ_t γ^t Pr(s_t = s, a_t = a)` of a deterministic
    /// policy from the MDP's initial distribution, renormalised to sum to 1 when episodes can terminate. With γ = 0
    /// it is `ρ(s)·1[a = π(s)]`, the contextual-bandit case.
    /// - Complexity: O(S² · iterations); stops when the sup-norm change is below 1e-13.
    public static func discounted(_ mdp: TabularMDP, policy: [Int], gamma: Double) -> [Double] {
        let s = mdp.stateCount, a = mdp.actionCount
        var states = mdp.initialDistribution.map { $0 * (1 - gamma) }
        var visit = mdp.initialDistribution
        var weight = 1.0
        while weight > 1e-13 && gamma > 0 {
            var next = [Double](repeating: 0, count: s)
            for state in 0..<s where visit[state] > 0 {
                let base = mdp.index(state, policy[state], 0)
                for target in 0..<s { next[target] += visit[state] * mdp.continuing[base + target] }
            }
            weight *= gamma
            visit = next
            for state in 0..<s { states[state] += (1 - gamma) * weight * visit[state] }
            if visit.reduce(0, +) * weight < 1e-13 { break }
        }
        let total = states.reduce(0, +)
        var occupancy = [Double](repeating: 0, count: s * a)
        for state in 0..<s where total > 0 { occupancy[state * a + policy[state]] = states[state] / total }
        return occupancy
    }

    /// `C* = max_{s,a} d^{π*}(s, a) / μ(s, a)` over pairs the target visits (∞ if μ misses one of them).
    /// C* = 1 means expert data; large C* means the data rarely shows the expert's actions.
    public static func concentrability(target: [Double], data: [Double]) -> Double {
        var worst = 0.0
        for (d, mu) in zip(target, data) where d > 0 {
            if mu <= 0 { return .infinity }
            worst = max(worst, d / mu)
        }
        return worst
    }
}
