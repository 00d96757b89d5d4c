/// One expert step of a demonstration: the state and the action taken at stage h (its index in the trajectory).
public struct DemonstrationStep: Equatable, Sendable, Codable {
    /// The state.
    public var state: Int
    /// The expert's action.
    public var action: Int

    /// A step.
    public init(state: Int, action: Int) {
        self.state = state
        self.action = action
    }
}

/// Behaviour cloning with log-regularised maximum likelihood (Tiapkin et al., "Demonstration-Regularized RL",
/// ICLR 2024, arXiv:2310.17303, §3; the closed form is reconstructed, the "minimum probability for every action"
/// property is verified from the paper's overview): `π^BC_h(a|s) = (n_h(s, a) + κ) / (n_h(s) + Aκ)`.
public struct LaplaceBehaviorCloning: Sendable {
    /// κ: the log-regulariser weight (Laplace smoothing); default 1.
    public let kappa: Double

    /// A cloner.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` unless κ > 0.
    public init(kappa: Double = 1) throws(TabularError) {
        guard kappa > 0, kappa.isFinite else {
            throw .invalidConfiguration("demoRegularized.kappa must be > 0, got \(kappa)")
        }
        self.kappa = kappa
    }

    /// `π^BC` from `demonstrations` (each a trajectory of at most `horizon` steps).
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for a state or action out of range or a trajectory longer
    ///   than the horizon.
    /// - Complexity: O(N^E·H + H·S·A).
    public func policy(
        demonstrations: [[DemonstrationStep]], stateCount: Int, actionCount: Int, horizon: Int
    ) throws(TabularError) -> EpisodicPolicy {
        var counts = [[Double]](repeating: [Double](repeating: 0, count: stateCount * actionCount), count: horizon)
        for (index, trajectory) in demonstrations.enumerated() {
            guard trajectory.count <= horizon else {
                throw .invalidConfiguration("demonstration \(index) has \(trajectory.count) steps > horizon \(horizon)")
            }
            for (stage, step) in trajectory.enumerated() {
                guard (0..<stateCount).contains(step.state), (0..<actionCount).contains(step.action) else {
                    throw .invalidConfiguration(
                        "demonstration \(index), step \(stage): state \(step.state) or action \(step.action) "
                            + "is out of range")
                }
                counts[stage][step.state * actionCount + step.action] += 1
            }
        }
        let probabilities = counts.map { row in
            (0..<(stateCount * actionCount)).map { index in
                let state = index / actionCount
                let visits = (0..<actionCount).reduce(0.0) { $0 + row[state * actionCount + $1] }
                return (row[index] + kappa) / (visits + Double(actionCount) * kappa)
            }
        }
        return EpisodicPolicy(probabilities: probabilities, actionCount: actionCount)
    }
}
