/// Hyper-parameters of LCB (Rashidinejad, Zhu, Ma, Jiao & Russell, "Bridging Offline Reinforcement Learning and
/// Imitation Learning: A Tale of Pessimism", NeurIPS 2021, arXiv:2103.12021): the bandit penalty
/// `b(s, a) = sqrt(log(2|S||A|/δ) / (2N(s, a)))` and the VI-LCB penalty `b_t(s, a) = V_max·sqrt(L / max(m_t, 1))`,
/// `L = c · log(2(T+1)|S||A|/δ)`.
public struct LCBConfig: Codable, Equatable, Sendable {
    /// δ: failure probability of the LCB penalty (Rashidinejad et al. §3), default 0.1.
    public var delta = 0.1
    /// c: the pessimism scale in `L = c · log(2(T+1)|S||A|/δ)` of VI-LCB. The paper's proof constant is large
    /// (about 2000, recalled, not verified); default `nil` = `(1 − γ)²/2`, which makes `V_max·sqrt(L/m)` equal to the
    /// one-step Hoeffding width `sqrt(log(…)/(2m))` of the bandit penalty — a SwiftRL choice, not the paper's.
    public var penaltyScale: Double?
    /// T: VI-LCB iterations after the first (T + 1 in all); default `nil` = `⌈log N / (1 − γ)⌉` (paper).
    public var iterations: Int?
    /// Data splitting: iteration t uses only fold t of T + 1 equal folds (paper, for independence in the proof);
    /// `false` reuses all N samples in every iteration. Default true.
    public var dataSplitting = true

    /// A configuration; every field has the default above.
    public init(delta: Double = 0.1, penaltyScale: Double? = nil, iterations: Int? = nil, dataSplitting: Bool = true) {
        self.delta = delta
        self.penaltyScale = penaltyScale
        self.iterations = iterations
        self.dataSplitting = dataSplitting
    }

    /// Checks the ranges.
    /// - Throws: ``TabularOfflineError/invalidConfiguration(_:)`` naming the field and its valid range.
    public func validate() throws(TabularOfflineError) {
        guard delta > 0, delta < 1 else { throw .invalidConfiguration("lcb.delta must be in (0, 1), got \(delta)") }
        if let c = penaltyScale, !(c >= 0 && c.isFinite) {
            throw .invalidConfiguration("lcb.penaltyScale must be ≥ 0, got \(c)")
        }
        if let t = iterations, t < 0 { throw .invalidConfiguration("lcb.iterations must be ≥ 0, got \(t)") }
    }
}
