import Foundation

/// LSVI-UCB (Jin, Yang, Wang & Jordan, "Provably Efficient Reinforcement Learning with Linear Function
/// Approximation", COLT 2020, arXiv:1907.05388, Algorithm 1) on a tabular MDP with a feature map φ: per stage h,
///
/// - `Λ_h = λI + Σ_τ φ(s_h^τ, a_h^τ)φ(s_h^τ, a_h^τ)ᵀ`, with `Λ_h⁻¹` kept by Sherman–Morrison (``InverseGram``);
/// - `w_h = Λ_h⁻¹ Σ_τ φ(s_h^τ, a_h^τ)·(r_h^τ + V_{h+1}(s_{h+1}^τ))` (the observed reward is regressed together with
///   the next value);
/// - `Q_h(s, a) = min(H − h, w_hᵀφ(s, a) + β‖φ(s, a)‖_{Λ_h⁻¹})`, `V_h = max_a Q_h`, `V_H = 0`; act greedily.
///
/// The sums over τ are taken through the per-stage counts of an ``EpisodicModel`` (the same data, grouped by
/// `(s, a)`), so planning costs O(H·(S·A·(d² + successors))) whatever the number of episodes.
public struct LSVIUCB: EpisodicLearner {
    /// β: the bonus multiplier of `β‖φ‖_{Λ⁻¹}` (Jin et al. 2020, Alg. 1; theory `c·d·H·sqrt(ι)`), see
    /// ``bonusMultiplier(scale:dimension:horizon:episodes:delta:)``.
    public var beta: Double
    /// λ: the ridge of `Λ_h` (Jin et al. 2020, Alg. 1), default 1.
    public let lambda: Double
    /// When true, a pair never visited at any stage gets the optimistic `Q = H − h` (for learned features, which
    /// carry no information about pairs without data); default false.
    public var optimisticUnvisitedPairs: Bool
    /// The feature map φ.
    public private(set) var features: FeatureMap
    /// Per-stage counts, reward sums and successor counts.
    public private(set) var model: EpisodicModel
    /// `Λ_h⁻¹` for h = 0..<H.
    public private(set) var inverses: [InverseGram]
    /// Visits of each pair over all stages.
    public private(set) var pairVisits: [Double]

    /// `β = c·H·sqrt(log(d·H·K/δ))`: the Hoeffding-style multiplier SwiftRL uses by default; with one-hot features
    /// (d = S·A, λ → 0) the bonus is UCBVI's `c·H·sqrt(L/n)` up to the log term. Jin et al.'s theory value has an
    /// extra factor d.
    public static func bonusMultiplier(scale c: Double, dimension: Int, horizon: Int, episodes: Int, delta: Double)
        -> Double
    {
        c * Double(horizon) * log(Double(dimension) * Double(horizon) * Double(max(episodes, 1)) / delta).squareRoot()
    }

    /// A fresh learner.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for H < 1, β < 0 or λ ≤ 0.
    public init(
        features: FeatureMap, horizon: Int, beta: Double, lambda: Double = 1, optimisticUnvisitedPairs: Bool = false
    ) throws(TabularError) {
        guard horizon > 0 else { throw .invalidConfiguration("lsvi-ucb: need H ≥ 1, got \(horizon)") }
        guard beta >= 0, beta.isFinite else { throw .invalidConfiguration("lsvi-ucb: β must be ≥ 0, got \(beta)") }
        guard lambda > 0, lambda.isFinite else {
            throw .invalidConfiguration("lsvi-ucb: λ must be > 0, got \(lambda)")
        }
        self.beta = beta
        self.lambda = lambda
        self.optimisticUnvisitedPairs = optimisticUnvisitedPairs
        self.features = features
        model = EpisodicModel(
            stateCount: features.stateCount, actionCount: features.actionCount, horizon: horizon,
            stageDependent: true)
        inverses = Array(repeating: InverseGram(dimension: features.dimension, lambda: lambda), count: horizon)
        pairVisits = Array(repeating: 0, count: features.stateCount * features.actionCount)
    }

