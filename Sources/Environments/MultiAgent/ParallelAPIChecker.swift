/// A rule of the parallel multi-agent API (``ParallelEnvironment``) that ``ParallelAPIChecker`` checks.
public enum ParallelAPIRule: String, CaseIterable, Sendable {
    /// `possibleAgents` is non-empty and has no duplicate names.
    case possibleAgents = "possible-agents"
    /// Spaces answer the same for every call and can be sampled; samples lie in them.
    case spaces
    /// Stepping before the first reset throws `resetNeeded`.
    case stepBeforeReset = "step-before-reset"
    /// Reset gives one observation and one info for every live agent, each observation in its space.
    case resetResults = "reset-results"
    /// `agents` is always a subset of `possibleAgents`.
    case agentsSubset = "agents-subset"
    /// Each step's observations, rewards, terminations, truncations and infos are keyed by exactly the agents that
    /// were live before the step.
    case stepKeys = "step-keys"
    /// Step observations lie in their spaces and rewards are finite.
    case stepValues = "step-values"
    /// An agent leaves `agents` right after a step that terminated or truncated it, and is never revived.
    case agentsLeave = "agents-leave"
    /// Once every agent has left, a further step throws `resetNeeded`.
    case episodeOver = "episode-over"
    /// A missing action or an action for an agent that is not live throws `invalidAction`.
    case invalidActions = "invalid-actions"
    /// Two instances reset with the same seed and given the same actions produce identical results.
    case seedDeterminism = "seed-determinism"
}

/// What ``ParallelAPIChecker`` throws: the violated rule and what was found.
public struct ParallelAPIViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rule that failed.
    public var rule: ParallelAPIRule
    /// What was found.
    public var message: String

    /// A violation.
    public init(_ rule: ParallelAPIRule, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { "parallel API rule \(rule.rawValue) violated: \(message)" }
}

/// PettingZoo's `parallel_api_test` (and its seed test) for ``ParallelEnvironment``: runs each
/// ``ParallelAPIRule`` on fresh instances and reports it (`swiftrl env check <multi-agent id>` prints the report).
///
/// Random actions come from each agent's action space through ``SpaceSampler`` seeded per agent, so a check that
/// fails is reproducible. Rollouts run ``resets`` episodes of at most ``cycles`` steps.
public struct ParallelAPIChecker {
    /// The outcome of one rule.
    public struct Result: Equatable, Sendable {
        /// The rule.
        public var rule: ParallelAPIRule
        /// Whether it held.
        public var passed: Bool
        /// What was found (empty when it held).
        public var message: String
    }

    /// Builds a fresh environment for each check.
    public let make: () throws(EnvironmentError) -> any ParallelEnvironment
    /// Steps per episode at most (PettingZoo's `num_cycles`).
    public var cycles = 1000
    /// Episodes rolled out (PettingZoo resets twice).
    public var resets = 2

    /// A checker over fresh instances from `make`.
    public init(make: @escaping () throws(EnvironmentError) -> any ParallelEnvironment) { self.make = make }

    /// Every rule's outcome, in ``ParallelAPIRule`` order; an environment that cannot be built fails every rule.
    public func run() -> [Result] {
        let checks: [(ParallelAPIRule, () throws(ParallelAPIViolation) -> Void)] = [
            (.possibleAgents, checkPossibleAgents), (.spaces, checkSpaces), (.stepBeforeReset, checkStepBeforeReset),
            (.invalidActions, checkInvalidActions), (.seedDeterminism, checkDeterminism),
        ]
        var failures: [ParallelAPIRule: String] = [:]
        for (rule, body) in checks {
            do throws(ParallelAPIViolation) { try body() } catch { failures[rule] = error.message }
        }
        // The rollouts check every per-step rule at once and stop at the first violation, which is reported; the
        // rules after it in a rollout are then not fully exercised.
        do throws(ParallelAPIViolation) { try checkRollouts() } catch { failures[error.rule] = error.message }
        return ParallelAPIRule.allCases.map { rule in
            Result(rule: rule, passed: failures[rule] == nil, message: failures[rule] ?? "")
        }
    }

    /// Runs every rule and throws the first violation.
    /// - Throws: ``ParallelAPIViolation`` naming the rule.
    public func validate() throws(ParallelAPIViolation) {
        if let failure = run().first(where: { !$0.passed }) {
            throw ParallelAPIViolation(failure.rule, failure.message)
        }
    }

    private func fresh(_ rule: ParallelAPIRule) throws(ParallelAPIViolation) -> any ParallelEnvironment {
        do throws(EnvironmentError) { return try make() } catch {
            throw ParallelAPIViolation(rule, "the environment could not be built: \(error)")
        }
    }

