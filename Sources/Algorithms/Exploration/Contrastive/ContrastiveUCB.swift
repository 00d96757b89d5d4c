import Tensor

/// Contrastive UCB for low-rank MDPs (Qiu, Wang, Bai, Yang & Wang, ICML 2022, arXiv:2207.14800; digest §7), in
/// SwiftRL's tabular form: every `refitEvery` episodes the representation φ̂ is refitted on all transitions so far by
/// the contrastive loss (``ContrastiveRepresentation``), and the episode's policy is LSVI-UCB's (``LSVIUCB``) on the
/// current φ̂ with the bonus `β‖φ̂‖_{Λ⁻¹}`. Pairs never visited get the optimistic `Q = H − h` (φ̂ carries no
/// information about them).
///
/// The paper plans with the learned model `P̂ = φ̂ᵀψ̂·P⁻` and the same elliptical bonus; this version uses
/// LSVI-UCB's least-squares backup on φ̂ instead (a model-free reading of the same bonus), stated as a deviation.
/// The zero-sum Markov-game version is ``MarkovGameULCB`` (per-state Nash LPs through GLPK).
public struct ContrastiveUCB: EpisodicLearner {
    /// The contrastive representation.
    public private(set) var representation: ContrastiveRepresentation
    /// LSVI-UCB on the current φ̂.
    public private(set) var planner: LSVIUCB
    /// Transition counts over all stages, `(s·A + a)·S + s'`.
    public private(set) var transitionCounts: [Double]
    /// Episodes between refits of φ̂, default 10.
    public let refitEvery: Int
    /// Adam steps per refit, default 50.
    public let fitSteps: Int
    /// Episodes finished so far.
    public private(set) var episodes = 0
    /// Refits done so far.
    public private(set) var fits = 0
    /// The contrastive loss after the last refit (nan before the first).
    public private(set) var lastLoss = Double.nan

    /// A fresh learner with a random representation.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for invalid sizes or settings.
    public init(
        stateCount: Int, actionCount: Int, horizon: Int, dimension: Int, beta: Double, lambda: Double = 1,
        refitEvery: Int = 10, fitSteps: Int = 50, learningRate: Double = 0.05,
        using generator: inout some RandomNumberGenerator
    ) throws(TabularError) {
        guard refitEvery > 0, fitSteps > 0 else {
            throw .invalidConfiguration("contrastive-ucb: refitEvery and fitSteps must be ≥ 1")
        }
        representation = try ContrastiveRepresentation(
            stateCount: stateCount, actionCount: actionCount, dimension: dimension, learningRate: learningRate,
            using: &generator)
        planner = try LSVIUCB(
            features: try representation.features, horizon: horizon, beta: beta, lambda: lambda,
            optimisticUnvisitedPairs: true)
        transitionCounts = Array(repeating: 0, count: stateCount * actionCount * stateCount)
        self.refitEvery = refitEvery
        self.fitSteps = fitSteps
    }

    public func plan(episodes: Int, start: [Double]) -> EpisodePlan { planner.plan(episodes: episodes, start: start) }

    public mutating func observe(stage: Int, state: Int, action: Int, reward: Double, utility: Double, next: Int) {
        planner.observe(stage: stage, state: state, action: action, reward: reward, utility: utility, next: next)
        let s = representation.stateCount
        transitionCounts[(state * representation.actionCount + action) * s + next] += 1
    }

    /// Counts the episode and refits φ̂ every ``refitEvery`` episodes.
    public mutating func finishEpisode() {
        episodes += 1
        guard episodes % refitEvery == 0 else { return }
        refit()
    }

    /// Refits φ̂ on all transitions so far and rebuilds LSVI-UCB's Gram matrices on it.
    public mutating func refit() {
        lastLoss = representation.fit(counts: transitionCounts, steps: fitSteps)
        fits += 1
        // Same S and A by construction, and the fitted tables stay finite and non-negative.
        if let map = try? representation.features { try? planner.replaceFeatures(map) }
    }
}
