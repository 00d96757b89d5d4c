/// A configurable tabular grid world: walls `#`, floor `.`, lava `L` (ends the episode with ``lavaReward``),
/// goals `G` (end it with ``goalReward``) and starts `S` (chosen uniformly). Actions 0 up, 1 right, 2 down,
/// 3 left; moving into a wall or off the grid stays put. With probability ``slipProbability`` the move is replaced
/// by a uniformly random one of the four. The observation is the state index `row · columns + column`;
/// ``PartialGridWorld`` gives an egocentric window instead.
public struct GridWorld: Environment, Sendable {
    /// Built-in layouts.
    public static let layouts: [String: [String]] = [
        "empty5": ["S....", ".....", ".....", ".....", "....G"],
        "lava": ["S......", ".......", ".LLLLL.", ".......", "......G"],
        "walls": ["S..#...", "...#...", "...#.L.", ".......", "...#..G"],
        // Sutton, Precup & Singh (1999), inner 11×11 plus the outer wall.
        "fourrooms": [
            "#############", "#S....#.....#", "#.....#.....#", "#...........#", "#.....#.....#", "#.....#.....#",
            "##.####.....#", "#.....###.###", "#.....#.....#", "#.....#.....#", "#...........#", "#.....#....G#",
            "#############",
        ],
    ]

    /// The layout characters.
    public let cells: [[Character]]
    /// Probability that the move is replaced by a random one.
    public let slipProbability: Double
    /// Reward for each step that does not end the episode.
    public let stepReward: Double
    /// Reward for entering a goal.
    public let goalReward: Double
    /// Reward for entering lava.
    public let lavaReward: Double
    /// `P[s][a]` built from the layout.
    public let table: TransitionTable
    /// The current state index.
    public private(set) var state = 0
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates a grid world.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for ragged rows, unknown characters, no start, or a slip
    ///   probability outside [0, 1].
    public init(
        layout: [String] = GridWorld.layouts["empty5"] ?? [], slipProbability: Double = 0,
        stepReward: Double = 0, goalReward: Double = 1, lavaReward: Double = -1
    ) throws(EnvironmentError) {
        let cells = layout.map(Array.init)
        guard let columns = cells.first?.count, columns > 0, cells.allSatisfy({ $0.count == columns }) else {
            throw .invalidOption("GridWorld: the layout must be non-empty rows of equal length")
        }
        guard cells.joined().allSatisfy({ "#.LGS".contains($0) }) else {
            throw .invalidOption("GridWorld: use only # . L G S in the layout")
        }
        guard cells.joined().contains("S") else { throw .invalidOption("GridWorld: the layout needs a start S") }
        guard (0...1).contains(slipProbability) else {
            throw .invalidOption("GridWorld: slip probability must be in [0, 1], got \(slipProbability)")
        }
        self.cells = cells
        self.slipProbability = slipProbability
        self.stepReward = stepReward
        self.goalReward = goalReward
        self.lavaReward = lavaReward
        let rows = cells.count, stateCount = rows * columns
        let starts = cells.joined().map { $0 == "S" ? 1.0 : 0.0 }
        let startCount = starts.reduce(0, +)
        var table = TransitionTable(
            stateCount: stateCount, actionCount: 4, initialDistribution: starts.map { $0 / startCount })
        let deltas = [(-1, 0), (0, 1), (1, 0), (0, -1)]
        for state in 0..<stateCount {
            let row = state / columns, column = state % columns
            for action in 0..<4 {
                if "#LG".contains(cells[row][column]) {
                    table.append(
                        state: state, action: action,
                        TabularOutcome(probability: 1, nextState: state, reward: 0, terminated: true))
                    continue
                }
                var probabilities = [Double](repeating: slipProbability / 4, count: 4)
                probabilities[action] += 1 - slipProbability
                for move in 0..<4 where probabilities[move] > 0 {
                    var newRow = row + deltas[move].0, newColumn = column + deltas[move].1
                    if newRow < 0 || newRow >= rows || newColumn < 0 || newColumn >= columns
                        || cells[newRow][newColumn] == "#"
                    {
                        (newRow, newColumn) = (row, column)
                    }
                    let letter = cells[newRow][newColumn]
                    let reward = letter == "G" ? goalReward : (letter == "L" ? lavaReward : stepReward)
                    table.append(
                        state: state, action: action,
                        TabularOutcome(
                            probability: probabilities[move], nextState: newRow * columns + newColumn, reward: reward,
                            terminated: letter == "G" || letter == "L"))
                }
            }
        }
        self.table = table
    }

    /// Rows of the grid.
    public var rows: Int { cells.count }
    /// Columns of the grid.
    public var columns: Int { cells[0].count }

    public var observationSpace: Space { .discrete(DiscreteSpace(validN: table.stateCount)) }
    public var actionSpace: Space { .discrete(DiscreteSpace(validN: 4)) }
    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.ansi]) }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Int> {
        random.prepare(seed: seed)
        state = TransitionTable.categoricalIndex(table.initialDistribution, uniform: random.random())
        return Reset(observation: state)
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        guard (0..<4).contains(action) else {
            throw .invalidAction("GridWorld: action \(action) is not 0 (up), 1 (right), 2 (down) or 3 (left)")
        }
        let outcomes = table.outcomes(state: state, action: action)
        let chosen = outcomes[
            TransitionTable.categoricalIndex(outcomes.lazy.map(\.probability), uniform: random.random())]
        state = chosen.nextState
        return Step(observation: state, reward: chosen.reward, terminated: chosen.terminated, truncated: false)
    }

    /// The layout with the agent drawn as `A`.
    public func render() -> Frame? {
        var lines = cells
        lines[state / columns][state % columns] = "A"
        return .text(lines.map { String($0) }.joined(separator: "\n") + "\n")
    }

    /// The tabular MDP (`P[s, a, s']`, `R[s, a]`).
    public var mdp: TabularMDP { table.mdp }

    /// The cell type code used by ``PartialGridWorld``: 0 floor/start, 1 wall (or outside), 2 lava, 3 goal.
    public func cellCode(row: Int, column: Int) -> Float {
        guard row >= 0, row < rows, column >= 0, column < columns else { return 1 }
        switch cells[row][column] {
        case "#": return 1
        case "L": return 2
        case "G": return 3
        default: return 0
        }
    }
}
