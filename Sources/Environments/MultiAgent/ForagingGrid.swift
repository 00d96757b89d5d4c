/// A Markov game with a variable number of agents: n foragers on a size × size grid collect food and leave.
///
/// Agents `forager_0 … forager_{n−1}` start on distinct random cells, `food` items on other distinct cells.
/// Actions `Discrete(5)`: 0 stay, 1 up, 2 down, 3 left, 4 right (moves into a wall stay put; agents may share a
/// cell). Every acting agent pays `stepCost` per step. When live agents stand on a food cell after moving, the item
/// is eaten: each of the k agents there receives `1/k` and is **terminated** (it leaves `agents`). When no food is
/// left every remaining agent is terminated; after `maxCycles` steps the remaining agents are **truncated**.
/// The observation (`Box(0, 1, 2 + 2·size²)`, float32) is the agent's own position scaled to [0, 1], the food
/// map, and the map of the other live agents' counts divided by n.
public struct ForagingGrid: ParallelEnvironment {
    /// The side of the square grid.
    public let size: Int
    /// Food items per episode.
    public let foodCount: Int
    /// Steps before the remaining agents are truncated.
    public let maxCycles: Int
    /// Reward every acting agent pays per step.
    public let stepCost: Double
    public let possibleAgents: [String]
    public private(set) var agents: [String] = []
    private var positions: [Int] = []
    private var food: [Bool] = []
    private var cycles = 0
    private var random = EpisodeRandom()
    private let space: Space

    /// A game with `agents` foragers.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for 0 agents, a side outside 2…12, no food, more agents plus
    ///   food than cells, or `maxCycles < 1`.
    public init(agents: Int = 3, size: Int = 5, food: Int? = nil, maxCycles: Int = 25, stepCost: Double = 0.01)
        throws(EnvironmentError)
    {
        let food = food ?? agents
        guard agents >= 1 else { throw .invalidOption("foraging needs at least one agent, got \(agents)") }
        guard (2...12).contains(size) else { throw .invalidOption("size must be in 2…12, got \(size)") }
        guard food >= 1 else { throw .invalidOption("food must be ≥ 1, got \(food)") }
        guard agents + food <= size * size else {
            throw .invalidOption("\(agents) agents and \(food) food items do not fit on \(size * size) cells")
        }
        guard maxCycles >= 1 else { throw .invalidOption("max_cycles must be ≥ 1, got \(maxCycles)") }
        guard stepCost.isFinite else { throw .invalidOption("step_cost must be finite") }
        self.size = size
        foodCount = food
        self.maxCycles = maxCycles
        self.stepCost = stepCost
        possibleAgents = (0..<agents).map { "forager_\($0)" }
        space = .box(try BoxSpace(low: 0, high: 1, shape: [2 + 2 * size * size]))
    }

    public func observationSpace(_ agent: String) -> Space { possibleAgents.contains(agent) ? space : .tuple([]) }

    public func actionSpace(_ agent: String) -> Space {
        possibleAgents.contains(agent) ? .discrete(DiscreteSpace(validN: 5)) : .tuple([])
    }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> ParallelReset {
        if let key = options.keys.sorted().first {
            throw .invalidOption("foraging takes no reset options, got `\(key)`")
        }
        random.prepare(seed: seed)
        var cells = Array(0..<(size * size))
        // Partial Fisher–Yates: the first agents + food cells are a uniform random arrangement.
        for index in 0..<(possibleAgents.count + foodCount) {
            let other = random.integers(low: index, high: cells.count)
            cells.swapAt(index, other)
        }
        positions = Array(cells[0..<possibleAgents.count])
        food = [Bool](repeating: false, count: size * size)
        for cell in cells[possibleAgents.count..<(possibleAgents.count + foodCount)] { food[cell] = true }
        agents = possibleAgents
        cycles = 0
        var observations: [String: SpaceValue] = [:]
        var infos: [String: Info] = [:]
        for agent in agents {
            observations[agent] = observation(agent)
            infos[agent] = [:]
        }
        return ParallelReset(observations: observations, infos: infos)
    }

    public mutating func step(_ actions: [String: SpaceValue]) throws(EnvironmentError) -> ParallelStep {
        guard !agents.isEmpty else {
            throw .resetNeeded("the episode is over (every agent left) or reset was never called; call reset first")
        }
        try validateActions(actions)
        let acting = agents
        for agent in acting {
            guard let index = possibleAgents.firstIndex(of: agent) else { continue }
            positions[index] = moved(positions[index], actions[agent]?.intValue ?? 0)
        }
        cycles += 1
        var rewards = Dictionary(uniqueKeysWithValues: acting.map { ($0, -stepCost) })
        var terminated = Set<String>()
        for cell in food.indices where food[cell] {
            let here = acting.filter { possibleAgents.firstIndex(of: $0).map { positions[$0] == cell } ?? false }
            guard !here.isEmpty else { continue }
            food[cell] = false
            for agent in here {
                rewards[agent, default: 0] += 1 / Double(here.count)
                terminated.insert(agent)
            }
        }
        let foodLeft = food.contains(true)
        if !foodLeft { terminated.formUnion(acting) }
        let truncated = foodLeft && cycles >= maxCycles
        agents = acting.filter { !terminated.contains($0) && !truncated }
        var result = ParallelStep(observations: [:], rewards: rewards, terminations: [:], truncations: [:], infos: [:])
        for agent in acting {
            result.observations[agent] = observation(agent)
            result.terminations[agent] = terminated.contains(agent)
            result.truncations[agent] = truncated && !terminated.contains(agent)
            result.infos[agent] = ["food_left": .int(food.filter { $0 }.count)]
        }
        return result
    }

    private func moved(_ cell: Int, _ action: Int) -> Int {
        let x = cell % size
        let y = cell / size
        switch action {
        case 1: return y > 0 ? cell - size : cell
        case 2: return y < size - 1 ? cell + size : cell
        case 3: return x > 0 ? cell - 1 : cell
        case 4: return x < size - 1 ? cell + 1 : cell
        default: return cell
        }
    }

    private func observation(_ agent: String) -> SpaceValue {
        let cells = size * size
        var values = [Double](repeating: 0, count: 2 + 2 * cells)
        guard let me = possibleAgents.firstIndex(of: agent) else { return .array(values) }
        values[0] = Double(positions[me] % size) / Double(size - 1)
        values[1] = Double(positions[me] / size) / Double(size - 1)
        for cell in 0..<cells where food[cell] { values[2 + cell] = 1 }
        for other in agents where other != agent {
            guard let index = possibleAgents.firstIndex(of: other) else { continue }
            values[2 + cells + positions[index]] += 1 / Double(possibleAgents.count)
        }
        return .array(values)
    }
}
