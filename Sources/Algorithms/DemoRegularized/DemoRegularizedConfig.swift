/// Hyper-parameters of the optimistic episodic agents: UCBVI (Azar, Osband & Munos 2017) when ``lambda`` is nil,
/// demonstration-regularised optimistic soft value iteration toward π^BC (Tiapkin et al., "Demonstration-Regularized
/// RL", ICLR 2024, arXiv:2310.17303) otherwise.
public struct DemoRegularizedConfig: Codable, Equatable, Sendable {
    /// H: the episode length, default 10.
    public var horizon = 10
    /// λ: weight of `KL(π_h ‖ π^BC_h)` in the regularised objective; the paper takes λ ≈ ε / (KL bound)
    /// (recalled). `nil` = plain UCBVI. Default nil.
    public var lambda: Double?
    /// β: scale of the Hoeffding bonus `b(s, a) = β·H·sqrt(L / max(n(s, a), 1))`, `L = log(S·A·H·K/δ)`
    /// (UCBVI's constant is 7; SwiftRL default 1).
    public var bonusScale = 1.0
    /// δ: failure probability in the bonus, default 0.1.
    public var delta = 0.1

    /// A configuration; every field has the default above.
    public init(horizon: Int = 10, lambda: Double? = nil, bonusScale: Double = 1, delta: Double = 0.1) {
        self.horizon = horizon
        self.lambda = lambda
        self.bonusScale = bonusScale
        self.delta = delta
    }

    /// Checks the ranges.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` naming the field.
    public func validate() throws(TabularError) {
        guard horizon > 0 else { throw .invalidConfiguration("demoRegularized.horizon must be > 0, got \(horizon)") }
        if let lambda, !(lambda >= 0 && lambda.isFinite) {
            throw .invalidConfiguration("demoRegularized.lambda must be ≥ 0, got \(lambda)")
        }
        guard bonusScale >= 0, bonusScale.isFinite else {
            throw .invalidConfiguration("demoRegularized.bonusScale must be ≥ 0, got \(bonusScale)")
        }
        guard delta > 0, delta < 1 else {
            throw .invalidConfiguration("demoRegularized.delta must be in (0, 1), got \(delta)")
        }
    }
}
