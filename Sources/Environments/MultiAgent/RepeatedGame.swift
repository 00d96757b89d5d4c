/// A stage game played repeatedly as a parallel environment (like PettingZoo's `rps_v2`).
///
/// Agents are `player_0 … player_{n−1}`. Each step every player picks an action and receives its stage payoff.
/// The observation is the others' actions of the previous round with "none" before the first round:
/// with two players it is `Discrete(A + 1)` holding the opponent's last action, `A` meaning none (PettingZoo's
/// convention); with more players it is `MultiDiscrete([A_j + 1 for j ≠ i])`. After ``maxCycles`` rounds every
/// agent is truncated at once and leaves; nothing terminates early.
public struct RepeatedGame<Game: StageGame>: ParallelEnvironment {
    /// The stage game.
    public let game: Game
    /// Rounds per episode before every agent is truncated (PettingZoo's `max_cycles`).
    public let maxCycles: Int
    public let possibleAgents: [String]
    public private(set) var agents: [String] = []
    private var round = 0
    private var observationSpaces: [Space] = []

    /// An environment over `game`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when `maxCycles < 1`.
    public init(_ game: Game, maxCycles: Int = 15) throws(EnvironmentError) {
        guard maxCycles >= 1 else { throw .invalidOption("max_cycles must be ≥ 1, got \(maxCycles)") }
        self.game = game
        self.maxCycles = maxCycles
        possibleAgents = (0..<game.players).map { "player_\($0)" }
        observationSpaces = try (0..<game.players).map { (player: Int) throws(EnvironmentError) -> Space in
            let others = game.actionCounts.enumerated().filter { $0.offset != player }.map { $0.element + 1 }
            return others.count == 1
                ? .discrete(try DiscreteSpace(others[0])) : .multiDiscrete(try MultiDiscreteSpace(others))
        }
    }

    public func observationSpace(_ agent: String) -> Space {
        index(of: agent).map { observationSpaces[$0] } ?? .tuple([])
    }

    public func actionSpace(_ agent: String) -> Space {
        index(of: agent).map { .discrete(DiscreteSpace(validN: game.actionCounts[$0])) } ?? .tuple([])
    }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> ParallelReset {
        if let key = options.keys.sorted().first {
            throw .invalidOption("repeated games take no reset options, got `\(key)`")
        }
        agents = possibleAgents
        round = 0
        let none = game.actionCounts
        var observations: [String: SpaceValue] = [:]
        for (player, agent) in agents.enumerated() { observations[agent] = observation(player, lastJoint: none) }
        return ParallelReset(
            observations: observations, infos: Dictionary(uniqueKeysWithValues: agents.map { ($0, [:]) }))
    }

    public mutating func step(_ actions: [String: SpaceValue]) throws(EnvironmentError) -> ParallelStep {
        guard !agents.isEmpty else {
            throw .resetNeeded("the episode is over (every agent left) or reset was never called; call reset first")
        }
        try validateActions(actions)
        let joint = possibleAgents.map { actions[$0]?.intValue ?? 0 }
        let payoffs = game.payoffs(joint)
        round += 1
        let truncated = round >= maxCycles
        var result = ParallelStep(observations: [:], rewards: [:], terminations: [:], truncations: [:], infos: [:])
        for (player, agent) in possibleAgents.enumerated() {
            result.observations[agent] = observation(player, lastJoint: joint)
            result.rewards[agent] = payoffs[player]
            result.terminations[agent] = false
            result.truncations[agent] = truncated
            result.infos[agent] = ["round": .int(round)]
        }
        if truncated { agents = [] }
        return result
    }

    private func index(of agent: String) -> Int? { possibleAgents.firstIndex(of: agent) }

    private func observation(_ player: Int, lastJoint: [Int]) -> SpaceValue {
        let others = lastJoint.enumerated().filter { $0.offset != player }.map(\.element)
        return others.count == 1 ? .int(others[0]) : .array(others.map(Double.init))
    }
}
