import Environments

/// Dynamic-programming planners on a known ``TabularMDP`` (Bellman 1957; Howard 1960; Sutton & Barto 2018, ch. 4).
public enum TabularPlanning {
    /// The result of a planner: V*, a greedy optimal policy π*(s) and the number of sweeps or improvements.
    public struct Solution: Equatable, Sendable {
        /// V(s) for every state.
        public var values: [Double]
        /// The chosen action in every state.
        public var policy: [Int]
        /// Value-iteration sweeps or policy-iteration improvement steps.
        public var iterations: Int
    }

    /// Value iteration: V ← max_a [R + γ P V] until the sup-norm change is below `tolerance`.
    /// - Parameters:
    ///   - mdp: the model. gamma: γ < 1 for a guaranteed contraction.
    ///   - tolerance: stopping threshold on ‖V_{k+1} − V_k‖∞.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for γ outside [0, 1) or an empty MDP.
    /// - Complexity: O(S²A) per sweep.
    public static func valueIteration(_ mdp: TabularMDP, gamma: Double, tolerance: Double = 1e-10,
                                      maxIterations: Int = 100_000) throws(TabularError) -> Solution {
        try validate(mdp, gamma: gamma)
        let result = mdp.valueIteration(gamma: gamma, tolerance: tolerance, maxIterations: maxIterations)
        return Solution(values: result.values, policy: result.policy, iterations: result.iterations)
    }

    /// Policy iteration: evaluate π exactly (iterating the Bellman expectation operator to `tolerance`), then
    /// improve greedily, keeping the current action on ties so the loop stops; ends when π is stable.
    /// - Parameters:
    ///   - mdp: the model. gamma: γ in [0, 1).
    ///   - tolerance: evaluation tolerance.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for γ outside [0, 1) or an empty MDP.
    /// - Complexity: O(S²A) per improvement plus the evaluation sweeps.
    public static func policyIteration(_ mdp: TabularMDP, gamma: Double, tolerance: Double = 1e-12,
                                       maxIterations: Int = 10_000) throws(TabularError) -> Solution {
        try validate(mdp, gamma: gamma)
        let a = mdp.actionCount
        var policy = [Int](repeating: 0, count: mdp.stateCount)
        var values = mdp.evaluate(policy: policy, gamma: gamma, tolerance: tolerance)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let q = mdp.actionValues(values: values, gamma: gamma)
            var stable = true
            for s in 0..<mdp.stateCount {
                var best = policy[s]
                for action in 0..<a where q[s * a + action] > q[s * a + best] + 1e-12 * Swift.max(1, abs(q[s * a + best])) {
                    best = action
                }
                if best != policy[s] {
                    policy[s] = best
                    stable = false
                }
            }
            if stable { break }
            values = mdp.evaluate(policy: policy, gamma: gamma, tolerance: tolerance)
        }
        return Solution(values: values, policy: policy, iterations: iterations)
    }

    private static func validate(_ mdp: TabularMDP, gamma: Double) throws(TabularError) {
        guard mdp.stateCount > 0, mdp.actionCount > 0 else {
            throw .invalidConfiguration("the MDP has no states or no actions")
        }
        guard gamma >= 0, gamma < 1 else {
            throw .invalidConfiguration("gamma must be in [0, 1) for planning, got \(gamma)")
        }
    }
}

/// Errors from tabular methods.
public enum TabularError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hyper-parameter or input is out of range.
    case invalidConfiguration(String)
    /// The environment's spaces are not tabular (Discrete observations and actions).
    case notTabular(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message): "tabular: invalid configuration: \(message)"
        case let .notTabular(message): "tabular: \(message)"
        }
    }
}
