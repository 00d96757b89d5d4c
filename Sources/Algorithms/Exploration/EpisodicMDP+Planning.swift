import Environments

extension EpisodicMDP {
    /// Which signal an evaluation sums: the reward r or the constraint signal u.
    public enum Signal: String, Codable, Sendable, CaseIterable {
        case reward, utility
    }

    /// Exact planning by backward induction: `Q*_h = r_h + P_h V*_{h+1}`, `V*_h = max_a Q*_h`, `V*_H = 0`.
    /// - Returns: the optimal deterministic policy (first maximising action), `V*_h(s)` for h = 0…H and
    ///   `V*_0(ρ) = Σ_s ρ(s) V*_0(s)`.
    /// - Complexity: O(H·S²A).
    public func optimal() -> (policy: EpisodicPolicy, values: [[Double]], value: Double) {
        let (s, a) = (stateCount, actionCount)
        var values = [[Double]](repeating: [Double](repeating: 0, count: s), count: horizon + 1)
        var actions = [[Int]](repeating: [], count: horizon)
        for stage in stride(from: horizon - 1, through: 0, by: -1) {
            let q = actionValues(stage: stage, next: values[stage + 1], signal: .reward)
            actions[stage] = (0..<s).map { state in
                var best = 0
                for action in 1..<a where q[state * a + action] > q[state * a + best] { best = action }
                return best
            }
            values[stage] = (0..<s).map { q[$0 * a + actions[stage][$0]] }
        }
        let policy = EpisodicPolicy(actions: actions, actionCount: a)
        return (policy, values, expectation(values[0]))
    }

    /// `Q_h(s, a) = x_h(s, a) + Σ_{s'} P_h(s' | s, a) next(s')` for the signal x.
    /// - Complexity: O(S²A).
    public func actionValues(stage: Int, next: [Double], signal: Signal) -> [Double] {
        let (s, a) = (stateCount, actionCount)
        let table = transitions[table(stage)]
        var q = [Double](repeating: 0, count: s * a)
        for row in 0..<(s * a) {
            var expected = 0.0
            let base = row * s
            for target in 0..<s where table[base + target] != 0 { expected += table[base + target] * next[target] }
            let state = row / a, action = row % a
            let x = signal == .reward ? reward(stage: stage, state, action) : utility(stage: stage, state, action)
            q[row] = x + expected
        }
        return q
    }

    /// `E_ρ[V^π_0]` of a (stochastic, non-stationary) policy for `signal`, exactly.
    /// - Complexity: O(H·S²A).
    public func value(of policy: EpisodicPolicy, signal: Signal = .reward) -> Double {
        expectation(stageValues(of: policy, signal: signal)[0])
    }

    /// `V^π_h(s)` for h = 0…H (the last row is 0).
    public func stageValues(of policy: EpisodicPolicy, signal: Signal = .reward) -> [[Double]] {
        let (s, a) = (stateCount, actionCount)
        var values = [[Double]](repeating: [Double](repeating: 0, count: s), count: horizon + 1)
        for stage in stride(from: horizon - 1, through: 0, by: -1) {
            let q = actionValues(stage: stage, next: values[stage + 1], signal: signal)
            let pi = policy.probabilities[stage]
            values[stage] = (0..<s).map { state in
                var total = 0.0
                for action in 0..<a { total += pi[state * a + action] * q[state * a + action] }
                return total
            }
        }
        return values
    }

    /// `Σ_s ρ(s) v(s)`.
    public func expectation(_ values: [Double]) -> Double {
        zip(initialDistribution, values).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
