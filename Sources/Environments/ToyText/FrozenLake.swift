import Tensor

/// FrozenLake-v1 / FrozenLake8x8-v1, matching Gymnasium's `FrozenLakeEnv`: walk from S to G over frozen tiles F
/// without falling into holes H. Actions 0 left, 1 down, 2 right, 3 up. When slippery, the intended move happens
/// with `successRate` and each perpendicular move with `(1 − successRate) / 2`.
public struct FrozenLake: Environment, Sendable {
    /// Gymnasium's built-in maps.
    public static let maps: [String: [String]] = [
        "4x4": ["SFFF", "FHFH", "FFFH", "HFFG"],
        "8x8": ["SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG"],
    ]

    /// The map rows.
    public let description: [[Character]]
    /// Whether moves can slip.
    public let isSlippery: Bool
    /// The transition table (`P`).
    public let table: TransitionTable
    /// The current state (`row * columns + column`).
    public private(set) var state = 0
    /// The last action, for rendering.
    public private(set) var lastAction: Int?
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates a lake from map rows.
    /// - Parameters:
    ///   - map: Rows of `S`, `F`, `H`, `G` (one `S`).
    ///   - isSlippery: Slippery ice (Gymnasium's default true).
    ///   - successRate: Probability of the intended move when slippery (default 1/3).
    ///   - rewardSchedule: Rewards for reaching G, H and F (default 1, 0, 0).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for a ragged map, unknown letters or no start.
    public init(
        map: [String] = FrozenLake.maps["4x4"] ?? [], isSlippery: Bool = true, successRate: Double = 1.0 / 3.0,
        rewardSchedule: (goal: Double, hole: Double, frozen: Double) = (1, 0, 0)
    ) throws(EnvironmentError) {
        let rows = map.map(Array.init)
        guard let columns = rows.first?.count, columns > 0, rows.allSatisfy({ $0.count == columns }) else {
            throw .invalidOption("FrozenLake: the map must be non-empty rows of equal length")
        }
        guard rows.joined().allSatisfy({ "SFHG".contains($0) }), rows.joined().contains("S") else {
            throw .invalidOption("FrozenLake: the map may only use S, F, H, G and needs an S")
        }
        guard (0...1).contains(successRate) else {
            throw .invalidOption("FrozenLake: success_rate must be in [0, 1], got \(successRate)")
        }
        description = rows
        self.isSlippery = isSlippery
        let rowCount = rows.count, stateCount = rowCount * columns
        var initial = rows.joined().map { $0 == "S" ? 1.0 : 0.0 }
        let starts = initial.reduce(0, +)
        initial = initial.map { $0 / starts }
        var table = TransitionTable(stateCount: stateCount, actionCount: 4, initialDistribution: initial)
        let failRate = (1.0 - successRate) / 2.0
        func move(_ row: Int, _ column: Int, _ action: Int) -> (Int, Int) {
            switch action {
            case 0: (row, max(column - 1, 0))
            case 1: (min(row + 1, rowCount - 1), column)
            case 2: (row, min(column + 1, columns - 1))
            default: (max(row - 1, 0), column)
            }
        }
        func outcome(_ row: Int, _ column: Int, _ action: Int, probability: Double) -> TabularOutcome {
            let (newRow, newColumn) = move(row, column, action)
            let letter = rows[newRow][newColumn]
            let reward =
                letter == "G" ? rewardSchedule.goal : (letter == "H" ? rewardSchedule.hole : rewardSchedule.frozen)
            return TabularOutcome(
                probability: probability, nextState: newRow * columns + newColumn, reward: reward,
                terminated: letter == "G" || letter == "H")
        }
        for row in 0..<rowCount {
            for column in 0..<columns {
                let state = row * columns + column
                for action in 0..<4 {
                    if "GH".contains(rows[row][column]) {
                        table.append(
                            state: state, action: action,
                            TabularOutcome(probability: 1, nextState: state, reward: 0, terminated: true))
                    } else if isSlippery {
                        for b in [(action + 3) % 4, action, (action + 1) % 4] {
                            table.append(
                                state: state, action: action,
                                outcome(row, column, b, probability: b == action ? successRate : failRate))
                        }
                    } else {
                        table.append(state: state, action: action, outcome(row, column, action, probability: 1))
                    }
                }
            }
        }
        self.table = table
    }

    public var observationSpace: Space { .discrete(DiscreteSpace(validN: table.stateCount)) }
    public var actionSpace: Space { .discrete(DiscreteSpace(validN: 4)) }
    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.ansi], renderFPS: 4) }

    /// Resets to the start tile; info `prob = 1`.
    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Int> {
        random.prepare(seed: seed)
        state = TransitionTable.categoricalIndex(table.initialDistribution, uniform: random.random())
        lastAction = nil
        return Reset(observation: state, info: ["prob": .int(1)])
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        guard (0..<4).contains(action) else {
            throw .invalidAction("FrozenLake: action \(action) is not 0 (left), 1 (down), 2 (right) or 3 (up)")
        }
        let outcomes = table.outcomes(state: state, action: action)
        let chosen = outcomes[
            TransitionTable.categoricalIndex(outcomes.lazy.map(\.probability), uniform: random.random())]
        state = chosen.nextState
        lastAction = action
        return Step(
            observation: state, reward: chosen.reward, terminated: chosen.terminated, truncated: false,
            info: ["prob": .double(chosen.probability)])
    }

    /// Gymnasium's `ansi` rendering: the last action, then the map with the agent's tile highlighted.
    public func render() -> Frame? {
        let columns = description[0].count
        var lines = description.map { $0.map(String.init) }
        let row = state / columns, column = state % columns
        lines[row][column] = "\u{1B}[41m" + lines[row][column] + "\u{1B}[0m"
        let header = lastAction.map { "  (\(["Left", "Down", "Right", "Up"][$0]))\n" } ?? "\n"
        return .text(header + lines.map { $0.joined() }.joined(separator: "\n") + "\n")
    }

    /// The tabular MDP of this lake.
    public var mdp: TabularMDP { table.mdp }

    /// Gymnasium's `generate_random_map`: cells are F with probability `p` (else H) until a path from S to G
    /// exists, sampled with `np_random(seed).choice(["F", "H"], (size, size), p=[p, 1 − p])`.
    public static func randomMap(size: Int = 8, frozenProbability p: Double = 0.8, seed: UInt64) -> [String] {
        var generator = NumPyGenerator(seed: seed)
        let p = min(1, p)
        let cdfFirst = p / (p + (1 - p))
        while true {
            var board = (0..<size).map { _ in
                (0..<size).map { _ -> Character in generator.random() >= cdfFirst ? "H" : "F" }
            }
            board[0][0] = "S"
            board[size - 1][size - 1] = "G"
            if hasPath(board) { return board.map { String($0) } }
        }
    }

    private static func hasPath(_ board: [[Character]]) -> Bool {
        let size = board.count
        var frontier = [(0, 0)], discovered = Set<Int>()
        while let (r, c) = frontier.popLast() {
            guard discovered.insert(r * size + c).inserted else { continue }
            for (dr, dc) in [(1, 0), (0, 1), (-1, 0), (0, -1)] {
                let nr = r + dr, nc = c + dc
                guard nr >= 0, nr < size, nc >= 0, nc < size else { continue }
                if board[nr][nc] == "G" { return true }
                if board[nr][nc] != "H" { frontier.append((nr, nc)) }
            }
        }
        return false
    }
}