    /// Records one transition and updates `Λ_h⁻¹` by Sherman–Morrison.
    public mutating func observe(stage: Int, state: Int, action: Int, reward: Double, utility: Double, next: Int) {
        let pair = state * features.actionCount + action
        model.observe(stage: stage, state: state, action: action, reward: reward, utility: utility, next: next)
        inverses[stage].update(with: features.row(pair))
        pairVisits[pair] += 1
    }

    /// Replaces φ (e.g. after refitting a learned representation) and rebuilds every `Λ_h⁻¹` from the counts.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` when the new map's S or A differ.
    public mutating func replaceFeatures(_ map: FeatureMap) throws(TabularError) {
        guard map.stateCount == features.stateCount, map.actionCount == features.actionCount else {
            throw .invalidConfiguration("lsvi-ucb: the new features need S = \(features.stateCount), "
                + "A = \(features.actionCount)")
        }
        features = map
        for stage in 0..<model.horizon {
            var inverse = InverseGram(dimension: map.dimension, lambda: lambda)
            for pair in 0..<(map.stateCount * map.actionCount) {
                let n = model.count(stage: stage, pair: pair)
                if n > 0 { inverse.update(with: map.row(pair), weight: n) }
            }
            inverses[stage] = inverse
        }
    }

    /// `w_h = Λ_h⁻¹ Σ_τ φ_τ (r_τ + V_{h+1}(s'_τ))` for the next-stage values `next`.
    /// - Complexity: O(S·A·(d + successors) + d²).
    public func weights(stage: Int, next: [Double]) -> [Double] {
        let d = features.dimension
        var target = [Double](repeating: 0, count: d)
        for pair in 0..<(features.stateCount * features.actionCount) {
            let n = model.count(stage: stage, pair: pair)
            guard n > 0 else { continue }
            let mean = model.moments(stage: stage, pair: pair, of: next).mean
            let y = n * (model.meanReward(stage: stage, pair: pair) + mean)
            let phi = features.row(pair)
            for k in 0..<d { target[k] += y * phi[phi.startIndex + k] }
        }
        return inverses[stage].multiply(target)
    }

    /// The optimistic values `Q_h(s, a)` (S·A) at `stage` from the next-stage values.
    public func actionValues(stage: Int, next: [Double]) -> [Double] {
        let w = weights(stage: stage, next: next), cap = Double(model.horizon - stage), d = features.dimension
        return (0..<(features.stateCount * features.actionCount)).map { pair in
            if optimisticUnvisitedPairs && pairVisits[pair] == 0 { return cap }
            let phi = features.row(pair)
            var mean = 0.0
            for k in 0..<d { mean += w[k] * phi[phi.startIndex + k] }
            let width = beta * max(inverses[stage].quadraticForm(phi), 0).squareRoot()
            return min(cap, mean + width)
        }
    }

    /// The greedy policy of the optimistic values and `V_0(ρ)`.
    /// - Complexity: O(H·S·A·(d² + successors)).
    public func optimisticPolicy(start: [Double]) -> (policy: EpisodicPolicy, value: Double) {
        let (s, a) = (features.stateCount, features.actionCount)
        var next = [Double](repeating: 0, count: s)
        var actions = [[Int]](repeating: [], count: model.horizon)
        for stage in stride(from: model.horizon - 1, through: 0, by: -1) {
            let q = actionValues(stage: stage, next: next)
            actions[stage] = (0..<s).map { state in
                var best = 0
                for action in 1..<max(a, 1) where q[state * a + action] > q[state * a + best] { best = action }
                return best
            }
            for state in 0..<s { next[state] = q[state * a + actions[stage][state]] }
        }
        return (EpisodicPolicy(actions: actions, actionCount: a), zip(start, next).reduce(0) { $0 + $1.0 * $1.1 })
    }

    /// The greedy optimistic policy as a one-component plan (`episodes` is unused: β is fixed).
    public func plan(episodes: Int, start: [Double]) -> EpisodePlan {
        EpisodePlan(components: [(1, optimisticPolicy(start: start).policy)], exploration: 1)
    }
}
