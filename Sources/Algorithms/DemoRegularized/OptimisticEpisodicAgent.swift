import Foundation
import Environments

/// A model-based optimistic agent for finite-horizon tabular problems: counts `n(s, a)`, mean rewards and next-state
/// frequencies; plans by backward induction `Q_h = min(H − h, r̂ + b + P̂ V_{h+1})` with the ``DemoRegularizedConfig``
/// bonus (``ExplorationBonus/hoeffding(scale:)``, shared with ``UCBVI``), and `V_h = max_a Q_h` (UCBVI; ties at the
/// clip go to the largest unclipped bound, so a saturated bonus
/// still explores) or the ``SoftBackup`` toward π^BC (demonstration-regularised; ties follow π^BC).
/// The recommendation (``plan(bonus:episodes:)`` without bonus) is what best-policy identification outputs.
public struct OptimisticEpisodicAgent: Sendable {
    /// The hyper-parameters.
    public let config: DemoRegularizedConfig
    /// π^BC, the KL reference (used when λ is set).
    public let reference: EpisodicPolicy?
    /// A known reward `r(s, a)` replacing the empirical mean (the RLHF variant's learned reward), or nil.
    public let knownReward: [Double]?
    /// Number of states and actions.
    public let stateCount: Int, actionCount: Int
    private var counts: [Double]
    private var rewardSums: [Double]
    private var continuing: [Double]

    /// A fresh agent.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for an invalid config, λ without a reference of the right
    ///   shape, or a known reward of the wrong length.
    public init(
        config: DemoRegularizedConfig, stateCount: Int, actionCount: Int, reference: EpisodicPolicy? = nil,
        knownReward: [Double]? = nil
    ) throws(TabularError) {
        try config.validate()
        if config.lambda != nil {
            guard let reference, reference.horizon == config.horizon, reference.actionCount == actionCount,
                reference.probabilities.allSatisfy({ $0.count == stateCount * actionCount })
            else {
                throw .invalidConfiguration("demoRegularized.lambda needs a reference π^BC with H × S·A probabilities")
            }
        }
        if let knownReward, knownReward.count != stateCount * actionCount {
            throw .invalidConfiguration("knownReward needs S·A = \(stateCount * actionCount) entries")
        }
        self.config = config
        self.reference = reference
        self.knownReward = knownReward
        self.stateCount = stateCount
        self.actionCount = actionCount
        counts = Array(repeating: 0, count: stateCount * actionCount)
        rewardSums = counts
        continuing = Array(repeating: 0, count: stateCount * actionCount * stateCount)
    }

    /// Records one transition.
    public mutating func observe(state: Int, action: Int, reward: Double, nextState: Int, terminated: Bool) {
        let pair = state * actionCount + action
        counts[pair] += 1
        rewardSums[pair] += reward
        if !terminated { continuing[pair * stateCount + nextState] += 1 }
    }

    /// Backward induction on the empirical model: with the optimistic bonus (the acting policy) or without it
    /// (the recommendation).
    /// - Parameters:
    ///   - bonus: add `β·H·sqrt(L/n)` and value unseen pairs at `H − h`.
    ///   - episodes: K in `L = log(S·A·H·K/δ)`.
    /// - Complexity: O(H·S²A).
    public func plan(bonus: Bool, episodes: Int) -> EpisodicPolicy {
        let s = stateCount, a = actionCount, horizon = config.horizon
        let logTerm = ExplorationBonus.logTerm(
            states: s, actions: a, horizon: horizon, episodes: episodes, delta: config.delta)
        let hoeffding = ExplorationBonus.hoeffding(scale: config.bonusScale)
        var next = [Double](repeating: 0, count: s)
        var table = [[Double]](repeating: [], count: horizon)
        for stage in stride(from: horizon - 1, through: 0, by: -1) {
            let cap = Double(horizon - stage)
            var q = [Double](repeating: 0, count: s * a)
            var unclipped = q  // breaks ties among actions clipped at H − h: the larger raw upper bound wins
            for pair in 0..<(s * a) {
                let n = counts[pair]
                let reward = knownReward?[pair] ?? (n > 0 ? rewardSums[pair] / n : 0)
                var expected = 0.0
                if n > 0 {
                    for target in 0..<s where continuing[pair * s + target] > 0 {
                        expected += continuing[pair * s + target] / n * next[target]
                    }
                }
                if bonus {
                    let width = n > 0 ? hoeffding.width(count: n, horizon: horizon, logTerm: logTerm, variance: 0) : cap
                    unclipped[pair] = n > 0 ? reward + width + expected : .infinity
                    q[pair] = min(cap, unclipped[pair])
                } else {
                    q[pair] = reward + expected
                }
            }
            var row = [Double](repeating: 0, count: s * a)
            for state in 0..<s {
                let slice = q[(state * a)..<((state + 1) * a)]
                let choice: [Double]
                if let lambda = config.lambda, let reference {
                    let prior = reference.distribution(stage: stage, state: state)
                    choice = SoftBackup.policy(q: slice, reference: prior, lambda: lambda)
                    next[state] = SoftBackup.value(q: slice, reference: prior, lambda: lambda)
                } else {
                    let best =
                        slice.indices.max {
                            (slice[$0], unclipped[$0]) < (slice[$1], unclipped[$1])
                        } ?? slice.startIndex
                    choice = slice.indices.map { $0 == best ? 1 : 0 }
                    next[state] = slice[best]
                }
                for action in 0..<a { row[state * a + action] = choice[action] }
            }
            table[stage] = row
        }
        return EpisodicPolicy(probabilities: table, actionCount: a)
    }

    /// Plays one episode of `policy` in `mdp` (rewards `~ Bernoulli(R[s, a])`) and records it.
    public mutating func playEpisode(
        _ policy: EpisodicPolicy, in mdp: TabularMDP, using generator: inout some RandomNumberGenerator
    ) {
        var state = mdp.sampleStart(using: &generator)
        for stage in 0..<config.horizon {
            let action = policy.sample(stage: stage, state: state, using: &generator)
            let step = mdp.sampleStep(state: state, action: action, using: &generator)
            observe(
                state: state, action: action, reward: step.reward, nextState: step.nextState,
                terminated: step.terminated)
            if step.terminated { break }
            state = step.nextState
        }
    }
}
