/// One logged step of a finite MDP or (contextual) bandit: `(s, a, r, s', terminated)`.
public struct TabularTransition: Equatable, Sendable, Codable {
    /// The state (the context in a bandit).
    public var state: Int
    /// The action (the arm in a bandit).
    public var action: Int
    /// The observed reward, in [0, 1].
    public var reward: Double
    /// The next state (ignored when ``terminated``).
    public var nextState: Int
    /// Whether the step ended the episode (always true in a bandit).
    public var terminated: Bool

    /// A transition.
    public init(state: Int, action: Int, reward: Double, nextState: Int, terminated: Bool) {
        self.state = state
        self.action = action
        self.reward = reward
        self.nextState = nextState
        self.terminated = terminated
    }
}

/// An offline dataset of a finite MDP: `N` transitions `(s, a, r, s')` with `(s, a) ~ μ` i.i.d. (Rashidinejad et al.
/// 2021, §2), rewards in [0, 1]. A multi-armed bandit is the one-state, all-terminal case; a contextual bandit has
/// one state per context.
public struct TabularOfflineDataset: Equatable, Sendable, Codable {
    /// Number of states `|S|`.
    public let stateCount: Int
    /// Number of actions `|A|`.
    public let actionCount: Int
    /// The transitions, in collection order.
    public private(set) var transitions: [TabularTransition]

    /// An empty dataset.
    /// - Throws: ``TabularOfflineError/invalidConfiguration(_:)`` when a count is not positive.
    public init(stateCount: Int, actionCount: Int) throws(TabularOfflineError) {
        guard stateCount > 0, actionCount > 0 else {
            throw .invalidConfiguration(
                "stateCount and actionCount must be positive, got \(stateCount) and \(actionCount)")
        }
        self.stateCount = stateCount
        self.actionCount = actionCount
        transitions = []
    }

    /// A dataset holding `transitions`.
    /// - Throws: ``TabularOfflineError`` for non-positive counts or an invalid transition.
    /// - Complexity: O(N).
    public init(stateCount: Int, actionCount: Int, transitions: [TabularTransition]) throws(TabularOfflineError) {
        try self.init(stateCount: stateCount, actionCount: actionCount)
        self.transitions.reserveCapacity(transitions.count)
        for transition in transitions { try append(transition) }
    }

    /// A dataset from transitions that are valid by construction (generators in this module).
    init(trusted transitions: [TabularTransition], stateCount: Int, actionCount: Int) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.transitions = transitions
    }

    /// Number of transitions `N`.
    public var count: Int { transitions.count }

    /// Appends a transition.
    /// - Throws: ``TabularOfflineError/invalidTransition(_:)`` for an index out of range or a reward outside [0, 1]
    ///   (rescale rewards affinely to [0, 1] first: the LCB penalties assume that range).
    public mutating func append(_ transition: TabularTransition) throws(TabularOfflineError) {
        guard (0..<stateCount).contains(transition.state), (0..<stateCount).contains(transition.nextState) else {
            throw .invalidTransition(
                "transition \(count): state \(transition.state) or next state \(transition.nextState) "
                    + "is outside 0..<\(stateCount)")
        }
        guard (0..<actionCount).contains(transition.action) else {
            throw .invalidTransition("transition \(count): action \(transition.action) is outside 0..<\(actionCount)")
        }
        guard (0...1).contains(transition.reward) else {
            throw .invalidTransition(
                "transition \(count): reward \(transition.reward) is outside [0, 1]; rescale rewards to [0, 1]")
        }
        transitions.append(transition)
    }

    /// The dataset cut into `parts` contiguous folds of sizes differing by at most one (the data splitting of
    /// VI-LCB; the samples are i.i.d., so contiguous folds are independent).
    /// - Throws: ``TabularOfflineError/invalidConfiguration(_:)`` when `parts` is not positive.
    /// - Complexity: O(N).
    public func folds(_ parts: Int) throws(TabularOfflineError) -> [TabularOfflineDataset] {
        guard parts > 0 else { throw .invalidConfiguration("folds: parts must be positive, got \(parts)") }
        var result: [TabularOfflineDataset] = []
        var start = 0
        for part in 0..<parts {
            let end = start + count / parts + (part < count % parts ? 1 : 0)
            var fold = self
            fold.transitions = Array(transitions[start..<end])
            result.append(fold)
            start = end
        }
        return result
    }
}
