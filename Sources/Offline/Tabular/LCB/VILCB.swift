import Foundation

/// VI-LCB, offline value iteration with lower confidence bounds (Rashidinejad et al. 2021, §5; reconstructed from
/// the digest, see ``LCBConfig``): split the data into T + 1 folds; on fold t form `r̂_t`, `P̂_t`, counts `m_t` and
/// `Q_t = r̂_t − b_t + γ P̂_t V_{t−1}` with `b_t = V_max·sqrt(L / max(m_t, 1))`; keep the monotone value
/// `V_t(s) = max(V_{t−1}(s), max_a Q_t(s, a))` and change `π_t(s)` only where the value improves. `V_{−1} = 0`,
/// `π_{−1} = action 0`; rewards in [0, 1], so `V_max = 1/(1 − γ)`.
public struct VILCB: Sendable {
    /// The hyper-parameters.
    public let config: LCBConfig
    /// γ in (0, 1).
    public let gamma: Double

    /// What VI-LCB returns.
    public struct Solution: Equatable, Sendable {
        /// π_T.
        public var policy: [Int]
        /// The pessimistic values V_T (lower bounds on V^π with high probability).
        public var values: [Double]
        /// T + 1, the number of updates (one per fold).
        public var updates: Int
        /// L of the penalty.
        public var logTerm: Double
    }

    /// A planner.
    /// - Throws: ``TabularOfflineError/invalidConfiguration(_:)`` for γ outside (0, 1) or an invalid config.
    public init(config: LCBConfig = LCBConfig(), gamma: Double) throws(TabularOfflineError) {
        try config.validate()
        guard gamma > 0, gamma < 1 else {
            throw .invalidConfiguration("VI-LCB needs γ in (0, 1), got \(gamma); use LCBBandit for γ = 0")
        }
        self.config = config
        self.gamma = gamma
    }

    /// The default T = ⌈log N / (1 − γ)⌉ (at least 1).
    public func iterations(sampleCount: Int) -> Int {
        config.iterations ?? max(1, Int((log(Double(max(sampleCount, 2))) / (1 - gamma)).rounded(.up)))
    }

    /// Runs VI-LCB on `dataset`.
    /// - Complexity: O(N + T·S²A).
    public func solve(_ dataset: TabularOfflineDataset) throws(TabularOfflineError) -> Solution {
        let folds = iterations(sampleCount: dataset.count) + 1
        let s = dataset.stateCount, a = dataset.actionCount
        let scale = config.penaltyScale ?? (1 - gamma) * (1 - gamma) / 2
        let logTerm = Pessimism.logTerm(scale: scale, folds: folds, pairs: s * a, delta: config.delta)
        let maxValue = 1 / (1 - gamma)
        let parts = config.dataSplitting ? try dataset.folds(folds) : []
        let whole = config.dataSplitting ? nil : EmpiricalModel(dataset)
        var values = [Double](repeating: 0, count: s)
        var policy = [Int](repeating: 0, count: s)
        for t in 0..<folds {
            let model = whole ?? EmpiricalModel(parts[t])  // one fold's model at a time: O(S²A) memory
            var q = model.model.actionValues(values: values, gamma: gamma)
            for index in q.indices {
                q[index] -= Pessimism.valueIteration(count: model.counts[index], maxValue: maxValue, logTerm: logTerm)
            }
            for state in 0..<s {
                var best = 0
                for action in 1..<a where q[state * a + action] > q[state * a + best] { best = action }
                if q[state * a + best] > values[state] {
                    values[state] = q[state * a + best]
                    policy[state] = best
                }
            }
        }
        return Solution(policy: policy, values: values, updates: folds, logTerm: logTerm)
    }
}
