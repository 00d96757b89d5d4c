import Environments

extension TabularMDP {
    /// A (contextual) Bernoulli bandit as a one-step MDP: context `s` drawn from `contextDistribution`, arm `a` pays
    /// Bernoulli(`means[s][a]`) and ends the episode. A multi-armed bandit is one context.
    /// - Parameters:
    ///   - means: mean reward of every arm in every context, each in [0, 1].
    ///   - contextDistribution: ρ over contexts (default uniform).
    /// - Throws: ``TabularOfflineError/invalidConfiguration(_:)`` for ragged or empty means, means outside [0, 1] or
    ///   a context distribution that is not a probability vector of the right length.
    public static func contextualBandit(means: [[Double]], contextDistribution: [Double]? = nil)
        throws(TabularOfflineError) -> TabularMDP
    {
        guard let arms = means.first?.count, arms > 0, means.allSatisfy({ $0.count == arms }) else {
            throw .invalidConfiguration("contextualBandit: means must be non-empty rows of equal length")
        }
        guard means.joined().allSatisfy({ (0...1).contains($0) }) else {
            throw .invalidConfiguration("contextualBandit: every mean must be in [0, 1]")
        }
        var mdp = TabularMDP(stateCount: means.count, actionCount: arms)
        if let rho = contextDistribution {
            guard rho.count == means.count, rho.allSatisfy({ $0 >= 0 }), abs(rho.reduce(0, +) - 1) < 1e-9 else {
                throw .invalidConfiguration(
                    "contextualBandit: contextDistribution needs \(means.count) non-negative entries summing to 1")
            }
            mdp.initialDistribution = rho
        }
        for (context, row) in means.enumerated() {
            for (arm, mean) in row.enumerated() {
                mdp.addTransition(
                    state: context, action: arm, nextState: context, probability: 1, reward: mean, terminated: true)
            }
        }
        return mdp
    }
}
