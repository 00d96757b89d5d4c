/// A finite-horizon tabular MDP `(S, A, H, P_h, r_h, ρ)` for exploration theory (Azar, Osband & Munos 2017;
/// Jin et al. 2018): stages `h = 0..<H`, transitions `P_h(s' | s, a)` and mean rewards `r_h(s, a) ∈ [0, 1]` that are
/// either shared by every stage (stationary) or given per stage, an optional second signal `u_h(s, a) ∈ [0, 1]` (a
/// utility or cost for episode-wise constraints) and a start distribution ρ. The episode always lasts H steps.
///
/// Rewards are observed as Bernoulli draws with mean `r_h(s, a)`, as in the tabular theory literature.
public struct EpisodicMDP: Equatable, Sendable, Codable {
    /// Number of states S.
    public let stateCount: Int
    /// Number of actions A.
    public let actionCount: Int
    /// The horizon H (steps per episode).
    public let horizon: Int
    /// `transitions[k][(s·A + a)·S + s']`: one table (stationary) or H tables (one per stage).
    public var transitions: [[Double]]
    /// `rewards[k][s·A + a]`: one table or H tables, matching ``transitions``.
    public var rewards: [[Double]]
    /// The constraint signal `u[k][s·A + a]` in [0, 1] (same layout as ``rewards``), or nil.
    public var utilities: [[Double]]?
    /// Start distribution ρ, S entries.
    public var initialDistribution: [Double]

    /// An MDP from its tables; shapes are not checked here (``validate()`` does).
    public init(
        stateCount: Int, actionCount: Int, horizon: Int, transitions: [[Double]], rewards: [[Double]],
        utilities: [[Double]]? = nil, initialDistribution: [Double]
    ) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.horizon = horizon
        self.transitions = transitions
        self.rewards = rewards
        self.utilities = utilities
        self.initialDistribution = initialDistribution
    }

    /// The stationary episodic MDP with `mdp`'s transitions and rewards over `horizon` steps. Terminal transitions
    /// of `mdp` are ignored (the episode always lasts H steps); rewards are clamped to [0, 1].
    public init(stationary mdp: TabularMDP, horizon: Int) {
        self.init(
            stateCount: mdp.stateCount, actionCount: mdp.actionCount, horizon: horizon,
            transitions: [mdp.transitions], rewards: [mdp.rewards.map { min(max($0, 0), 1) }],
            initialDistribution: mdp.initialDistribution)
    }

    /// Whether every stage shares one transition and reward table.
    public var isStationary: Bool { transitions.count == 1 }

    /// The table index used at stage `h`.
    @inline(__always) public func table(_ stage: Int) -> Int { transitions.count == 1 ? 0 : stage }

    /// `P_h(s' | s, a)`.
    @inline(__always) public func probability(stage: Int, _ state: Int, _ action: Int, _ next: Int) -> Double {
        transitions[table(stage)][(state * actionCount + action) * stateCount + next]
    }

    /// `r_h(s, a)`.
    @inline(__always) public func reward(stage: Int, _ state: Int, _ action: Int) -> Double {
        rewards[rewards.count == 1 ? 0 : stage][state * actionCount + action]
    }

    /// `u_h(s, a)` (0 without a constraint signal).
    public func utility(stage: Int, _ state: Int, _ action: Int) -> Double {
        guard let utilities else { return 0 }
        return utilities[utilities.count == 1 ? 0 : stage][state * actionCount + action]
    }

    /// Checks shapes, probabilities (non-negative, rows summing to 1 within `tolerance`) and signals in [0, 1].
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` naming the first bad field.
    public func validate(tolerance: Double = 1e-6) throws(EnvironmentError) {
        let (s, a, h) = (stateCount, actionCount, horizon)
        guard s > 0, a > 0, h > 0 else {
            throw .invalidOption("EpisodicMDP: need S, A, H ≥ 1 (got \(s), \(a), \(h))")
        }
        guard transitions.count == 1 || transitions.count == h else {
            throw .invalidOption("EpisodicMDP: transitions need 1 or H = \(h) tables, got \(transitions.count)")
        }
        guard rewards.count == transitions.count, utilities.map({ $0.count == rewards.count }) ?? true else {
            throw .invalidOption("EpisodicMDP: rewards/utilities need as many tables as transitions")
        }
        for (k, table) in transitions.enumerated() {
            guard table.count == s * a * s else {
                throw .invalidOption("EpisodicMDP: transitions[\(k)] needs S·A·S = \(s * a * s) entries")
            }
            for row in 0..<(s * a) {
                var sum = 0.0
                for next in 0..<s {
                    let p = table[row * s + next]
                    guard p >= 0, p.isFinite else {
                        throw .invalidOption("EpisodicMDP: transitions[\(k)] has entry \(p) (need ≥ 0)")
                    }
                    sum += p
                }
                guard abs(sum - 1) <= tolerance else {
                    throw .invalidOption(
                        "EpisodicMDP: transitions[\(k)] row (s \(row / a), a \(row % a)) sums to \(sum), not 1")
                }
            }
        }
        for (name, tables) in [("rewards", rewards), ("utilities", utilities ?? [])] {
            for (k, table) in tables.enumerated() {
                guard table.count == s * a, table.allSatisfy({ (0...1).contains($0) }) else {
                    throw .invalidOption("EpisodicMDP: \(name)[\(k)] needs S·A = \(s * a) values in [0, 1]")
                }
            }
        }
        let total = initialDistribution.reduce(0, +)
        guard initialDistribution.count == s, initialDistribution.allSatisfy({ $0 >= 0 }), abs(total - 1) <= tolerance
        else {
            throw .invalidOption("EpisodicMDP: the initial distribution needs S = \(s) non-negative entries summing to 1")
        }
    }

    /// Samples `(r, s')` at stage `h`: `r ~ Bernoulli(r_h(s, a))`, `s' ~ P_h(· | s, a)`, and the utility draw
    /// `u ~ Bernoulli(u_h(s, a))`.
    public func sampleStep(
        stage: Int, state: Int, action: Int, using generator: inout some RandomNumberGenerator
    ) -> (reward: Double, utility: Double, nextState: Int) {
        let mean = self.reward(stage: stage, state, action)
        let reward: Double = Double.random(in: 0..<1, using: &generator) < mean ? 1 : 0
        var utility = 0.0
        if utilities != nil {
            let level = self.utility(stage: stage, state, action)
            utility = Double.random(in: 0..<1, using: &generator) < level ? 1 : 0
        }
        let base = (state * actionCount + action) * stateCount
        let row = transitions[table(stage)][base..<(base + stateCount)]
        let next = TransitionTable.categoricalIndex(row, uniform: Double.random(in: 0..<1, using: &generator))
        return (reward, utility, next)
    }

    /// A start state drawn from ρ.
    public func sampleStart(using generator: inout some RandomNumberGenerator) -> Int {
        TransitionTable.categoricalIndex(initialDistribution, uniform: Double.random(in: 0..<1, using: &generator))
    }
}
