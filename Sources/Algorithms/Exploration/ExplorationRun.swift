import Environments

/// An episode-wise constraint `V^{π_k}_{signal} ≥ threshold`, checked exactly against the true MDP (a
/// simulator-only oracle for experiments and tests).
public struct EpisodeConstraint: Codable, Equatable, Sendable {
    /// The signal whose value is constrained (the reward itself for conservative exploration).
    public var signal: EpisodicMDP.Signal
    /// The threshold.
    public var threshold: Double

    /// A constraint.
    public init(signal: EpisodicMDP.Signal, threshold: Double) {
        self.signal = signal
        self.threshold = threshold
    }
}

/// The accounting of one online run: regret `Σ_k V* − V^{π_k}` against exact planning (the value of the executed
/// policy, mixtures included, computed exactly) and the number of episodes whose policy violates the constraint.
public struct ExplorationTrace: Codable, Equatable, Sendable {
    /// Episodes at which the curves are recorded (1-based, increasing, ending at K).
    public var checkpoints: [Int] = []
    /// Cumulative regret at each checkpoint.
    public var cumulativeRegret: [Double] = []
    /// Cumulative violations at each checkpoint.
    public var cumulativeViolations: [Int] = []
    /// V* of the MDP.
    public var optimalValue = 0.0
    /// The constraint's threshold (nil without a constraint).
    public var threshold: Double?
    /// The smallest constrained value of an executed policy.
    public var minimumConstrainedValue = Double.infinity
    /// Mean exploration weight (1 for UCBVI, ε for EpsMix, θ/H for StepMix).
    public var meanExploration = 0.0

    /// Total regret.
    public var regret: Double { cumulativeRegret.last ?? 0 }
    /// Total violations.
    public var violations: Int { cumulativeViolations.last ?? 0 }

    /// Runs `explorer` for `episodes` episodes in `mdp`, recording the curves at `points` evenly spaced episodes;
    /// `afterEpisode(k, learner)` sees the learner after each episode k (for experiment-specific measurements).
    /// - Complexity: O(K·H·S²A) for the exact evaluations.
    public static func run<Learner: EpisodicLearner>(
        _ explorer: Learner, in mdp: EpisodicMDP, episodes: Int, constraint: EpisodeConstraint? = nil,
        points: Int = 100, using generator: inout some RandomNumberGenerator,
        afterEpisode: (Int, Learner) -> Void = { _, _ in }
    ) -> ExplorationTrace {
        var explorer = explorer
        var trace = ExplorationTrace()
        trace.optimalValue = mdp.optimal().value
        trace.threshold = constraint?.threshold
        let every = max(1, episodes / max(points, 1))
        let evaluator = EpisodicEvaluator(mdp)
        var regret = 0.0, violations = 0, exploration = 0.0
        for episode in 1...max(episodes, 1) {
            let plan = explorer.plan(episodes: episodes, start: mdp.initialDistribution)
            let value = plan.value(using: evaluator)
            regret += trace.optimalValue - value
            exploration += plan.exploration
            if let constraint {
                let constrained =
                    constraint.signal == .reward ? value : plan.value(using: evaluator, signal: constraint.signal)
                trace.minimumConstrainedValue = min(trace.minimumConstrainedValue, constrained)
                if constrained < constraint.threshold - 1e-12 { violations += 1 }
            }
            explorer.play(plan.draw(using: &generator), in: mdp, using: &generator)
            afterEpisode(episode, explorer)
            if episode % every == 0 || episode == episodes {
                trace.checkpoints.append(episode)
                trace.cumulativeRegret.append(regret)
                trace.cumulativeViolations.append(violations)
            }
        }
        trace.meanExploration = exploration / Double(max(episodes, 1))
        return trace
    }
}
