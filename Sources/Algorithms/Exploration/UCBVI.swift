import Environments

/// UCBVI (Azar, Osband & Munos, ICML 2017, arXiv:1703.05449) on an ``EpisodicModel``: optimistic backward induction
/// `Q̄_h = min(H − h, r̂ + b + P̂ V̄_{h+1})`, `V̄_h = max_a Q̄_h` (unvisited pairs get `H − h`), and the matching
/// pessimistic evaluation of a fixed policy `Q̲_h = max(0, r̂ − b + P̂ V̲_{h+1})` used to certify conservative
/// policies (StepMix, EpsMix).
public struct UCBVI: Sendable {
    /// The bonus.
    public var bonus: ExplorationBonus
    /// δ: failure probability in `L = log(S·A·H·K/δ)`, default 0.1.
    public var delta: Double

    /// A planner.
    public init(bonus: ExplorationBonus = .hoeffding, delta: Double = 0.1) {
        self.bonus = bonus
        self.delta = delta
    }

    /// Checks the bonus and δ.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` naming the field.
    public func validate() throws(TabularError) {
        try bonus.validate()
        guard delta > 0, delta < 1 else {
            throw .invalidConfiguration("exploration.delta must be in (0, 1), got \(delta)")
        }
    }

    /// The greedy policy of the optimistic values and `V̄_0(ρ)`.
    /// - Parameters:
    ///   - model: the counts and empirical model.
    ///   - episodes: K in L.
    ///   - start: ρ.
    /// - Complexity: O(H·(SA + observed successors)).
    public func optimisticPolicy(_ model: EpisodicModel, episodes: Int, start: [Double])
        -> (policy: EpisodicPolicy, value: Double)
    {
        let (s, a, horizon) = (model.stateCount, model.actionCount, model.horizon)
        let logTerm = ExplorationBonus.logTerm(
            states: s, actions: a, horizon: horizon, episodes: episodes, delta: delta)
        var next = [Double](repeating: 0, count: s)
        var table = [[Double]](repeating: [], count: horizon)
        var q = [Double](repeating: 0, count: s * a), raw = q
        for stage in stride(from: horizon - 1, through: 0, by: -1) {
            let cap = Double(horizon - stage)
            for pair in 0..<(s * a) {
                let n = model.count(stage: stage, pair: pair)
                guard n > 0 else {
                    q[pair] = cap
                    raw[pair] = .infinity
                    continue
                }
                let (mean, square) = model.moments(stage: stage, pair: pair, of: next)
                let b = bonus.width(count: n, horizon: horizon, logTerm: logTerm, variance: square - mean * mean)
                raw[pair] = model.meanReward(stage: stage, pair: pair) + b + mean
                q[pair] = min(cap, raw[pair])
            }
            var row = [Double](repeating: 0, count: s * a)
            for state in 0..<s {
                var best = state * a
                for pair in (state * a + 1)..<(state * a + a)
                where (q[pair], raw[pair]) > (q[best], raw[best]) { best = pair }
                row[best] = 1
                next[state] = q[best]
            }
            table[stage] = row
        }
        return (EpisodicPolicy(probabilities: table, actionCount: a), zip(start, next).reduce(0) { $0 + $1.0 * $1.1 })
    }

    /// The pessimistic value `V̲^π_h(s)` of `policy` from stage `from` on, for h = from…H, with `terminal` as the
    /// value at stage `until` (default: 0 at H).
    /// - Complexity: O((until − from)·(SA + observed successors)).
    public func pessimisticValues(
        of policy: EpisodicPolicy, _ model: EpisodicModel, episodes: Int, from: Int = 0, until: Int? = nil,
        terminal: [Double]? = nil
    ) -> [Double] {
        let (s, a, horizon) = (model.stateCount, model.actionCount, model.horizon)
        let logTerm = ExplorationBonus.logTerm(
            states: s, actions: a, horizon: horizon, episodes: episodes, delta: delta)
        let end = until ?? horizon
        var next = terminal ?? [Double](repeating: 0, count: s)
        var current = next
        for stage in stride(from: end - 1, through: from, by: -1) {
            let pi = policy.probabilities[stage]
            for state in 0..<s {
                var total = 0.0
                for action in 0..<a {
                    let pair = state * a + action, weight = pi[pair]
                    guard weight > 0 else { continue }
                    let n = model.count(stage: stage, pair: pair)
                    guard n > 0 else { continue }
                    let (mean, square) = model.moments(stage: stage, pair: pair, of: next)
                    let b = bonus.width(count: n, horizon: horizon, logTerm: logTerm, variance: square - mean * mean)
                    total += weight * max(0, model.meanReward(stage: stage, pair: pair) - b + mean)
                }
                current[state] = total
            }
            swap(&next, &current)
        }
        return next
    }
}