    private func attempt<T>(_ rule: ParallelAPIRule, _ what: String, _ body: () throws(EnvironmentError) -> T)
        throws(ParallelAPIViolation) -> T
    {
        do throws(EnvironmentError) { return try body() } catch {
            throw ParallelAPIViolation(rule, "\(what) threw \(error)")
        }
    }

    private func checkPossibleAgents() throws(ParallelAPIViolation) {
        let environment = try fresh(.possibleAgents)
        let names = environment.possibleAgents
        guard !names.isEmpty else { throw ParallelAPIViolation(.possibleAgents, "possibleAgents is empty") }
        guard Set(names).count == names.count else {
            throw ParallelAPIViolation(.possibleAgents, "possibleAgents \(names) has duplicate names")
        }
    }

    private func checkSpaces() throws(ParallelAPIViolation) {
        var environment = try fresh(.spaces)
        _ = try attempt(.spaces, "reset(seed: 0)") { () throws(EnvironmentError) in try environment.reset(seed: 0) }
        for (index, agent) in environment.possibleAgents.enumerated() {
            for (label, first, second) in [
                ("observation", environment.observationSpace(agent), environment.observationSpace(agent)),
                ("action", environment.actionSpace(agent), environment.actionSpace(agent)),
            ] {
                guard first == second else {
                    throw ParallelAPIViolation(.spaces, "\(label)Space('\(agent)') changed between two calls")
                }
                var sampler = SpaceSampler(space: first, seed: UInt64(index))
                let sample = sampler.sample()
                if let problem = first.mismatch(sample) {
                    throw ParallelAPIViolation(
                        .spaces, "a sample of \(label)Space('\(agent)') is not in it: \(problem)")
                }
            }
        }
    }

    private func checkStepBeforeReset() throws(ParallelAPIViolation) {
        var environment = try fresh(.stepBeforeReset)
        var actions: [String: SpaceValue] = [:]
        for (index, agent) in environment.possibleAgents.enumerated() {
            var sampler = SpaceSampler(space: environment.actionSpace(agent), seed: UInt64(index))
            actions[agent] = sampler.sample()
        }
        do {
            _ = try environment.step(actions)
        } catch .resetNeeded {
            return
        } catch {
            throw ParallelAPIViolation(.stepBeforeReset, "step before reset threw \(error) instead of resetNeeded")
        }
        throw ParallelAPIViolation(.stepBeforeReset, "step before reset did not throw; it must throw resetNeeded")
    }

    private func checkInvalidActions() throws(ParallelAPIViolation) {
        var environment = try fresh(.invalidActions)
        _ = try attempt(.invalidActions, "reset(seed: 1)") { () throws(EnvironmentError) in
            try environment.reset(seed: 1)
        }
        var actions = Self.sample(environment, seed: 1)
        guard let first = environment.agents.first else { return }
        actions[first] = nil
        var thrown: EnvironmentError?
        do throws(EnvironmentError) { _ = try environment.step(actions) } catch { thrown = error }
        guard let thrown else {
            throw ParallelAPIViolation(
                .invalidActions, "a step without an action for live agent '\(first)' did not throw")
        }
        guard case .invalidAction = thrown else {
            throw ParallelAPIViolation(.invalidActions, "a missing action threw \(thrown) instead of invalidAction")
        }
    }

    private func checkDeterminism() throws(ParallelAPIViolation) {
        var first = try fresh(.seedDeterminism)
        var second = try fresh(.seedDeterminism)
        let a = try attempt(.seedDeterminism, "reset(seed: 42)") { () throws(EnvironmentError) in
            try first.reset(seed: 42)
        }
        let b = try attempt(.seedDeterminism, "reset(seed: 42)") { () throws(EnvironmentError) in
            try second.reset(seed: 42)
        }
        guard a == b else { throw ParallelAPIViolation(.seedDeterminism, "two resets with seed 42 differ") }
        var samplers = Self.samplers(first, seed: 42)
        for index in 0..<min(cycles, 200) where !first.agents.isEmpty {
            var actions: [String: SpaceValue] = [:]
            for agent in first.agents { actions[agent] = samplers[agent]?.sample() }
            let x = try attempt(.seedDeterminism, "step") { () throws(EnvironmentError) in try first.step(actions) }
            let y = try attempt(.seedDeterminism, "step") { () throws(EnvironmentError) in try second.step(actions) }
            guard x == y, first.agents == second.agents else {
                throw ParallelAPIViolation(
                    .seedDeterminism, "step \(index) after reset(seed: 42) differs between instances")
            }
        }
    }

