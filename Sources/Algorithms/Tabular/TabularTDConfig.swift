/// Which one-step temporal-difference control rule a ``TabularTD`` learner applies (Sutton & Barto 2018, ch. 6).
public enum TabularTDMethod: String, Codable, Equatable, Sendable, CaseIterable {
    /// Q-learning (Watkins 1989): target r + γ max_a' Q(s', a').
    case qLearning
    /// SARSA (Rummery & Niranjan 1994): target r + γ Q(s', a') with a' the action actually taken next.
    case sarsa
    /// Expected SARSA (van Seijen et al. 2009): target r + γ Σ_a' π(a'|s') Q(s', a') under the ε-greedy π.
    case expectedSarsa
}

/// Hyper-parameters of tabular TD control. Defaults follow Sutton & Barto's examples (α 0.1) with a linearly
/// decayed ε as in DQN.
public struct TabularTDConfig: Codable, Equatable, Sendable {
    /// The update rule.
    public var method: TabularTDMethod = .qLearning
    /// α, the step size in Q ← Q + α (target − Q). Sutton & Barto: 0.1.
    public var learningRate = 0.1
    /// γ, the discount.
    public var gamma = 0.99
    /// ε at the start of training.
    public var explorationStart = 1.0
    /// ε after ``explorationFraction`` of the steps.
    public var explorationEnd = 0.05
    /// Fraction of the training steps over which ε decays linearly.
    public var explorationFraction = 0.5
    /// Q₀, the initial action value (optimism encourages exploration).
    public var initialValue = 0.0

    /// The defaults.
    public init() {}

    /// The defaults with a different method.
    public init(method: TabularTDMethod) { self.method = method }

    /// ε after `step` of `totalSteps` steps.
    public func epsilon(step: Int, totalSteps: Int) -> Double {
        let span = explorationFraction * Double(totalSteps)
        let fraction = span <= 0 ? 1 : Swift.min(1, Double(step) / span)
        return explorationStart + (explorationEnd - explorationStart) * fraction
    }

    /// Checks the ranges.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` naming the bad field.
    public func validate() throws(TabularError) {
        guard learningRate > 0, learningRate <= 1 else {
            throw .invalidConfiguration("learningRate (α) must be in (0, 1], got \(learningRate)")
        }
        guard (0...1).contains(gamma) else { throw .invalidConfiguration("gamma must be in [0, 1], got \(gamma)") }
        guard (0...1).contains(explorationStart), (0...1).contains(explorationEnd) else {
            throw .invalidConfiguration("explorationStart/End (ε) must be in [0, 1], got \(explorationStart), \(explorationEnd)")
        }
    }
}
