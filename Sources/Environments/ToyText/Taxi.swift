/// Taxi-v3 (Dietterich 2000), matching Gymnasium's `TaxiEnv`: pick up the passenger at one of four stands and drop
/// them at the destination on a 5×5 grid with walls. 500 states `((row·5 + column)·5 + passenger)·4 + destination`;
/// actions 0 south, 1 north, 2 east, 3 west, 4 pickup, 5 drop-off; reward −1 per step, +20 for a delivery, −10 for
/// an illegal pickup/drop-off. Info carries `prob` and `action_mask`. Rainy mode (`is_rainy`) slips sideways.
public struct Taxi: Environment, Sendable {
    static let map = [
        "+---------+", "|R: | : :G|", "| : | : : |", "| : : : : |", "| | : | : |", "|Y| : |B: |", "+---------+",
    ]
    /// The four stands (R, G, Y, B) as (row, column).
    public static let locations = [(0, 0), (0, 4), (4, 0), (4, 3)]

    /// The transition table (`P`).
    public let table: TransitionTable
    /// The current state.
    public private(set) var state = 0
    /// The last action, for rendering.
    public private(set) var lastAction: Int?
    /// The environment's own generator.
    public var random = EpisodeRandom()
    /// Gymnasium's `fickle_passenger`: on the first move after pickup, with `fickleProbability` (decided at reset)
    /// the passenger picks a new destination among the other three.
    public let ficklePassenger: Bool
    /// Probability that the passenger is fickle in an episode.
    public let fickleProbability: Double
    private var fickleStep = false
    private let grid: [[Character]] = Taxi.map.map(Array.init)

    /// Creates the environment.
    /// - Parameters:
    ///   - isRainy: Moves go sideways with probability `(1 − rainyProbability) / 2` each.
    ///   - rainyProbability: Probability of the intended move when rainy (default 0.8).
    ///   - ficklePassenger: Whether the passenger may change destination (Gymnasium's `fickle_passenger`).
    ///   - fickleProbability: Probability of a fickle episode (default 0.3).
    public init(
        isRainy: Bool = false, rainyProbability: Double = 0.8, ficklePassenger: Bool = false,
        fickleProbability: Double = 0.3
    ) {
        self.ficklePassenger = ficklePassenger
        self.fickleProbability = fickleProbability
        var initial = [Double](repeating: 0, count: 500)
        var table = TransitionTable(stateCount: 500, actionCount: 6, initialDistribution: [])
        let grid = Taxi.map.map(Array.init)
        for row in 0..<5 {
            for column in 0..<5 {
                for passenger in 0..<5 {
                    for destination in 0..<4 {
                        let state = Taxi.encode(row, column, passenger, destination)
                        if passenger < 4, passenger != destination { initial[state] += 1 }
                        for action in 0..<6 {
                            for outcome in Taxi.outcomes(
                                grid: grid, row: row, column: column, passenger: passenger,
                                destination: destination, action: action, isRainy: isRainy,
                                rainyProbability: rainyProbability)
                            {
                                table.append(state: state, action: action, outcome)
                            }
                        }
                    }
                }
            }
        }
        let total = initial.reduce(0, +)
        table.initialDistribution = initial.map { $0 / total }
        self.table = table
    }

    /// `((row·5 + column)·5 + passenger)·4 + destination`.
    public static func encode(_ row: Int, _ column: Int, _ passenger: Int, _ destination: Int) -> Int {
        ((row * 5 + column) * 5 + passenger) * 4 + destination
    }

    /// The inverse of ``encode(_:_:_:_:)``.
    public static func decode(_ state: Int) -> (row: Int, column: Int, passenger: Int, destination: Int) {
        (state / 100, (state / 20) % 5, (state / 4) % 5, state % 4)
    }

    public var observationSpace: Space { .discrete(DiscreteSpace(validN: 500)) }
    public var actionSpace: Space { .discrete(DiscreteSpace(validN: 6)) }
    public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.ansi], renderFPS: 4) }

    public mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Int> {
        random.prepare(seed: seed)
        state = TransitionTable.categoricalIndex(table.initialDistribution, uniform: random.random())
        lastAction = nil
        fickleStep = ficklePassenger && random.random() < fickleProbability
        return Reset(observation: state, info: ["prob": .double(1), "action_mask": .doubles(actionMask(state))])
    }

    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        guard (0..<6).contains(action) else {
            throw .invalidAction("Taxi: action \(action) is not in 0…5 (south, north, east, west, pickup, drop-off)")
        }
        let outcomes = table.outcomes(state: state, action: action)
        let chosen = outcomes[
            TransitionTable.categoricalIndex(outcomes.lazy.map(\.probability), uniform: random.random())]
        var next = chosen.nextState
        let before = Taxi.decode(state), after = Taxi.decode(next)
        if ficklePassenger, fickleStep, before.passenger == 4, after.row != before.row || after.column != before.column
        {
            fickleStep = false
            let others = (0..<4).filter { $0 != before.destination }
            let destination = others[random.integers(low: 0, high: others.count)]
            next = Taxi.encode(after.row, after.column, after.passenger, destination)
        }
        state = next
        lastAction = action
        return Step(
            observation: state, reward: chosen.reward, terminated: chosen.terminated, truncated: false,
            info: ["prob": .double(chosen.probability), "action_mask": .doubles(actionMask(state))])
    }

    /// Gymnasium's `action_mask(state)`: 1 for actions that change the state.
    public func actionMask(_ state: Int) -> [Double] {
        let (row, column, passenger, destination) = Taxi.decode(state)
        var mask = [Double](repeating: 0, count: 6)
        if row < 4 { mask[0] = 1 }
        if row > 0 { mask[1] = 1 }
        if column < 4, grid[row + 1][2 * column + 2] == ":" { mask[2] = 1 }
        if column > 0, grid[row + 1][2 * column] == ":" { mask[3] = 1 }
        if passenger < 4, Taxi.locations[passenger] == (row, column) { mask[4] = 1 }
        if passenger == 4,
            Taxi.locations[destination] == (row, column) || Taxi.locations.contains(where: { $0 == (row, column) })
        {
            mask[5] = 1
        }
        return mask
    }

    /// A text picture: the map with the taxi (`T`, `@` when carrying), passenger stand in lower case.
    public func render() -> Frame? {
        var lines = grid
        let (row, column, passenger, destination) = Taxi.decode(state)
        if passenger < 4 {
            let (pr, pc) = Taxi.locations[passenger]
            lines[pr + 1][2 * pc + 1] = Character(lines[pr + 1][2 * pc + 1].lowercased())
        }
        let (dr, dc) = Taxi.locations[destination]
        if lines[dr + 1][2 * dc + 1].isUppercase { lines[dr + 1][2 * dc + 1] = lines[dr + 1][2 * dc + 1] }
        lines[row + 1][2 * column + 1] = passenger == 4 ? "@" : "T"
        let names = ["South", "North", "East", "West", "Pickup", "Dropoff"]
        let footer = lastAction.map { "  (\(names[$0]))\n" } ?? "\n"
        return .text(lines.map { String($0) }.joined(separator: "\n") + "\n" + footer)
    }

    /// The tabular MDP.
    public var mdp: TabularMDP { table.mdp }
}
