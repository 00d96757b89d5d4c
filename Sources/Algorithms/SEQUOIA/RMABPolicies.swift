import Tensor

/// Reference policies for a ``CoupledRMAB``: null, uniformly random feasible, myopic (largest immediate reward)
/// and the exact optimum by finite-horizon dynamic programming over all 2^J states; and a common-random-numbers
/// evaluator that scores any policy on the same draws.
public enum RMABPolicies {
    /// The all-zero action (always feasible when 𝒞 contains it; otherwise the first feasible action).
    public static func null(_ problem: CoupledRMAB) -> [Int] {
        problem.feasibleActions.first { $0.allSatisfy { $0 == 0 } } ?? problem.feasibleActions[0]
    }

    /// The feasible action with the largest immediate reward (ties: the first in enumeration order).
    public static func myopic(_ problem: CoupledRMAB, state: [Int]) -> [Int] {
        var best = problem.feasibleActions[0], bestReward = -Double.infinity
        for action in problem.feasibleActions {
            let reward = problem.reward(state, action)
            if reward > bestReward + 1e-12 {
                best = action
                bestReward = reward
            }
        }
        return best
    }

    /// A uniformly random feasible action.
    public static func random<G: RandomNumberGenerator>(_ problem: CoupledRMAB, using rng: inout G) -> [Int] {
        problem.feasibleActions[Int.random(in: 0..<problem.feasibleActions.count, using: &rng)]
    }

    /// The exact optimal non-stationary policy and value, by backward induction over H steps.
    public struct Optimal: Sendable {
        /// `actionIndex[t][stateCode]`: index into ``CoupledRMAB/feasibleActions`` at step t.
        public var actionIndex: [[Int]]
        /// V₀(s) per state code.
        public var values: [Double]
        /// E[V₀(s₀)] under the initial distribution.
        public var initialValue: Double
    }

    /// Backward induction with `E[V(s′)]` contracted arm by arm (2^J work per state-action pair).
    public static func optimal(_ problem: CoupledRMAB) -> Optimal {
        let arms = problem.armCount, states = 1 << arms
        var next = [Double](repeating: 0, count: states)
        var table: [[Int]] = []
        var scratch = [Double](repeating: 0, count: states)
        for _ in 0..<problem.horizon {
            var current = [Double](repeating: -Double.infinity, count: states)
            var choice = [Int](repeating: 0, count: states)
            for code in 0..<states {
                let state = (0..<arms).map { (code >> $0) & 1 }
                for (index, action) in problem.feasibleActions.enumerated() {
                    let value = problem.reward(state, action)
                        + problem.gamma * expectation(next, problem, state, action, &scratch)
                    if value > current[code] + 1e-12 {
                        current[code] = value
                        choice[code] = index
                    }
                }
            }
            table.insert(choice, at: 0)
            next = current
        }
        var initial = 0.0
        for code in 0..<states {
            var probability = 1.0
            for arm in 0..<arms {
                let good = problem.arms[arm].initialGood
                probability *= (code >> arm) & 1 == 1 ? good : 1 - good
            }
            initial += probability * next[code]
        }
        return Optimal(actionIndex: table, values: next, initialValue: initial)
    }

    /// `E[V(s′) | s, a]` for independent arms: contracts the highest bit first.
    static func expectation(
        _ values: [Double], _ problem: CoupledRMAB, _ state: [Int], _ action: [Int], _ scratch: inout [Double]
    ) -> Double {
        var size = values.count
        for index in 0..<size { scratch[index] = values[index] }
        for arm in stride(from: problem.armCount - 1, through: 0, by: -1) {
            let p = problem.arms[arm].goodProbability[state[arm]][action[arm]]
            size /= 2
            for low in 0..<size { scratch[low] = (1 - p) * scratch[low] + p * scratch[low + size] }
        }
        return scratch[0]
    }

    /// The discounted return `Σₜ γᵗ rₜ` of `policy` (called with the state and step) in each of `episodes` episodes,
    /// on draws from `seed` that do not depend on the policy (common random numbers across policies).
    /// - Throws: whatever `policy` throws (the MILP argmax).
    public static func evaluate(
        _ problem: CoupledRMAB, episodes: Int, seed: UInt64, policy: ([Int], Int) throws -> [Int]
    ) rethrows -> [Double] {
        var returns: [Double] = []
        for episode in 0..<episodes {
            var rng = Xoshiro256StarStar(seed: seed).derived("rmab/evaluation").derived(index: episode)
            func uniforms() -> [Double] { (0..<problem.armCount).map { _ in Double.random(in: 0..<1, using: &rng) } }
            var state = problem.initialState(uniforms: uniforms())
            var total = 0.0, discount = 1.0
            for step in 0..<problem.horizon {
                let action = try policy(state, step)
                total += discount * problem.reward(state, action)
                discount *= problem.gamma
                state = problem.next(state, action, uniforms: uniforms())
            }
            returns.append(total)
        }
        return returns
    }
}
