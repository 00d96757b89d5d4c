/// LCB for multi-armed and contextual bandits (Rashidinejad et al. 2021, Algorithm 1 and its per-context form):
/// in every context pick `argmax_a r̂(s, a) − b(s, a)`; an unseen arm has `r̂ = 0`, `b = 1`.
public struct LCBBandit: Sendable {
    /// δ: failure probability of the penalty, default 0.1.
    public let delta: Double

    /// An LCB selector.
    /// - Throws: ``TabularOfflineError/invalidConfiguration(_:)`` unless 0 < δ < 1.
    public init(delta: Double = 0.1) throws(TabularOfflineError) {
        try LCBConfig(delta: delta).validate()
        self.delta = delta
    }

    /// `r̂(s, a) − b(s, a)` for every pair, indexed `s · |A| + a`.
    public func scores(_ model: EmpiricalModel) -> [Double] {
        let pairs = model.stateCount * model.actionCount
        return model.counts.indices.map { index in
            let state = index / model.actionCount, action = index % model.actionCount
            return model.meanReward(state, action)
                - Pessimism.bandit(count: model.counts[index], pairs: pairs, delta: delta)
        }
    }

    /// The chosen arm in every context (the first maximiser on ties).
    public func policy(_ model: EmpiricalModel) -> [Int] {
        let scores = scores(model)
        return model.argmax { scores[$0 * model.actionCount + $1] }
    }
}