    private func checkRollouts() throws(ParallelAPIViolation) {
        var environment = try fresh(.resetResults)
        var samplers = Self.samplers(environment, seed: 11)
        for episode in 0..<max(1, resets) {
            let seed: UInt64? = episode == 0 ? 11 : nil
            let reset = try attempt(.resetResults, "reset") { () throws(EnvironmentError) in
                try environment.reset(seed: seed)
            }
            try checkSubset(environment)
            for agent in environment.agents {
                guard let observation = reset.observations[agent] else {
                    throw ParallelAPIViolation(.resetResults, "reset gave no observation for live agent '\(agent)'")
                }
                guard reset.infos[agent] != nil else {
                    throw ParallelAPIViolation(.resetResults, "reset gave no info for live agent '\(agent)'")
                }
                if let problem = environment.observationSpace(agent).mismatch(observation) {
                    throw ParallelAPIViolation(.resetResults, "reset observation of '\(agent)': \(problem)")
                }
            }
            var finished = Set<String>()
            for cycle in 0..<cycles {
                let live = environment.agents
                var actions: [String: SpaceValue] = [:]
                for agent in live { actions[agent] = samplers[agent]?.sample() }
                let step = try attempt(.stepValues, "step \(cycle)") { () throws(EnvironmentError) in
                    try environment.step(actions)
                }
                try checkStep(step, live: live, environment: environment, cycle: cycle)
                try checkSubset(environment)
                let leaving = step.finishedAgents
                finished.formUnion(leaving)
                for agent in environment.agents where finished.contains(agent) {
                    throw ParallelAPIViolation(
                        .agentsLeave, "'\(agent)' is in agents after it was terminated or truncated (step \(cycle))")
                }
                for agent in live where !leaving.contains(agent) && !environment.agents.contains(agent) {
                    throw ParallelAPIViolation(
                        .agentsLeave, "'\(agent)' left agents at step \(cycle) without a termination or truncation")
                }
                if environment.agents.isEmpty {
                    try checkEpisodeOver(&environment)
                    break
                }
            }
        }
    }

    private func checkStep(_ step: ParallelStep, live: [String], environment: any ParallelEnvironment, cycle: Int)
        throws(ParallelAPIViolation)
    {
        let expected = Set(live)
        let keys: [(String, Set<String>)] = [
            ("observations", Set(step.observations.keys)), ("rewards", Set(step.rewards.keys)),
            ("terminations", Set(step.terminations.keys)), ("truncations", Set(step.truncations.keys)),
            ("infos", Set(step.infos.keys)),
        ]
        for (name, found) in keys where found != expected {
            let missing = expected.subtracting(found).sorted()
            let extra = found.subtracting(expected).sorted()
            throw ParallelAPIViolation(
                .stepKeys,
                "step \(cycle) \(name) keys differ from the agents live before the step: missing \(missing), "
                    + "extra \(extra) (agents that left must get no entry; live agents need one)")
        }
        for agent in live {
            if let observation = step.observations[agent],
                let problem = environment.observationSpace(agent).mismatch(observation)
            {
                throw ParallelAPIViolation(.stepValues, "step \(cycle) observation of '\(agent)': \(problem)")
            }
            if let reward = step.rewards[agent], !reward.isFinite {
                throw ParallelAPIViolation(.stepValues, "step \(cycle) reward of '\(agent)' is \(reward)")
            }
        }
    }

    private func checkSubset(_ environment: any ParallelEnvironment) throws(ParallelAPIViolation) {
        let possible = Set(environment.possibleAgents)
        for agent in environment.agents where !possible.contains(agent) {
            throw ParallelAPIViolation(.agentsSubset, "'\(agent)' is in agents but not in possibleAgents")
        }
    }

    private func checkEpisodeOver(_ environment: inout any ParallelEnvironment) throws(ParallelAPIViolation) {
        do {
            _ = try environment.step([:])
        } catch .resetNeeded {
            return
        } catch {
            throw ParallelAPIViolation(.episodeOver, "a step after every agent left threw \(error), not resetNeeded")
        }
        throw ParallelAPIViolation(.episodeOver, "a step after every agent left did not throw resetNeeded")
    }

    static func samplers(_ environment: any ParallelEnvironment, seed: UInt64) -> [String: SpaceSampler] {
        var out: [String: SpaceSampler] = [:]
        for (index, agent) in environment.possibleAgents.enumerated() {
            out[agent] = SpaceSampler(space: environment.actionSpace(agent), seed: seed &+ UInt64(index))
        }
        return out
    }

    static func sample(_ environment: any ParallelEnvironment, seed: UInt64) -> [String: SpaceValue] {
        var samplers = samplers(environment, seed: seed)
        var actions: [String: SpaceValue] = [:]
        for agent in environment.agents { actions[agent] = samplers[agent]?.sample() }
        return actions
    }
}
