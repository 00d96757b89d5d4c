/// A finite MDP as dense arrays, for planning and theory algorithms: `P[s, a, s']`, expected immediate rewards
/// `R[s, a]`, and `continuing[s, a, s']` — the part of `P` whose transitions do not end the episode, so that
/// `Q(s, a) = R[s, a] + γ Σ_{s'} continuing[s, a, s'] · V(s')` treats terminal transitions correctly.
public struct TabularMDP: Equatable, Sendable, Codable {
    /// Number of states `S`.
    public let stateCount: Int
    /// Number of actions `A`.
    public let actionCount: Int
    /// `P[s, a, s']`, row-major, `S·A·S` entries; each `(s, a)` row sums to 1.
    public var transitions: [Double]
    /// `R[s, a]`, the expected immediate reward, `S·A` entries.
    public var rewards: [Double]
    /// Non-terminal transition mass `P[s, a, s'] · (1 − terminated)`, `S·A·S` entries.
    public var continuing: [Double]
    /// Start-state distribution, `S` entries.
    public var initialDistribution: [Double]

    /// Creates an all-zero MDP (fill it with ``addTransition(state:action:nextState:probability:reward:terminated:)``).
    public init(stateCount: Int, actionCount: Int) {
        self.stateCount = max(0, stateCount)
        self.actionCount = max(0, actionCount)
        transitions = Array(repeating: 0, count: self.stateCount * self.actionCount * self.stateCount)
        continuing = transitions
        rewards = Array(repeating: 0, count: self.stateCount * self.actionCount)
        initialDistribution = Array(
            repeating: self.stateCount > 0 ? 1 / Double(self.stateCount) : 0,
            count: self.stateCount)
    }

    /// Index of `P[s, a, s']`.
    @inline(__always) public func index(_ state: Int, _ action: Int, _ nextState: Int) -> Int {
        (state * actionCount + action) * stateCount + nextState
    }

    /// `P[s, a, s']`.
    public func probability(_ state: Int, _ action: Int, _ nextState: Int) -> Double {
        transitions[index(state, action, nextState)]
    }

    /// `R[s, a]`.
    public func reward(_ state: Int, _ action: Int) -> Double { rewards[state * actionCount + action] }

    /// Adds probability mass for one outcome and its contribution to the expected reward.
    public mutating func addTransition(
        state: Int, action: Int, nextState: Int, probability: Double, reward: Double,
        terminated: Bool
    ) {
        let i = index(state, action, nextState)
        transitions[i] += probability
        if !terminated { continuing[i] += probability }
        rewards[state * actionCount + action] += probability * reward
    }

    /// The largest deviation of a row sum of `P` from 1 (0 for a valid MDP).
    public var normalizationError: Double {
        var worst = 0.0
        for row in 0..<(stateCount * actionCount) {
            var sum = 0.0
            for next in 0..<stateCount { sum += transitions[row * stateCount + next] }
            worst = max(worst, abs(sum - 1))
        }
        return worst
    }

    /// `Q(s, a) = R[s, a] + γ Σ continuing[s, a, s'] V(s')`.
    public func actionValues(values: [Double], gamma: Double) -> [Double] {
        var q = rewards
        for row in 0..<(stateCount * actionCount) {
            var expected = 0.0
            let base = row * stateCount
            for next in 0..<stateCount where continuing[base + next] != 0 {
                expected += continuing[base + next] * values[next]
            }
            q[row] += gamma * expected
        }
        return q
    }

    /// Value iteration until the sup-norm change is below `tolerance` (or `maxIterations`).
    /// - Returns: Optimal state values, a greedy policy (first maximising action) and the iterations used.
    /// - Complexity: O(S²A) per iteration.
    public func valueIteration(gamma: Double, tolerance: Double = 1e-10, maxIterations: Int = 100_000)
        -> (values: [Double], policy: [Int], iterations: Int)
    {
        var values = [Double](repeating: 0, count: stateCount)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let q = actionValues(values: values, gamma: gamma)
            var change = 0.0
            for state in 0..<stateCount {
                var best = -Double.infinity
                for action in 0..<actionCount { best = max(best, q[state * actionCount + action]) }
                change = max(change, abs(best - values[state]))
                values[state] = best
            }
            if change < tolerance { break }
        }
        return (values, greedyPolicy(values: values, gamma: gamma), iterations)
    }

    /// The greedy policy with respect to `values`.
    public func greedyPolicy(values: [Double], gamma: Double) -> [Int] {
        let q = actionValues(values: values, gamma: gamma)
        return (0..<stateCount).map { state in
            var best = 0
            for action in 1..<max(1, actionCount) where q[state * actionCount + action] > q[state * actionCount + best]
            {
                best = action
            }
            return best
        }
    }

    /// Exact evaluation of a deterministic policy by iterating the Bellman expectation operator.
    /// - Returns: `V^π`.
    public func evaluate(policy: [Int], gamma: Double, tolerance: Double = 1e-12, maxIterations: Int = 100_000)
        -> [Double]
    {
        var values = [Double](repeating: 0, count: stateCount)
        for _ in 0..<maxIterations {
            let q = actionValues(values: values, gamma: gamma)
            var change = 0.0
            for state in 0..<stateCount {
                let value = q[state * actionCount + policy[state]]
                change = max(change, abs(value - values[state]))
                values[state] = value
            }
            if change < tolerance { break }
        }
        return values
    }
}
