import Environments

/// Suboptimality of a deterministic policy in a known MDP, normalised to [0, 1] for rewards in [0, 1]:
/// `(1 − γ) · Σ_s ρ(s) (V*(s) − V^π(s))` (the plain regret `E_ρ[r(a*) − r(π)]` of a bandit when γ = 0).
public struct PolicyGap: Sendable {
    /// The MDP.
    public let mdp: TabularMDP
    /// γ in [0, 1).
    public let gamma: Double
    /// V*.
    public let optimalValues: [Double]

    /// Solves the MDP once.
    /// - Complexity: O(S²A) per value-iteration sweep.
    public init(mdp: TabularMDP, gamma: Double) {
        self.mdp = mdp
        self.gamma = gamma
        optimalValues = mdp.valueIteration(gamma: gamma, tolerance: 1e-12).values
    }

    /// `(1 − γ) ρᵀ(V* − V^π)`, clamped at 0 against round-off.
    public func suboptimality(_ policy: [Int]) -> Double {
        let values = mdp.evaluate(policy: policy, gamma: gamma, tolerance: 1e-12)
        var gap = 0.0
        for state in 0..<mdp.stateCount {
            gap += mdp.initialDistribution[state] * (optimalValues[state] - values[state])
        }
        return max(0, (1 - gamma) * gap)
    }
}
