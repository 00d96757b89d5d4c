/// A finite normal-form game with a payoff table, and its best responses and Nash gap for mixed profiles.
///
/// Payoffs are stored per joint action (row-major over players, player 0's action most significant) and per
/// player. For a mixed profile σ = (σ_1, …, σ_n): `u_i(σ) = Σ_a Π_j σ_j(a_j) u_i(a)`; the best-response value
/// `BR_i(σ_{-i}) = max_{a_i} u_i(a_i, σ_{-i})`; the Nash gap (NashConv) `Σ_i BR_i(σ_{-i}) − u_i(σ)`, zero exactly at
/// a Nash equilibrium; the exploitability is NashConv / n (OpenSpiel's convention). Evaluation enumerates joint
/// actions, so it is meant for small games (the table has `Π_i |A_i|` entries).
public struct NormalFormGame: StageGame, Equatable {
    /// Actions per player.
    public let actionCounts: [Int]
    /// Action labels per player (for descriptions).
    public let actionNames: [[String]]
    /// `table[joint * players + i]`: payoff of player i at flat joint index `joint`.
    public let table: [Double]
    /// The game's name.
    public let name: String

    /// A game from a payoff function over joint actions.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for fewer than two players, a player without actions,
    ///   more than 10⁶ joint actions, a payoff vector of the wrong length or a non-finite payoff.
    public init(
        name: String, actionCounts: [Int], actionNames: [[String]]? = nil, payoffs: ([Int]) -> [Double]
    ) throws(EnvironmentError) {
        guard actionCounts.count >= 2 else {
            throw .invalidOption("a normal-form game needs at least two players, got \(actionCounts.count)")
        }
        guard actionCounts.allSatisfy({ $0 >= 1 }) else {
            throw .invalidOption("every player needs at least one action, got action counts \(actionCounts)")
        }
        var size = 1
        for count in actionCounts {
            size *= count
            guard size <= 1_000_000 else {
                throw .invalidOption("\(actionCounts) gives more than 10⁶ joint actions; use a smaller game")
            }
        }
        let names = actionNames ?? actionCounts.map { count in (0..<count).map { "a\($0)" } }
        guard names.count == actionCounts.count, zip(names, actionCounts).allSatisfy({ $0.count == $1 }) else {
            throw .invalidOption("actionNames must give one label per action of every player")
        }
        for index in 0..<size {
            let joint = Self.decode(index, actionCounts)
            let values = payoffs(joint)
            guard values.count == actionCounts.count else {
                throw .invalidOption("payoffs(\(joint)) gave \(values.count) values for \(actionCounts.count) players")
            }
            guard values.allSatisfy(\.isFinite) else {
                throw .invalidOption("payoffs(\(joint)) = \(values) is not finite")
            }
        }
        self.init(validName: name, actionCounts: actionCounts, actionNames: names, payoffs: payoffs)
    }

    /// A game whose arguments are known to be valid (the presets).
    init(validName name: String, actionCounts: [Int], actionNames: [[String]], payoffs: ([Int]) -> [Double]) {
        let size = actionCounts.reduce(1, *)
        var table = [Double](repeating: 0, count: size * actionCounts.count)
        for index in 0..<size {
            let values = payoffs(Self.decode(index, actionCounts))
            for player in values.indices { table[index * actionCounts.count + player] = values[player] }
        }
        self.actionCounts = actionCounts
        self.actionNames = actionNames
        self.table = table
        self.name = name
    }

    /// A two-player game from the row player's and column player's payoff matrices.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for ragged or mismatched matrices.
    public init(name: String, row: [[Double]], column: [[Double]], actionNames: [[String]]? = nil)
        throws(EnvironmentError)
    {
        let rows = row.count
        let columns = row.first?.count ?? 0
        guard rows > 0, columns > 0, row.allSatisfy({ $0.count == columns }), column.count == rows,
            column.allSatisfy({ $0.count == columns })
        else {
            throw .invalidOption("row and column payoff matrices must both be \(rows)×\(columns) and non-empty")
        }
        try self.init(name: name, actionCounts: [rows, columns], actionNames: actionNames) { joint in
            [row[joint[0]][joint[1]], column[joint[0]][joint[1]]]
        }
    }

    /// The payoff of every player at `joint`.
    public func payoffs(_ joint: [Int]) -> [Double] {
        let base = Self.encode(joint, actionCounts) * players
        return Array(table[base..<(base + players)])
    }

    /// Expected payoff of each player under the mixed profile (one distribution per player).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the profile does not fit the game.
    public func expectedPayoffs(_ profile: [[Double]]) throws(EnvironmentError) -> [Double] {
        try checkProfile(profile)
        var totals = [Double](repeating: 0, count: players)
        let size = table.count / players
        for index in 0..<size {
            let joint = Self.decode(index, actionCounts)
            var probability = 1.0
            for player in 0..<players { probability *= profile[player][joint[player]] }
            if probability == 0 { continue }
            for player in 0..<players { totals[player] += probability * table[index * players + player] }
        }
        return totals
    }

