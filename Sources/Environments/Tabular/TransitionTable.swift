/// One possible result of taking an action in a tabular environment (an entry of Gymnasium's `P[s][a]`).
public struct TabularOutcome: Equatable, Sendable, Codable {
    /// Probability of this outcome.
    public var probability: Double
    /// The next state.
    public var nextState: Int
    /// The reward received.
    public var reward: Double
    /// Whether the episode terminates.
    public var terminated: Bool

    /// Creates an outcome.
    public init(probability: Double, nextState: Int, reward: Double, terminated: Bool) {
        self.probability = probability
        self.nextState = nextState
        self.reward = reward
        self.terminated = terminated
    }
}

/// Gymnasium's toy-text transition dictionary `P[s][a] = [(p, s', r, terminated), …]` plus the initial-state
/// distribution, with Gymnasium's sampling (`categorical_sample`: the first index whose cumulative probability
/// exceeds one `random()` draw, or 0 if none does).
public struct TransitionTable: Equatable, Sendable, Codable {
    /// Number of states.
    public let stateCount: Int
    /// Number of actions.
    public let actionCount: Int
    /// Outcomes, indexed `state * actionCount + action`, in Gymnasium's order.
    public var outcomes: [[TabularOutcome]]
    /// Probability of starting in each state.
    public var initialDistribution: [Double]

    /// Creates a table with no outcomes; fill ``outcomes`` afterwards.
    public init(stateCount: Int, actionCount: Int, initialDistribution: [Double]) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        outcomes = Array(repeating: [], count: stateCount * actionCount)
        self.initialDistribution = initialDistribution
    }

    /// The outcomes of `action` in `state`.
    public func outcomes(state: Int, action: Int) -> [TabularOutcome] { outcomes[state * actionCount + action] }

    /// Appends an outcome.
    public mutating func append(state: Int, action: Int, _ outcome: TabularOutcome) {
        outcomes[state * actionCount + action].append(outcome)
    }

    /// Gymnasium's `categorical_sample`: `argmax(cumsum(p) > u)` with one uniform draw.
    public static func categoricalIndex<C: Collection>(_ probabilities: C, uniform u: Double) -> Int
    where C.Element == Double {
        var total = 0.0
        for (index, probability) in probabilities.enumerated() {
            total += probability
            if total > u { return index }
        }
        return 0
    }

    /// The tabular MDP with `P[s, a, s']`, expected rewards `R[s, a]` and continuation mass.
    public var mdp: TabularMDP {
        var model = TabularMDP(stateCount: stateCount, actionCount: actionCount)
        for state in 0..<stateCount {
            for action in 0..<actionCount {
                for outcome in self.outcomes(state: state, action: action) {
                    model.addTransition(
                        state: state, action: action, nextState: outcome.nextState,
                        probability: outcome.probability, reward: outcome.reward,
                        terminated: outcome.terminated)
                }
            }
        }
        model.initialDistribution = initialDistribution
        return model
    }
}
