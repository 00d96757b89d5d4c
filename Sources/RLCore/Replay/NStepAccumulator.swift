/// Turns one environment's stream of one-step transitions into n-step transitions (Sutton 1988; Rainbow,
/// Hessel et al. 2018): `(s_t, a_t, Σ_{j<k} γʲ r_{t+j}, s_{t+k}, terminated, γᵏ)` with `k = n` inside an episode
/// and shorter `k` for the last steps of an episode.
///
/// At a termination the pending transitions are flushed with `terminated = true` (no bootstrap); at a truncation
/// they are flushed with `terminated = false` and the true final observation as `s'`, so they bootstrap. With
/// `n = 1` every transition passes straight through with discount γ.
public struct NStepAccumulator: Sendable {
    /// n, the number of rewards summed before bootstrapping.
    public let steps: Int
    /// γ.
    public let gamma: Double
    private var pending: [PendingStep] = []

    /// One step still waiting for the rest of its n rewards.
    public struct PendingStep: Codable, Equatable, Sendable {
        /// s_t.
        public var observation: [Float]
        /// a_t.
        public var action: [Float]
        /// r_t.
        public var reward: Double
    }

    /// - Parameters:
    ///   - steps: n ≥ 1.
    ///   - gamma: γ in [0, 1].
    /// - Throws: ``ReplayBufferError/invalidConfiguration(_:)`` for n < 1 or γ outside [0, 1].
    public init(steps: Int, gamma: Double) throws(ReplayBufferError) {
        guard steps >= 1 else { throw .invalidConfiguration("n-step returns need steps ≥ 1, got \(steps)") }
        guard (0...1).contains(gamma) else { throw .invalidConfiguration("gamma must be in [0, 1], got \(gamma)") }
        self.steps = steps
        self.gamma = gamma
    }

    /// Number of transitions waiting for more rewards.
    public var pendingCount: Int { pending.count }

    /// The steps waiting for more rewards, oldest first (saved in checkpoints so a resumed run completes them).
    /// Setting more than n − 1 steps keeps only the newest n − 1.
    public var pendingSteps: [PendingStep] {
        get { pending }
        set { pending = Array(newValue.suffix(steps - 1)) }
    }

    /// Feeds one environment step and returns the n-step transitions that are now complete (oldest first).
    /// - Parameters:
    ///   - observation: s_t. action: a_t. reward: r_t.
    ///   - nextObservation: s_{t+1} (the true final observation when the episode ended).
    ///   - terminated: the episode reached a terminal state. truncated: it was cut (time limit).
    public mutating func push(observation: [Float], action: [Float], reward: Double, nextObservation: [Float],
                              terminated: Bool, truncated: Bool) -> [Transition] {
        pending.append(PendingStep(observation: observation, action: action, reward: reward))
        var out: [Transition] = []
        if pending.count == steps {
            out.append(complete(nextObservation: nextObservation, terminated: terminated))
            pending.removeFirst()
        }
        if terminated || truncated {
            while !pending.isEmpty {
                out.append(complete(nextObservation: nextObservation, terminated: terminated))
                pending.removeFirst()
            }
        }
        return out
    }

    /// Drops pending transitions (e.g. when an environment is reset by hand).
    public mutating func clear() { pending.removeAll() }

    /// The transition starting at the oldest pending step and ending at `nextObservation`.
    private func complete(nextObservation: [Float], terminated: Bool) -> Transition {
        var sum = 0.0, factor = 1.0
        for step in pending {
            sum += factor * step.reward
            factor *= gamma
        }
        let first = pending[0]
        return Transition(observation: first.observation, action: first.action, reward: sum,
                          nextObservation: nextObservation, terminated: terminated, discount: factor)
    }
}
