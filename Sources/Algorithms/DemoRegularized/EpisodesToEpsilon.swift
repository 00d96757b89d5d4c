import Environments

/// The best-policy-identification metric of the demonstration-regularised experiments: how many online episodes an
/// agent needs before its recommendation (its plan without bonus) is ε-optimal, `V^rec ≥ V* − ε`.
public struct EpisodesToEpsilon: Codable, Equatable, Sendable {
    /// The first evaluated episode whose recommendation is ε-optimal (the budget when never).
    public var episodes: Int
    /// Whether that happened within the budget.
    public var reached: Bool
    /// The value of the final recommendation.
    public var finalValue: Double

    /// Runs `agent` for `budget` episodes in `mdp`, evaluating its recommendation exactly at episode 0 and every
    /// `every` episodes.
    /// - Parameters:
    ///   - agent: the (fresh or pre-loaded) agent; copied.
    ///   - mdp: the true model (rewards in [0, 1]; observations are Bernoulli draws).
    ///   - optimum: V* of the horizon.
    ///   - epsilon: ε.
    ///   - budget: K, the number of episodes.
    ///   - every: evaluation period.
    /// - Complexity: O(K·H·S²A).
    public static func measure(
        _ agent: OptimisticEpisodicAgent, in mdp: TabularMDP, optimum: Double, epsilon: Double, budget: Int,
        every: Int, using generator: inout some RandomNumberGenerator
    ) -> EpisodesToEpsilon {
        var agent = agent
        var value = agent.plan(bonus: false, episodes: budget).value(in: mdp)
        var reached: Int? = value >= optimum - epsilon ? 0 : nil
        for episode in stride(from: 1, through: budget, by: 1) {
            agent.playEpisode(agent.plan(bonus: true, episodes: budget), in: mdp, using: &generator)
            if episode % max(1, every) == 0 || episode == budget {
                value = agent.plan(bonus: false, episodes: budget).value(in: mdp)
                if reached == nil, value >= optimum - epsilon { reached = episode }
            }
        }
        return EpisodesToEpsilon(episodes: reached ?? budget, reached: reached != nil, finalValue: value)
    }

    /// One trajectory of `policy` in `mdp` from its initial distribution (at most `policy.horizon` steps).
    public static func rollout(
        _ policy: EpisodicPolicy, in mdp: TabularMDP, using generator: inout some RandomNumberGenerator
    ) -> [DemonstrationStep] {
        var state = mdp.sampleStart(using: &generator)
        var steps: [DemonstrationStep] = []
        for stage in 0..<policy.horizon {
            let action = policy.sample(stage: stage, state: state, using: &generator)
            steps.append(DemonstrationStep(state: state, action: action))
            let step = mdp.sampleStep(state: state, action: action, using: &generator)
            if step.terminated { break }
            state = step.nextState
        }
        return steps
    }
}
