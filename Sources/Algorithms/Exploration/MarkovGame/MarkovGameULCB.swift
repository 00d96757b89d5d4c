import Environments
import Optimization

/// Optimistic–pessimistic least-squares value iteration for a two-player zero-sum Markov game with linear features
/// over joint actions (the Markov-game part of Contrastive UCB, Qiu et al. ICML 2022, digest §7: "upper and lower
/// confidence bounds, then a Nash step per state, solved as an LP"). Per stage h, on the data of ``lsvi``:
///
/// - `Q̄_h(s, a, b) = min(H − h, w̄_hᵀφ(s, ab) + β‖φ(s, ab)‖_{Λ_h⁻¹})` with `w̄_h` regressed on `r + V̄_{h+1}`;
/// - `Q̲_h(s, a, b) = max(0, w̲_hᵀφ(s, ab) − β‖φ(s, ab)‖_{Λ_h⁻¹})` with `w̲_h` regressed on `r + V̲_{h+1}`;
/// - the max player plays the Nash strategy of the matrix game `Q̄_h(s, ·, ·)` and `V̄_h(s)` is its value; the min
///   player plays the Nash strategy of `Q̲_h(s, ·, ·)` and `V̲_h(s)` is its value (two LPs each, GLPK).
///
/// Pairs never visited get `Q̄ = H − h`, `Q̲ = 0` when ``LSVIUCB/optimisticUnvisitedPairs`` is set (learned features).
/// The Nash step on each bound follows the standard optimistic Nash value iteration (Bai & Jin 2020; Xie et al.
/// 2020); the paper's exact per-state step (CCE vs Nash) was not reachable (digest §7 ⚠️), so this is stated as a
/// reconstruction.
public struct MarkovGameULCB: Sendable {
    /// Counts, Gram inverses and features over joint actions (its β is the bonus multiplier).
    public private(set) var lsvi: LSVIUCB
    /// A: the max player's actions.
    public let maxActions: Int
    /// B: the min player's actions.
    public let minActions: Int

    /// A fresh learner on `features` over the A·B joint actions.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for mismatched sizes, H < 1, β < 0 or λ ≤ 0.
    public init(
        features: FeatureMap, maxActions: Int, minActions: Int, horizon: Int, beta: Double, lambda: Double = 1,
        optimisticUnvisitedPairs: Bool = false
    ) throws(TabularError) {
        guard maxActions >= 1, minActions >= 1, features.actionCount == maxActions * minActions else {
            throw .invalidConfiguration(
                "markov-game ULCB: features over \(features.actionCount) actions; A·B = \(maxActions * minActions)")
        }
        lsvi = try LSVIUCB(
            features: features, horizon: horizon, beta: beta, lambda: lambda,
            optimisticUnvisitedPairs: optimisticUnvisitedPairs)
        self.maxActions = maxActions
        self.minActions = minActions
    }

    /// Records one transition of the joint action `a·B + b`.
    public mutating func observe(stage: Int, state: Int, maxAction: Int, minAction: Int, reward: Double, next: Int) {
        lsvi.observe(
            stage: stage, state: state, action: maxAction * minActions + minAction, reward: reward, utility: 0,
            next: next)
    }

    /// Replaces φ (after a refit of a learned representation).
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` when S or A·B differ.
    public mutating func replaceFeatures(_ map: FeatureMap) throws(TabularError) { try lsvi.replaceFeatures(map) }

    /// The upper and lower action values of one stage (S·A·B each).
    func bounds(stage: Int, upperNext: [Double], lowerNext: [Double]) -> (upper: [Double], lower: [Double]) {
        let features = lsvi.features, d = features.dimension
        let wUpper = lsvi.weights(stage: stage, next: upperNext), wLower = lsvi.weights(stage: stage, next: lowerNext)
        let cap = Double(lsvi.model.horizon - stage)
        var upper: [Double] = [], lower: [Double] = []
        for pair in 0..<(features.stateCount * features.actionCount) {
            if lsvi.optimisticUnvisitedPairs && lsvi.pairVisits[pair] == 0 {
                upper.append(cap)
                lower.append(0)
                continue
            }
            let phi = features.row(pair)
            var meanUpper = 0.0, meanLower = 0.0
            for k in 0..<d {
                meanUpper += wUpper[k] * phi[phi.startIndex + k]
                meanLower += wLower[k] * phi[phi.startIndex + k]
            }
            let width = lsvi.beta * max(lsvi.inverses[stage].quadraticForm(phi), 0).squareRoot()
            upper.append(min(cap, meanUpper + width))
            lower.append(max(0, meanLower - width))
        }
        return (upper, lower)
    }

    /// One plan: the policy (max player from the upper games, min player from the lower games) and the start-state
    /// values of both bounds.
    /// - Throws: ``OptimizationError`` from the per-state LPs (needs the GLPK trait).
    public func plan(start: [Double], solver: GLPKSolver = GLPKSolver()) throws(OptimizationError)
        -> (policy: ZeroSumMarkovGame.Policy, upper: Double, lower: Double)
    {
        let (s, a, b, horizon) = (lsvi.features.stateCount, maxActions, minActions, lsvi.model.horizon)
        var upperNext = [Double](repeating: 0, count: s), lowerNext = upperNext
        var policy = ZeroSumMarkovGame.Policy(
            maxPlayer: Array(repeating: [], count: horizon), minPlayer: Array(repeating: [], count: horizon))
        for stage in stride(from: horizon - 1, through: 0, by: -1) {
            let (upper, lower) = bounds(stage: stage, upperNext: upperNext, lowerNext: lowerNext)
            var newUpper = upperNext, newLower = lowerNext
            for state in 0..<s {
                func matrix(_ q: [Double]) -> [[Double]] {
                    (0..<a).map { i in (0..<b).map { j in q[state * a * b + i * b + j] } }
                }
                let optimistic = try Equilibria.zeroSumNash(matrix(upper), solver: solver)
                let pessimistic = try Equilibria.zeroSumNash(matrix(lower), solver: solver)
                policy.maxPlayer[stage].append(optimistic.rowStrategy)
                policy.minPlayer[stage].append(pessimistic.columnStrategy)
                newUpper[state] = optimistic.value
                newLower[state] = pessimistic.value
            }
            upperNext = newUpper
            lowerNext = newLower
        }
        var upperStart = 0.0, lowerStart = 0.0
        for state in 0..<s {
            upperStart += start[state] * upperNext[state]
            lowerStart += start[state] * lowerNext[state]
        }
        return (policy, upperStart, lowerStart)
    }
}
