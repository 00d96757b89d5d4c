import Environments

/// An online learner of a finite-horizon tabular MDP that
/// ``ExplorationTrace/run(_:in:episodes:constraint:points:using:afterEpisode:)`` can drive: it proposes the episode's plan, sees every step, and is told when the episode ends. UCBVI, StepMix and
/// EpsMix (``EpisodicExplorer``), LSVI-UCB (``LSVIUCB``) and Contrastive UCB (``ContrastiveUCB``) conform.
public protocol EpisodicLearner: Sendable {
    /// The plan for the next episode.
    /// - Parameters:
    ///   - episodes: K, the episode budget (in the confidence level's log term).
    ///   - start: ρ.
    func plan(episodes: Int, start: [Double]) -> EpisodePlan
    /// Records one transition.
    mutating func observe(stage: Int, state: Int, action: Int, reward: Double, utility: Double, next: Int)
    /// Called after the last step of every episode (default: nothing).
    mutating func finishEpisode()
}

extension EpisodicLearner {
    public mutating func finishEpisode() {}

    /// Plays `policy` for one episode in `mdp`, records every step and finishes the episode; returns the observed
    /// return.
    @discardableResult
    public mutating func play(
        _ policy: EpisodicPolicy, in mdp: EpisodicMDP, using generator: inout some RandomNumberGenerator
    ) -> Double {
        var state = mdp.sampleStart(using: &generator)
        var total = 0.0
        for stage in 0..<mdp.horizon {
            let action = policy.sample(stage: stage, state: state, using: &generator)
            let step = mdp.sampleStep(stage: stage, state: state, action: action, using: &generator)
            observe(
                stage: stage, state: state, action: action, reward: step.reward, utility: step.utility,
                next: step.nextState)
            total += step.reward
            state = step.nextState
        }
        finishEpisode()
        return total
    }
}
