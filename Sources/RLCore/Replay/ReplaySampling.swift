/// How a ``ReplayBuffer`` picks the transitions of a batch: one knob, so DQN, SAC and TD3 share the buffer.
public enum ReplaySampling: Codable, Equatable, Sendable {
    /// Every stored transition equally likely, with replacement (DQN, Mnih et al. 2015; SB3 `ReplayBuffer`).
    case uniform
    /// Proportional prioritized experience replay (Schaul et al. 2016, arXiv:1511.05952): transition `i` is drawn
    /// with probability P(i) = p_iᵅ / Σ_k p_kᵅ, p_i = |δ_i| + ε, and weighted by w_i = (N·P(i))^−β / max_j w_j.
    /// β grows linearly from `betaStart` to 1 over `betaSteps` sampling steps.
    /// - Parameters:
    ///   - alpha: α, prioritization exponent (0 = uniform). Paper (proportional): 0.6.
    ///   - betaStart: β₀, initial importance-sampling exponent. Paper: 0.4.
    ///   - betaSteps: steps over which β is annealed to 1 (usually the training length).
    ///   - epsilon: ε, added to |δ| so no transition has zero probability. Paper: 1e-6.
    case prioritized(alpha: Double = 0.6, betaStart: Double = 0.4, betaSteps: Int = 100_000, epsilon: Double = 1e-6)

    /// Proportional PER with the paper's defaults, β annealed over `betaSteps`.
    public static func schaul2016(betaSteps: Int) -> ReplaySampling {
        .prioritized(alpha: 0.6, betaStart: 0.4, betaSteps: betaSteps, epsilon: 1e-6)
    }

    /// β at sampling step `step` (1 for uniform sampling).
    public func beta(at step: Int) -> Double {
        guard case let .prioritized(_, betaStart, betaSteps, _) = self else { return 1 }
        let fraction = betaSteps <= 0 ? 1 : min(1, Double(max(step, 0)) / Double(betaSteps))
        return betaStart + (1 - betaStart) * fraction
    }

    /// Whether this is prioritized sampling.
    public var isPrioritized: Bool {
        if case .prioritized = self { return true }
        return false
    }

    /// Checks the hyper-parameters.
    /// - Throws: ``ReplayBufferError/invalidConfiguration(_:)`` for α < 0, β₀ outside [0, 1] or ε ≤ 0.
    public func validate() throws(ReplayBufferError) {
        guard case let .prioritized(alpha, betaStart, _, epsilon) = self else { return }
        guard alpha >= 0 else { throw .invalidConfiguration("prioritized alpha must be ≥ 0, got \(alpha)") }
        guard (0...1).contains(betaStart) else {
            throw .invalidConfiguration("prioritized betaStart must be in [0, 1], got \(betaStart)")
        }
        guard epsilon > 0 else {
            throw .invalidConfiguration("prioritized epsilon must be > 0 (e.g. 1e-6), got \(epsilon)")
        }
    }
}
