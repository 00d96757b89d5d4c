/// The study's planner for a set of trajectories: the empirical model (`P̂(s′|s, a)` and the mean reward of each
/// `(s, a, s′)` from counts; unseen `(s, a)` rows are all zero, so their Q is 0) and in-place value iteration
/// `Q(s, a) = Σ_{s′} P̂(s′|s, a)·(R̂(s, a, s′) + γ·V(s′))`, `V(s) = max_a Q(s, a)`, until a sweep changes no value
/// by more than the tolerance (γ 0.95, tolerance 1e-4; the study starts from random values, SwiftRL from 0).
public struct TabularTrajectoryModel: Sendable {
    /// Number of states.
    public let stateCount: Int
    /// Number of actions.
    public let actionCount: Int
    /// Visit counts of `(s, a, s′)`, row-major.
    public private(set) var counts: [Double]
    /// Summed rewards of `(s, a, s′)`.
    public private(set) var rewardSums: [Double]

    /// The model of `trajectories` (every step, the closing pseudo-step included).
    public init(stateCount: Int, actionCount: Int, trajectories: [[TabularStep]]) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        counts = [Double](repeating: 0, count: stateCount * actionCount * stateCount)
        rewardSums = counts
        for trajectory in trajectories {
            for step in trajectory {
                let i = (step.state * actionCount + step.action) * stateCount + step.nextState
                counts[i] += 1
                rewardSums[i] += step.reward
            }
        }
    }

    /// `Q[s · A + a]` by value iteration.
    /// - Parameters: gamma: γ (study 0.95). tolerance: the largest change of a sweep at which it stops (1e-4).
    public func actionValues(gamma: Double = 0.95, tolerance: Double = 1e-4, maxSweeps: Int = 100_000) -> [Double] {
        let s = stateCount, a = actionCount
        var rowTotals = [Double](repeating: 0, count: s * a)
        for row in 0..<(s * a) { for next in 0..<s { rowTotals[row] += counts[row * s + next] } }
        func q(_ state: Int, _ action: Int, _ values: [Double]) -> Double {
            let row = state * a + action
            guard rowTotals[row] > 0 else { return 0 }
            var total = 0.0
            for next in 0..<s where counts[row * s + next] > 0 {
                let c = counts[row * s + next]
                total += c / rowTotals[row] * (rewardSums[row * s + next] / c + gamma * values[next])
            }
            return total
        }
        var values = [Double](repeating: 0, count: s)
        for _ in 0..<maxSweeps {
            var delta = 0.0
            for state in 0..<s {
                let old = values[state]
                values[state] = (0..<a).map { q(state, $0, values) }.max() ?? 0
                delta = max(delta, abs(old - values[state]))
            }
            if delta < tolerance { break }
        }
        return (0..<(s * a)).map { q($0 / a, $0 % a, values) }
    }
}
