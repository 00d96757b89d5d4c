/// Writes the transitions of a vector environment's steps into a ``ReplayBuffer``, with Gymnasium 1.x
/// next-step-autoreset semantics: the step after an episode ends only resets that sub-environment (its action
/// is ignored), so that "reset transition" is never stored; the observation returned by the step that ended
/// the episode is the true final observation and becomes s' (bootstrapped on truncation, not on termination).
/// Optional n-step returns through one ``NStepAccumulator`` per sub-environment.
///
/// ```swift
/// let previous = env.observations
/// try env.step(flatActions: actions)
/// try recorder.record(previousObservations: previous, actions: actions, rewards: env.rewards,
///                     nextObservations: env.observations, terminations: env.terminations,
///                     truncations: env.truncations, into: &buffer)
/// ```
public struct TransitionRecorder: Sendable {
    /// Number of sub-environments.
    public let count: Int
    private var accumulators: [NStepAccumulator]
    /// Sub-environments whose last step ended an episode: their next step is a reset step.
    private var resetPending: [Bool]

    /// - Parameters:
    ///   - count: sub-environments.
    ///   - nSteps: n for n-step returns (1 = ordinary one-step transitions).
    ///   - gamma: γ.
    /// - Throws: ``ReplayBufferError/invalidConfiguration(_:)`` for bad n, γ or count.
    public init(count: Int, nSteps: Int = 1, gamma: Double) throws(ReplayBufferError) {
        guard count > 0 else { throw .invalidConfiguration("TransitionRecorder: count must be positive, got \(count)") }
        let accumulator = try NStepAccumulator(steps: nSteps, gamma: gamma)
        self.count = count
        accumulators = Array(repeating: accumulator, count: count)
        resetPending = Array(repeating: false, count: count)
    }

    /// What a checkpoint needs to continue recording exactly: each sub-environment's pending n-step steps and
    /// whether its next step is an autoreset step.
    public struct State: Codable, Equatable, Sendable {
        /// Pending n-step steps per sub-environment, oldest first.
        public var pending: [[NStepAccumulator.PendingStep]]
        /// Per sub-environment: the last step ended an episode.
        public var resetPending: [Bool]
    }

    /// The state to save.
    public var state: State {
        State(pending: accumulators.map(\.pendingSteps), resetPending: resetPending)
    }

    /// Restores a saved state.
    /// - Throws: ``ReplayBufferError/shapeMismatch(_:)`` when it was saved for another number of sub-environments.
    public mutating func restore(_ state: State) throws(ReplayBufferError) {
        guard state.pending.count == count, state.resetPending.count == count else {
            throw .shapeMismatch(
                "recorder state has \(state.pending.count) sub-environments; this run has \(count)")
        }
        for i in 0..<count { accumulators[i].pendingSteps = state.pending[i] }
        resetPending = state.resetPending
    }

    /// Whether sub-environment `index`'s next step will be an autoreset step (and so not recorded).
    public func isResetPending(_ index: Int) -> Bool { resetPending[index] }

    /// Forgets episode state after the vector environment was reset by hand.
    public mutating func reset() {
        for i in 0..<count {
            accumulators[i].clear()
            resetPending[i] = false
        }
    }

    /// Records one vector step.
    /// - Parameters:
    ///   - previousObservations: observations the actions were chosen from, `count × observationSize`.
    ///   - actions: `count × actionSize` floats (discrete indices as floats).
    ///   - rewards, terminations, truncations: results of the step, `count` each.
    ///   - nextObservations: observations after the step, `count × observationSize`.
    ///   - valid: false where the step was a next-step-autoreset step (e.g. ``EnvironmentStep/valid``); when nil
    ///     the recorder tracks episode ends itself.
    ///   - buffer: where complete transitions go.
    /// - Returns: the number of transitions stored.
    /// - Throws: ``ReplayBufferError/shapeMismatch(_:)`` when array sizes do not fit `count` and the buffer.
    @discardableResult
    public mutating func record(previousObservations: [Float], actions: [Float], rewards: [Double],
                                nextObservations: [Float], terminations: [Bool], truncations: [Bool],
                                valid: [Bool]? = nil, into buffer: inout ReplayBuffer) throws(ReplayBufferError) -> Int {
        let os = buffer.observationSize, asz = buffer.actionSize
        guard previousObservations.count == count * os, nextObservations.count == count * os,
              actions.count == count * asz, rewards.count == count, terminations.count == count,
              truncations.count == count, valid.map({ $0.count == count }) ?? true else {
            throw .shapeMismatch("record: expected \(count) rows of \(os) observation floats and \(asz) action floats")
        }
        var stored = 0
        for i in 0..<count {
            if let valid, !valid[i] {
                resetPending[i] = false
                continue
            }
            if valid == nil, resetPending[i] {
                resetPending[i] = false  // this step only reset sub-environment i: nothing to learn
                continue
            }
            let done = terminations[i] || truncations[i]
            let observation = Array(previousObservations[(i * os)..<((i + 1) * os)])
            let next = Array(nextObservations[(i * os)..<((i + 1) * os)])
            let action = Array(actions[(i * asz)..<((i + 1) * asz)])
            for transition in accumulators[i].push(observation: observation, action: action, reward: rewards[i],
                                                   nextObservation: next, terminated: terminations[i],
                                                   truncated: truncations[i]) {
                try buffer.add(transition)
                stored += 1
            }
            if done { resetPending[i] = true }
        }
        return stored
    }
}
