/// CliffWalking-v1 (Sutton & Barto, Example 6.6), matching Gymnasium's `CliffWalkingEnv`: a 4×12 grid, start at
/// the bottom-left, goal at the bottom-right, the cells between are a cliff (reward −100 and back to the start).
/// Actions 0 up, 1 right, 2 down, 3 left; reward −1 per step. Optionally slippery (intended or perpendicular,
/// 1/3 each).
public struct CliffWalking: Environment, Sendable {
    /// Grid rows.
    public static let rows = 4
    /// Grid columns.
    public static let columns = 12
    /// The start state (row 3, column 0).
    public static let startState = 36

    /// Whether moves can slip.
    public let isSlippery: Bool
    /// The transition table (`P`).
    public let table: TransitionTable
    /// The current state.
    public private(set) var state = CliffWalking.startState
    /// The last action, for rendering.
    public private(set) var lastAction: Int?
    /// The environment's own generator.
    public var random = EpisodeRandom()

    /// Creates the grid.
    public init(isSlippery: Bool = false) {
        self.isSlippery = isSlippery
        let stateCount = Self.rows * Self.columns
        var initial = [Double](repeating: 0, count: stateCount)
        initial[Self.startState] = 1
        var table = TransitionTable(stateCount: stateCount, actionCount: 4, initialDistribution: initial)
        let deltas = [(-1, 0), (0, 1), (1, 0), (0, -1)]
        for state in 0..<stateCount {
            let row = state / Self.columns, column = state % Self.columns
            for action in [0, 1, 2, 3] {
                let moves = isSlippery ? [(action + 3) % 4, action, (action + 1) % 4] : [action]
                for move in moves {
                    let newRow = max(min(row + deltas[move].0, Self.rows - 1), 0)
                    let newColumn = max(min(column + deltas[move].1, Self.columns - 1), 0)
                    let probability = 1 / Double(moves.count)
                    if newRow == 3, newColumn >= 1, newColumn <= Self.columns - 2 {
                        table.append(
                            state: state, action: action,
                            TabularOutcome(
                                probability: probability, nextState: Self.startState, reward: -100, terminated: false))
                    } else {
                        table.append(
                            state: state, action: action,
                            TabularOutcome(
                                probability: probability, nextState: newRow * Self.columns + newColumn, reward: -1,
                                terminated: newRow == Self.rows - 1 && newColumn == Self.columns - 1))
                    }
                }
            }
        }
        self.table = table
    }

    public var observationSpace: Space { .discrete(DiscreteSpace(validN: Self.rows * Self.columns)) }
    public var actionSpace: Space { .discrete(DiscreteSpace(validN: 4)) }
    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.ansi], renderFPS: 4) }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Int> {
        random.prepare(seed: seed)
        state = TransitionTable.categoricalIndex(table.initialDistribution, uniform: random.random())
        lastAction = nil
        return Reset(observation: state, info: ["prob": .int(1)])
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        guard (0..<4).contains(action) else {
            throw .invalidAction("CliffWalking: action \(action) is not 0 (up), 1 (right), 2 (down) or 3 (left)")
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

    /// Gymnasium's `ansi` rendering: `x` agent, `C` cliff, `T` target, `o` free cell.
    public func render() -> Frame? {
        var text = ""
        for cell in 0..<(Self.rows * Self.columns) {
            let row = cell / Self.columns, column = cell % Self.columns
            var symbol: String
            if cell == state {
                symbol = " x "
            } else if row == 3 && column == 11 {
                symbol = " T "
            } else if row == 3 && column >= 1 && column <= 10 {
                symbol = " C "
            } else {
                symbol = " o "
            }
            if column == 0 { symbol = String(symbol.drop(while: { $0 == " " })) }
            if column == Self.columns - 1 {
                symbol = String(symbol.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
            }
            text += symbol
        }
        return .text(text + "\n")
    }

    /// The tabular MDP.
    public var mdp: TabularMDP { table.mdp }
}
