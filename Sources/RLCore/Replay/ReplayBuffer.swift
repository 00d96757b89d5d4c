/// A fixed-capacity ring buffer of transitions `(s, a, r, s', terminated, discount)` for off-policy learning,
/// with uniform or prioritized sampling (``ReplaySampling``).
///
/// Bootstrapping follows Gymnasium: `terminated` marks an MDP end (no bootstrap); a truncated episode is stored
/// with `terminated = false` and its true final observation as `s'`, so its target bootstraps. Each transition
/// carries its own bootstrap `discount` (γ for one-step transitions, γᵏ for a k-step return from
/// ``NStepAccumulator``), so the TD target is always `r + discount · (1 − terminated) · V(s')`.
///
/// Memory is allocated once, up front; ``init(capacity:observationSize:actionSize:sampling:memoryBudgetBytes:)``
/// refuses a capacity whose arrays would exceed the memory budget.
public struct ReplayBuffer: Sendable {
    /// Maximum number of transitions; the oldest is overwritten when full.
    public let capacity: Int
    /// Floats per observation.
    public let observationSize: Int
    /// Floats per action (1 for a discrete action index).
    public let actionSize: Int
    /// Uniform or prioritized sampling.
    public let sampling: ReplaySampling

    /// Number of transitions stored (≤ ``capacity``).
    public internal(set) var count = 0
    /// Slot the next transition is written to.
    public internal(set) var position = 0
    /// Transitions added since creation (including overwritten ones).
    public internal(set) var totalAdded = 0

    var observations: [Float]
    var nextObservations: [Float]
    var actions: [Float]
    var rewards: [Float]
    var discounts: [Float]
    var terminated: [Float]
    var priorities: SumTree?
    /// Largest priority pᵅ given so far; new transitions get it so each is sampled at least once (Schaul et al.).
    var maxPriority = 1.0

    /// Default memory budget: 8 GiB.
    public static let defaultMemoryBudgetBytes = 8 << 30

    /// Allocates an empty buffer.
    /// - Parameters:
    ///   - capacity: maximum number of transitions (SB3 `buffer_size`).
    ///   - observationSize: floats per observation.
    ///   - actionSize: floats per action.
    ///   - sampling: uniform (default) or prioritized.
    ///   - memoryBudgetBytes: the most memory the buffer may allocate (default ``defaultMemoryBudgetBytes``).
    /// - Throws: ``ReplayBufferError/invalidConfiguration(_:)`` for non-positive sizes or bad PER settings;
    ///   ``ReplayBufferError/memoryBudgetExceeded(_:)`` when `capacity` transitions would not fit the budget.
    public init(capacity: Int, observationSize: Int, actionSize: Int, sampling: ReplaySampling = .uniform,
                memoryBudgetBytes: Int = ReplayBuffer.defaultMemoryBudgetBytes) throws(ReplayBufferError) {
        guard capacity > 0 else { throw .invalidConfiguration("capacity must be positive, got \(capacity)") }
        guard observationSize > 0, actionSize > 0 else {
            throw .invalidConfiguration("observationSize and actionSize must be positive, got \(observationSize), \(actionSize)")
        }
        try sampling.validate()
        let needed = ReplayBuffer.bytesNeeded(capacity: capacity, observationSize: observationSize,
                                               actionSize: actionSize, prioritized: sampling.isPrioritized)
        guard needed <= memoryBudgetBytes else {
            let perTransition = needed / capacity
            let fitting = memoryBudgetBytes / max(perTransition, 1)
            throw .memoryBudgetExceeded(
                "capacity \(capacity) × \(perTransition) bytes per transition (observation \(observationSize) floats, "
                    + "action \(actionSize)) needs \(formatBytes(needed)), more than the budget of "
                    + "\(formatBytes(memoryBudgetBytes)). Lower the buffer size to at most \(fitting) or raise memoryBudgetBytes.")
        }
        self.capacity = capacity
        self.observationSize = observationSize
        self.actionSize = actionSize
        self.sampling = sampling
        observations = Array(repeating: 0, count: capacity * observationSize)
        nextObservations = observations
        actions = Array(repeating: 0, count: capacity * actionSize)
        rewards = Array(repeating: 0, count: capacity)
        discounts = rewards
        terminated = rewards
        priorities = sampling.isPrioritized ? SumTree(capacity: capacity) : nil
    }

