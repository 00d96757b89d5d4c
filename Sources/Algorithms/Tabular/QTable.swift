/// Action values Q(s, a) for a finite MDP, row-major `S × A`.
public struct QTable: Codable, Equatable, Sendable {
    /// Number of states.
    public let stateCount: Int
    /// Number of actions.
    public let actionCount: Int
    /// Q(s, a) at `s * actionCount + a`.
    public var values: [Double]

    /// A table filled with `initialValue`.
    public init(stateCount: Int, actionCount: Int, initialValue: Double = 0) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        values = Array(repeating: initialValue, count: stateCount * actionCount)
    }

    /// Q(s, a).
    public subscript(state: Int, action: Int) -> Double {
        get { values[state * actionCount + action] }
        set { values[state * actionCount + action] = newValue }
    }

    /// max_a Q(s, a).
    public func maxValue(_ state: Int) -> Double {
        var best = -Double.infinity
        for a in 0..<actionCount { best = Swift.max(best, self[state, a]) }
        return best
    }

    /// The first action with the largest Q(s, ·) (deterministic).
    public func greedyAction(_ state: Int) -> Int {
        var best = 0
        for a in 1..<Swift.max(actionCount, 1) where self[state, a] > self[state, best] { best = a }
        return best
    }

    /// A largest-Q action with ties broken uniformly at random (so untrained states are explored evenly).
    public func greedyAction<G: RandomNumberGenerator>(_ state: Int, using rng: inout G) -> Int {
        let best = maxValue(state)
        var ties = 0, choice = 0
        for a in 0..<actionCount where self[state, a] == best {
            ties += 1
            if rng.int(below: ties) == 0 { choice = a }  // reservoir sampling over the tied actions
        }
        return choice
    }

    /// The deterministic greedy policy, one action per state.
    public var greedyPolicy: [Int] { (0..<stateCount).map { greedyAction($0) } }

    /// Σ_a π(a|s) Q(s, a) for the ε-greedy policy (ε spread uniformly, 1 − ε on the greedy actions, split
    /// evenly among ties) — expected SARSA's target (van Seijen et al. 2009).
    public func epsilonGreedyExpectation(_ state: Int, epsilon: Double) -> Double {
        let best = maxValue(state)
        var sum = 0.0, ties = 0
        for a in 0..<actionCount {
            sum += self[state, a]
            if self[state, a] == best { ties += 1 }
        }
        return epsilon * sum / Double(actionCount) + (1 - epsilon) * best
    }
}
