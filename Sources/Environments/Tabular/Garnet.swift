/// Random Garnet MDPs (Archibald, McKinnon & Thomas 1995; Bhatnagar et al. 2009): `S` states, `A` actions, and
/// for each `(s, a)` a branching factor `b` of distinct next states whose probabilities split [0, 1] at `b − 1`
/// uniform cut points; rewards `R[s, a]` uniform in [0, 1). No terminal transitions.
public enum Garnet {
    /// Generates a Garnet MDP.
    /// - Parameters:
    ///   - states: `S`.
    ///   - actions: `A`.
    ///   - branching: Next states per `(s, a)`, `1…S`.
    ///   - generator: The random source.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for non-positive sizes or a branching factor above `S`.
    /// - Complexity: O(S·A·(S + b log b)).
    public static func make(
        states: Int, actions: Int, branching: Int,
        using generator: inout some RandomNumberGenerator
    ) throws(EnvironmentError) -> TabularMDP {
        guard states > 0, actions > 0, (1...states).contains(branching) else {
            throw .invalidOption(
                "Garnet: need states > 0, actions > 0 and 1 ≤ branching ≤ states (got \(states), \(actions), \(branching))"
            )
        }
        var mdp = TabularMDP(stateCount: states, actionCount: actions)
        for state in 0..<states {
            for action in 0..<actions {
                var candidates = Array(0..<states)
                for index in 0..<branching {
                    let pick = Int.random(in: index..<states, using: &generator)
                    candidates.swapAt(index, pick)
                }
                var cuts = (0..<(branching - 1)).map { _ in Double.random(in: 0..<1, using: &generator) }
                cuts.sort()
                let bounds = [0.0] + cuts + [1.0]
                let reward = Double.random(in: 0..<1, using: &generator)
                for index in 0..<branching {
                    mdp.addTransition(
                        state: state, action: action, nextState: candidates[index],
                        probability: bounds[index + 1] - bounds[index], reward: reward, terminated: false)
                }
            }
        }
        return mdp
    }
}