    /// Bytes a buffer of this shape allocates: two observations, an action and three scalars per transition,
    /// plus the sum and min trees when prioritized.
    public static func bytesNeeded(capacity: Int, observationSize: Int, actionSize: Int, prioritized: Bool) -> Int {
        let perTransition = 4 * (2 * observationSize + actionSize + 3)
        var total = capacity.multipliedReportingOverflow(by: perTransition)
        if prioritized {
            var size = 1
            while size < capacity { size <<= 1 }
            let tree = (4 * size).multipliedReportingOverflow(by: 8)
            total = total.overflow || tree.overflow ? (Int.max, true) : total.partialValue.addingReportingOverflow(tree.partialValue)
        }
        return total.overflow ? Int.max : total.partialValue
    }

    /// Whether the buffer has no transitions.
    public var isEmpty: Bool { count == 0 }

    /// Stores one transition, overwriting the oldest when full.
    /// - Parameters:
    ///   - observation: s, ``observationSize`` floats.
    ///   - action: a, ``actionSize`` floats.
    ///   - reward: r (or an n-step discounted sum).
    ///   - nextObservation: s' (the true final observation when the episode was truncated).
    ///   - terminated: whether s' is terminal (no bootstrap).
    ///   - discount: the bootstrap factor γᵏ.
    /// - Throws: ``ReplayBufferError/shapeMismatch(_:)`` when a width is wrong.
    /// - Complexity: O(observationSize + actionSize), plus O(log capacity) when prioritized.
    public mutating func add<O: Collection, A: Collection>(
        observation: O, action: A, reward: Double, nextObservation: O, terminated: Bool, discount: Double
    ) throws(ReplayBufferError) where O.Element == Float, A.Element == Float {
        guard observation.count == observationSize, nextObservation.count == observationSize else {
            throw .shapeMismatch("add: observations must have \(observationSize) floats, got \(observation.count) and \(nextObservation.count)")
        }
        guard action.count == actionSize else {
            throw .shapeMismatch("add: action must have \(actionSize) floats, got \(action.count)")
        }
        let slot = position
        var o = slot * observationSize
        for (x, y) in zip(observation, nextObservation) {
            observations[o] = x
            nextObservations[o] = y
            o += 1
        }
        var a = slot * actionSize
        for x in action {
            actions[a] = x
            a += 1
        }
        rewards[slot] = Float(reward)
        self.terminated[slot] = terminated ? 1 : 0
        discounts[slot] = Float(discount)
        priorities?.update(slot, priority: maxPriority)
        position = (position + 1) % capacity
        count = min(count + 1, capacity)
        totalAdded += 1
    }

    /// Stores a transition given as a ``Transition`` value. See ``add(observation:action:reward:nextObservation:terminated:discount:)``.
    /// - Throws: ``ReplayBufferError/shapeMismatch(_:)`` when a width is wrong.
    public mutating func add(_ transition: Transition) throws(ReplayBufferError) {
        try add(observation: transition.observation, action: transition.action, reward: transition.reward,
                nextObservation: transition.nextObservation, terminated: transition.terminated,
                discount: transition.discount)
    }

    /// The stored transition in `slot` (0 ..< ``count``, in storage order).
    public func transition(at slot: Int) -> Transition {
        precondition(slot >= 0 && slot < count, "ReplayBuffer: slot \(slot) outside 0..<\(count)")
        let o = slot * observationSize, a = slot * actionSize
        return Transition(observation: Array(observations[o..<(o + observationSize)]),
                          action: Array(actions[a..<(a + actionSize)]), reward: Double(rewards[slot]),
                          nextObservation: Array(nextObservations[o..<(o + observationSize)]),
                          terminated: terminated[slot] != 0, discount: Double(discounts[slot]))
    }
}

/// One stored transition (s, a, r, s', terminated) with its bootstrap discount γᵏ.
public struct Transition: Equatable, Sendable {
    /// s.
    public var observation: [Float]
    /// a (one float for a discrete action index).
    public var action: [Float]
    /// r, or the discounted sum of k rewards for an n-step transition.
    public var reward: Double
    /// s' (for k-step transitions, the observation k steps later; the true final observation on truncation).
    public var nextObservation: [Float]
    /// Whether s' is terminal.
    public var terminated: Bool
    /// γᵏ, the factor on V(s') in the target.
    public var discount: Double

    /// Creates a transition.
    public init(observation: [Float], action: [Float], reward: Double, nextObservation: [Float], terminated: Bool,
                discount: Double) {
        self.observation = observation
        self.action = action
        self.reward = reward
        self.nextObservation = nextObservation
        self.terminated = terminated
        self.discount = discount
    }
}

/// "1.5 GiB"-style size for messages.
func formatBytes(_ bytes: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : "\((value * 10).rounded() / 10) \(units[unit])"
}
