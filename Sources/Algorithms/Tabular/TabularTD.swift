import Environments
import Tensor

/// Tabular TD control — Q-learning, SARSA or expected SARSA (``TabularTDMethod``) — with a seeded ε-greedy
/// behaviour policy, on any vector environment whose observations and actions are Discrete (FrozenLake,
/// CliffWalking, Taxi, ``TabularEnvironment`` over a Garnet MDP, …).
///
/// Gymnasium semantics: no bootstrap after `terminated`; bootstrap from the final observation after `truncated`;
/// the next-step-autoreset step that follows an episode end is not learned from.
public struct TabularTD: Sendable {
    /// Hyper-parameters.
    public let config: TabularTDConfig
    /// The learned action values.
    public var q: QTable
    /// Environment steps taken (summed over sub-environments).
    public private(set) var stepCount = 0
    /// The behaviour policy's generator.
    public var rng: Xoshiro256StarStar

    /// A learner with Q(s, a) = ``TabularTDConfig/initialValue``.
    /// - Parameters:
    ///   - config: hyper-parameters. stateCount, actionCount: table size. seed: the ε-greedy stream.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` for bad hyper-parameters or sizes.
    public init(config: TabularTDConfig, stateCount: Int, actionCount: Int, seed: UInt64) throws(TabularError) {
        try config.validate()
        guard stateCount > 0, actionCount > 0 else {
            throw .invalidConfiguration("need at least one state and one action, got \(stateCount) × \(actionCount)")
        }
        self.config = config
        q = QTable(stateCount: stateCount, actionCount: actionCount, initialValue: config.initialValue)
        rng = Xoshiro256StarStar(seed: seed).derived("tabular-policy")
    }

    /// A learner sized from an environment's Discrete spaces.
    /// - Throws: ``TabularError/notTabular(_:)`` when a space is not Discrete.
    public init(config: TabularTDConfig, environment: some FlatVectorEnvironment, seed: UInt64) throws(TabularError) {
        guard case let .discrete(observations) = environment.singleObservationSpace,
              case let .discrete(actions) = environment.singleActionSpace else {
            throw .notTabular("tabular methods need Discrete observation and action spaces; got \(environment.singleObservationSpace) and \(environment.singleActionSpace)")
        }
        try self.init(config: config, stateCount: observations.n, actionCount: actions.n, seed: seed)
    }

    /// ε-greedy action for `state` with exploration rate `epsilon`.
    public mutating func behaviourAction(_ state: Int, epsilon: Double) -> Int {
        if rng.nextDouble() < epsilon { return rng.int(below: q.actionCount) }
        return q.greedyAction(state, using: &rng)
    }

    /// The TD target for a transition from `(s, a)` with reward `r` to `next` (ignored when `terminated`);
    /// `nextAction` is SARSA's a'.
    public func target(reward: Double, next: Int, terminated: Bool, nextAction: Int, epsilon: Double) -> Double {
        if terminated { return reward }
        let bootstrap: Double
        switch config.method {
        case .qLearning: bootstrap = q.maxValue(next)
        case .sarsa: bootstrap = q[next, nextAction]
        case .expectedSarsa: bootstrap = q.epsilonGreedyExpectation(next, epsilon: epsilon)
        }
        return reward + config.gamma * bootstrap
    }

    /// Applies one vector step's TD updates and returns the next actions (ε-greedy in the next states).
    /// - Parameters:
    ///   - states, actions: s and a per sub-environment. nextStates, rewards, terminated: the step's results.
    ///   - valid: false for next-step-autoreset steps (no update; a fresh action is chosen).
    ///   - totalSteps: the ε schedule's horizon.
    public mutating func observe(states: [Int], actions: [Int], nextStates: [Int], rewards: [Double],
                                 terminated: [Bool], valid: [Bool], totalSteps: Int) -> [Int] {
        stepCount += states.count
        let epsilon = config.epsilon(step: stepCount, totalSteps: totalSteps)
        var nextActions = actions
        for i in states.indices {
            let nextAction = behaviourAction(nextStates[i], epsilon: epsilon)
            nextActions[i] = nextAction
            guard valid[i] else { continue }
            update(state: states[i], action: actions[i], reward: rewards[i], next: nextStates[i],
                   terminated: terminated[i], nextAction: nextAction, epsilon: epsilon)
        }
        return nextActions
    }

    /// One TD update of Q(s, a) towards ``target(reward:next:terminated:nextAction:epsilon:)``, for callers that
    /// learn from transitions whose reward arrives later (e.g. the Explore player of Adversarial Surprise).
    public mutating func update(state: Int, action: Int, reward: Double, next: Int, terminated: Bool,
                                nextAction: Int, epsilon: Double) {
        let y = target(reward: reward, next: next, terminated: terminated, nextAction: nextAction, epsilon: epsilon)
        q[state, action] += config.learningRate * (y - q[state, action])
    }

    /// Restores the counters of a checkpoint.
    public mutating func restore(stepCount: Int, rng: Xoshiro256StarStar) {
        self.stepCount = stepCount
        self.rng = rng
    }

    /// Trains for `steps` vector steps' worth of environment steps (until ``stepCount`` grows by `steps`),
    /// resetting the environment with `seed` first.
    /// - Parameters:
    ///   - environment: Discrete-observation, Discrete-action vector environment (next-step autoreset).
    ///   - steps: environment steps to add. totalSteps: the horizon the ε schedule spans (default `steps`).
    ///   - seed: reset seed for the environment.
    ///   - onEpisode: called with each finished episode's return.
    /// - Throws: environment errors.
    public mutating func learn<Env: FlatVectorEnvironment>(
        environment: inout Env, steps: Int, totalSteps: Int? = nil, seed: UInt64?,
        onEpisode: (FinishedEpisode) -> Void = { _ in }
    ) throws(EnvironmentError) {
        let horizon = totalSteps ?? steps
        try environment.reset(seed: seed)
        let n = environment.count
        var states = environment.observations.map { Int($0) }
        var resetPending = [Bool](repeating: false, count: n)
        var epsilon = config.epsilon(step: stepCount, totalSteps: horizon)
        var actions = states.map { behaviourAction($0, epsilon: epsilon) }
        let end = stepCount + steps
        while stepCount < end {
            try environment.step(discreteActions: actions)
            stepCount += n
            epsilon = config.epsilon(step: stepCount, totalSteps: horizon)
            let next = environment.observations.map { Int($0) }
            for i in 0..<n {
                if resetPending[i] {  // autoreset step: the action was ignored, nothing to learn
                    resetPending[i] = false
                    actions[i] = behaviourAction(next[i], epsilon: epsilon)
                    continue
                }
                let terminated = environment.terminations[i], truncated = environment.truncations[i]
                let nextAction = behaviourAction(next[i], epsilon: epsilon)
                let y = target(reward: environment.rewards[i], next: next[i], terminated: terminated,
                               nextAction: nextAction, epsilon: epsilon)
                q[states[i], actions[i]] += config.learningRate * (y - q[states[i], actions[i]])
                actions[i] = nextAction
                if terminated || truncated { resetPending[i] = true }
            }
            for episode in environment.finishedEpisodes { onEpisode(episode) }
            states = next
        }
    }
}
