/// Equilibrium computation for finite games: Nash of two-player zero-sum matrix games and coarse-correlated
/// equilibria by linear programming (GLPK), and the gap evaluators, which need no solver.
public enum Equilibria {
    /// A finite n-player game in normal form: `table[joint * players + i]` is player i's payoff at the flat joint
    /// index `joint` (row-major over players, player 0's action most significant — the layout of
    /// `Environments.NormalFormGame`, so a game converts by copying its table).
    public struct Game: Sendable, Equatable {
        /// Actions per player.
        public let actionCounts: [Int]
        /// Payoffs, `table[joint * players + i]`.
        public let table: [Double]

        /// A game from its flat payoff table.
        /// - Throws: ``OptimizationError/invalidModel(_:)`` for fewer than two players, a player without actions,
        ///   more than 10⁶ joint actions, a table of the wrong length or a non-finite payoff.
        public init(actionCounts: [Int], table: [Double]) throws(OptimizationError) {
            guard actionCounts.count >= 2, actionCounts.allSatisfy({ $0 >= 1 }) else {
                throw .invalidModel(
                    "a game needs at least two players with at least one action each: \(actionCounts)")
            }
            var size = 1
            for count in actionCounts {
                size *= count
                guard size <= 1_000_000 else { throw .invalidModel("more than 10⁶ joint actions: \(actionCounts)") }
            }
            guard table.count == size * actionCounts.count else {
                throw .invalidModel(
                    "payoff table has \(table.count) entries; \(actionCounts) needs \(size * actionCounts.count)")
            }
            guard table.allSatisfy(\.isFinite) else { throw .invalidModel("the payoff table has a non-finite entry") }
            self.actionCounts = actionCounts
            self.table = table
        }

        /// A game from a payoff function over joint actions (one payoff per player).
        /// - Throws: as ``init(actionCounts:table:)``, or when `payoffs` returns the wrong number of values.
        public init(actionCounts: [Int], payoffs: ([Int]) -> [Double]) throws(OptimizationError) {
            let size = actionCounts.reduce(1) { $0 * max($1, 0) }
            var table: [Double] = []
            for index in 0..<min(size, 1_000_001) {
                let values = payoffs(Self.decode(index, actionCounts))
                guard values.count == actionCounts.count else {
                    throw .invalidModel("payoffs gave \(values.count) values for \(actionCounts.count) players")
                }
                table += values
            }
            try self.init(actionCounts: actionCounts, table: table)
        }

        /// The two-player zero-sum game whose row player receives `payoff[i][j]` and the column player its negative.
        /// - Throws: ``OptimizationError/invalidModel(_:)`` for an empty, ragged or non-finite matrix.
        public static func zeroSum(_ payoff: [[Double]]) throws(OptimizationError) -> Game {
            try Equilibria.checkMatrix(payoff)
            return try Game(actionCounts: [payoff.count, payoff[0].count]) {
                [payoff[$0[0]][$0[1]], -payoff[$0[0]][$0[1]]]
            }
        }

        /// The two-player game with payoff matrices `row` (player 0) and `column` (player 1), both m × n.
        /// - Throws: ``OptimizationError/invalidModel(_:)`` for empty, ragged, mismatched or non-finite matrices.
        public static func bimatrix(row: [[Double]], column: [[Double]]) throws(OptimizationError) -> Game {
            try Equilibria.checkMatrix(row)
            try Equilibria.checkMatrix(column)
            guard row.count == column.count && row[0].count == column[0].count else {
                throw .invalidModel("row and column payoff matrices differ in shape")
            }
            return try Game(actionCounts: [row.count, row[0].count]) { [row[$0[0]][$0[1]], column[$0[0]][$0[1]]] }
        }

        /// Number of players.
        public var players: Int { actionCounts.count }
        /// Number of joint actions.
        public var jointCount: Int { table.count / players }

        /// Player `player`'s payoff at joint action `joint` (flat index).
        public func payoff(_ player: Int, _ joint: Int) -> Double { table[joint * players + player] }

        /// The joint action of flat index `index`.
        public func jointAction(_ index: Int) -> [Int] { Self.decode(index, actionCounts) }

        /// The flat index of `joint`.
        public func jointIndex(_ joint: [Int]) -> Int {
            var index = 0
            for (player, action) in joint.enumerated() { index = index * actionCounts[player] + action }
            return index
        }

        static func decode(_ index: Int, _ counts: [Int]) -> [Int] {
            var joint = [Int](repeating: 0, count: counts.count), rest = index
            for player in counts.indices.reversed() {
                joint[player] = rest % max(counts[player], 1)
                rest /= max(counts[player], 1)
            }
            return joint
        }
    }

    static func checkMatrix(_ matrix: [[Double]]) throws(OptimizationError) {
        guard let columns = matrix.first?.count, columns > 0, matrix.allSatisfy({ $0.count == columns }) else {
            throw .invalidModel("a payoff matrix must be non-empty and rectangular")
        }
        guard matrix.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw .invalidModel("the payoff matrix has a non-finite entry")
        }
    }

    static func checkDistribution(_ values: [Double], count: Int, _ what: String) throws(OptimizationError) {
        guard values.count == count else {
            throw .invalidModel("\(what) has \(values.count) probabilities; expected \(count)")
        }
        guard values.allSatisfy({ $0.isFinite && $0 >= -1e-9 }) else {
            throw .invalidModel("\(what) has a negative or non-finite probability: \(values)")
        }
        let total = values.reduce(0, +)
        guard abs(total - 1) <= 1e-6 else { throw .invalidModel("\(what) sums to \(total), not 1") }
    }
}
