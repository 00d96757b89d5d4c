import Environments

extension TabularMDP {
    /// Samples one step from `(state, action)`: `r ~ Bernoulli(R[s, a])` (rewards in [0, 1]), `s' ~ P(· | s, a)`,
    /// terminated with probability `(P − continuing)[s, a, s'] / P[s, a, s']`.
    public func sampleStep(
        state: Int, action: Int, using generator: inout some RandomNumberGenerator
    ) -> (reward: Double, nextState: Int, terminated: Bool) {
        let reward: Double = Double.random(in: 0..<1, using: &generator) < self.reward(state, action) ? 1 : 0
        let base = index(state, action, 0)
        let next = TransitionTable.categoricalIndex(
            transitions[base..<(base + stateCount)], uniform: Double.random(in: 0..<1, using: &generator))
        let mass = transitions[base + next]
        let terminated = Double.random(in: 0..<1, using: &generator) * mass >= continuing[base + next]
        return (reward, next, terminated)
    }

    /// A start state drawn from ``initialDistribution``.
    public func sampleStart(using generator: inout some RandomNumberGenerator) -> Int {
        TransitionTable.categoricalIndex(initialDistribution, uniform: Double.random(in: 0..<1, using: &generator))
    }
}
