/// An environment that samples a ``TabularMDP``: start from ``TabularMDP/initialDistribution``, then
/// `s' ~ P[s, a, ·]`, reward `R[s, a]`; the transition terminates with probability
/// `(P − continuing)[s, a, s'] / P[s, a, s']`.
public struct TabularEnvironment: Environment, Sendable {
    /// The MDP.
    public let mdp: TabularMDP
    /// The current state.
    public private(set) var state = 0
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates the environment.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when rows of `P` do not sum to 1.
    public init(mdp: TabularMDP) throws(EnvironmentError) {
        guard mdp.stateCount > 0, mdp.actionCount > 0, mdp.normalizationError < 1e-9 else {
            throw .invalidOption("TabularEnvironment: every row of P must sum to 1 (error \(mdp.normalizationError))")
        }
        self.mdp = mdp
    }

    public var observationSpace: Space { .discrete(DiscreteSpace(validN: mdp.stateCount)) }
    public var actionSpace: Space { .discrete(DiscreteSpace(validN: mdp.actionCount)) }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Int> {
        random.prepare(seed: seed)
        state = TransitionTable.categoricalIndex(mdp.initialDistribution, uniform: random.random())
        return Reset(observation: state)
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        guard (0..<mdp.actionCount).contains(action) else {
            throw .invalidAction("TabularEnvironment: action \(action) is outside 0..<\(mdp.actionCount)")
        }
        let base = mdp.index(state, action, 0)
        let row = mdp.transitions[base..<(base + mdp.stateCount)]
        let next = TransitionTable.categoricalIndex(row, uniform: random.random())
        let total = mdp.transitions[base + next]
        let terminal = total - mdp.continuing[base + next]
        let terminated = terminal > 0 && random.random() * total < terminal
        let reward = mdp.reward(state, action)
        state = next
        return Step(observation: next, reward: reward, terminated: terminated, truncated: false)
    }
}
