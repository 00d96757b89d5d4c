/// A multi-agent environment with PettingZoo's Parallel API semantics: every live agent acts at once.
///
/// - ``possibleAgents`` lists every agent that may ever appear; ``agents`` lists the agents alive now (a subset,
///   in a stable order). Before the first reset ``agents`` is empty.
/// - `reset(seed:options:)` returns one observation and one info per live agent.
/// - `step(_:)` takes one action per live agent and returns, per agent that was live before the step, its
///   observation, reward, termination and truncation flags and info. An agent whose `terminated` or `truncated`
///   flag is true leaves ``agents`` after that step and never comes back in the episode; the episode is over when
///   ``agents`` is empty. Agents may also join mid-episode (then they appear in ``agents`` and the next step's dicts).
/// - ``observationSpace(_:)`` and ``actionSpace(_:)`` answer for every possible agent and never change.
///
/// Values are type-erased to ``SpaceValue`` (discrete observations and actions are `.int`). ``ParallelAPIChecker``
/// checks these rules, like PettingZoo's `parallel_api_test`.
public protocol ParallelEnvironment {
    /// Every agent that can appear, in a fixed order (PettingZoo's `possible_agents`).
    var possibleAgents: [String] { get }
    /// The agents alive now, a subset of ``possibleAgents`` (PettingZoo's `agents`).
    var agents: [String] { get }
    /// The observation space of `agent` (any of ``possibleAgents``).
    func observationSpace(_ agent: String) -> Space
    /// The action space of `agent` (any of ``possibleAgents``).
    func actionSpace(_ agent: String) -> Space

    /// Starts an episode; a non-nil `seed` re-seeds the environment's generator, nil continues its stream.
    /// - Returns: one observation and one info per agent of ``agents``.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for a malformed option.
    mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> ParallelReset

    /// Advances one step with one action per live agent.
    /// - Throws: ``EnvironmentError/resetNeeded(_:)`` before the first reset or after every agent left;
    ///   ``EnvironmentError/invalidAction(_:)`` when an action is missing, out of its space, or for an agent that
    ///   is not live.
    mutating func step(_ actions: [String: SpaceValue]) throws(EnvironmentError) -> ParallelStep
}

extension ParallelEnvironment {
    /// Starts an episode with no options. See ``reset(seed:options:)``.
    /// - Throws: ``EnvironmentError`` from the environment.
    public mutating func reset(seed: UInt64? = nil) throws(EnvironmentError) -> ParallelReset {
        try reset(seed: seed, options: [:])
    }

    /// The number of live agents (PettingZoo's `num_agents`).
    public var numAgents: Int { agents.count }
    /// The number of possible agents (PettingZoo's `max_num_agents`).
    public var maxNumAgents: Int { possibleAgents.count }

    /// Checks `actions` against the live agents and their spaces (for conforming types' `step`).
    /// - Throws: ``EnvironmentError/invalidAction(_:)`` naming the agent and the rule.
    public func validateActions(_ actions: [String: SpaceValue]) throws(EnvironmentError) {
        let live = Set(agents)
        for agent in actions.keys.sorted() where !live.contains(agent) {
            throw .invalidAction("an action was given for '\(agent)', which is not live (live: \(agents))")
        }
        for agent in agents {
            guard let action = actions[agent] else {
                throw .invalidAction("no action for live agent '\(agent)'; give one action per agent of `agents`")
            }
            if let problem = actionSpace(agent).mismatch(action) {
                throw .invalidAction("action of '\(agent)': \(problem)")
            }
        }
    }
}

/// What ``ParallelEnvironment/reset(seed:options:)`` returns: PettingZoo's `(observations, infos)`.
public struct ParallelReset: Sendable, Equatable {
    /// One observation per live agent.
    public var observations: [String: SpaceValue]
    /// One info per live agent.
    public var infos: [String: Info]

    /// Creates a reset result.
    public init(observations: [String: SpaceValue], infos: [String: Info]) {
        self.observations = observations
        self.infos = infos
    }
}

/// What ``ParallelEnvironment/step(_:)`` returns: PettingZoo's
/// `(observations, rewards, terminations, truncations, infos)`, each keyed by the agents live before the step.
public struct ParallelStep: Sendable, Equatable {
    /// Observation after the step, per agent.
    public var observations: [String: SpaceValue]
    /// Reward of the step, per agent.
    public var rewards: [String: Double]
    /// The agent reached a terminal state (do not bootstrap); it leaves ``ParallelEnvironment/agents``.
    public var terminations: [String: Bool]
    /// The agent was cut off (e.g. a cycle limit); it leaves ``ParallelEnvironment/agents``.
    public var truncations: [String: Bool]
    /// Extra information per agent.
    public var infos: [String: Info]

    /// Creates a step result.
    public init(
        observations: [String: SpaceValue], rewards: [String: Double], terminations: [String: Bool],
        truncations: [String: Bool], infos: [String: Info]
    ) {
        self.observations = observations
        self.rewards = rewards
        self.terminations = terminations
        self.truncations = truncations
        self.infos = infos
    }

    /// The agents whose termination or truncation flag is set.
    public var finishedAgents: Set<String> {
        Set(terminations.filter(\.value).keys).union(truncations.filter(\.value).keys)
    }
}