    /// `u_i(a_i, σ_{-i})` for every action `a_i` of `player`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the profile does not fit the game.
    public func deviationPayoffs(player: Int, _ profile: [[Double]]) throws(EnvironmentError) -> [Double] {
        try checkProfile(profile)
        guard player >= 0, player < players else { throw .invalidOption("player \(player) is not in 0..<\(players)") }
        var values = [Double](repeating: 0, count: actionCounts[player])
        let size = table.count / players
        for index in 0..<size {
            let joint = Self.decode(index, actionCounts)
            var probability = 1.0
            for other in 0..<players where other != player { probability *= profile[other][joint[other]] }
            if probability == 0 { continue }
            values[joint[player]] += probability * table[index * players + player]
        }
        return values
    }

    /// A pure best response of `player` to the others' mixed strategies (lowest index on ties) and its value.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the profile does not fit the game.
    public func bestResponse(player: Int, _ profile: [[Double]]) throws(EnvironmentError) -> (
        action: Int, value: Double
    ) {
        let values = try deviationPayoffs(player: player, profile)
        var best = 0
        for action in values.indices where values[action] > values[best] { best = action }
        return (best, values[best])
    }

    /// NashConv `Σ_i max_{a_i} u_i(a_i, σ_{-i}) − u_i(σ)` (≥ 0; zero exactly at a Nash equilibrium).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the profile does not fit the game.
    public func nashConv(_ profile: [[Double]]) throws(EnvironmentError) -> Double {
        let values = try expectedPayoffs(profile)
        var total = 0.0
        for player in 0..<players { total += try bestResponse(player: player, profile).value - values[player] }
        return max(0, total)
    }

    /// Exploitability: NashConv / number of players.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the profile does not fit the game.
    public func exploitability(_ profile: [[Double]]) throws(EnvironmentError) -> Double {
        try nashConv(profile) / Double(players)
    }

    private func checkProfile(_ profile: [[Double]]) throws(EnvironmentError) {
        guard profile.count == players else {
            throw .invalidOption("the profile has \(profile.count) strategies for \(players) players")
        }
        for (player, strategy) in profile.enumerated() {
            guard strategy.count == actionCounts[player] else {
                throw .invalidOption(
                    "player \(player)'s strategy has \(strategy.count) entries, needs \(actionCounts[player])")
            }
            let sum = strategy.reduce(0, +)
            guard strategy.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(sum - 1) < 1e-6 else {
                throw .invalidOption("player \(player)'s strategy \(strategy) is not a probability vector (sum \(sum))")
            }
        }
    }

    static func encode(_ joint: [Int], _ counts: [Int]) -> Int {
        var index = 0
        for (action, count) in zip(joint, counts) { index = index * count + action }
        return index
    }

    static func decode(_ index: Int, _ counts: [Int]) -> [Int] {
        var joint = [Int](repeating: 0, count: counts.count)
        var rest = index
        for player in stride(from: counts.count - 1, through: 0, by: -1) {
            joint[player] = rest % counts[player]
            rest /= counts[player]
        }
        return joint
    }
}

extension NormalFormGame {
    /// Rock-paper-scissors (PettingZoo `rps_v2` with 3 actions): win +1, loss −1, draw 0; rock 0, paper 1,
    /// scissors 2. The unique Nash equilibrium is uniform.
    public static let rockPaperScissors: NormalFormGame = {
        let names = ["rock", "paper", "scissors"]
        // Row beats column when (row − column) mod 3 == 1.
        let row = (0..<3).map { r in (0..<3).map { c -> Double in r == c ? 0 : ((r - c + 3) % 3 == 1 ? 1 : -1) } }
        return twoPlayer("rock-paper-scissors", row: row, column: row.map { $0.map { -$0 } }, names: names)
    }()

    /// Matching pennies: the row player wins +1 when the coins match, the column player when they differ.
    public static let matchingPennies: NormalFormGame = {
        let names = ["heads", "tails"]
        let row: [[Double]] = [[1, -1], [-1, 1]]
        return twoPlayer("matching-pennies", row: row, column: row.map { $0.map { -$0 } }, names: names)
    }()

    /// The prisoner's dilemma with T 5, R 3, P 1, S 0 (cooperate 0, defect 1); (defect, defect) is the unique
    /// equilibrium.
    public static let prisonersDilemma: NormalFormGame = {
        let names = ["cooperate", "defect"]
        return twoPlayer("prisoners-dilemma", row: [[3, 0], [5, 1]], column: [[3, 5], [0, 1]], names: names)
    }()

    /// A pure coordination game: both get 1 when they pick the same of two actions, else 0.
    public static let coordination: NormalFormGame = {
        let names = ["left", "right"]
        let matrix: [[Double]] = [[1, 0], [0, 1]]
        return twoPlayer("coordination", row: matrix, column: matrix, names: names)
    }()

    private static func twoPlayer(_ name: String, row: [[Double]], column: [[Double]], names: [String])
        -> NormalFormGame
    {
        NormalFormGame(
            validName: name, actionCounts: [row.count, row[0].count], actionNames: [names, names]
        ) { joint in [row[joint[0]][joint[1]], column[joint[0]][joint[1]]] }
    }
}
