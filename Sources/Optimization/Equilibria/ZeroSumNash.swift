extension Equilibria {
    /// A Nash equilibrium of a two-player zero-sum matrix game.
    public struct ZeroSumSolution: Sendable {
        /// The row player's (maximiser's) mixed strategy.
        public var rowStrategy: [Double]
        /// The column player's (minimiser's) mixed strategy.
        public var columnStrategy: [Double]
        /// The game's value `max_x min_y xᵀAy`.
        public var value: Double
    }

    /// The Nash equilibrium of the zero-sum game with row payoff `payoff` (the column player receives its negative),
    /// by two linear programs: `max v s.t. Σᵢ xᵢAᵢⱼ ≥ v ∀j, Σx = 1, x ≥ 0` for the row player and
    /// `min w s.t. Σⱼ Aᵢⱼyⱼ ≤ w ∀i, Σy = 1, y ≥ 0` for the column player (von Neumann's minimax theorem: v = w).
    /// - Throws: ``OptimizationError/invalidModel(_:)`` for an empty, ragged or non-finite matrix;
    ///   ``OptimizationError/needsGLPK(feature:)`` without the GLPK trait; solver failures.
    public static func zeroSumNash(_ payoff: [[Double]], solver: GLPKSolver = GLPKSolver()) throws(OptimizationError)
        -> ZeroSumSolution
    {
        try checkMatrix(payoff)
        guard GLPKSolver.isAvailable else { throw .needsGLPK(feature: "Equilibria.zeroSumNash (a linear program)") }
        let rows = payoff.count, columns = payoff[0].count
        let (x, v) = try maximin(rows: rows, columns: columns, solver: solver) { payoff[$0][$1] }
        // The column player maximises −A, i.e. the transposed game with negated payoffs.
        let (y, _) = try maximin(rows: columns, columns: rows, solver: solver) { -payoff[$1][$0] }
        return ZeroSumSolution(rowStrategy: x, columnStrategy: y, value: v)
    }

    /// `max_x min_j Σᵢ xᵢ·entry(i, j)` by LP: the maximiser's strategy and the value.
    static func maximin(rows: Int, columns: Int, solver: GLPKSolver, entry: (Int, Int) -> Double)
        throws(OptimizationError) -> ([Double], Double)
    {
        var model = MILPModel()
        let x = (0..<rows).map { model.addVariable("x\($0)", lower: 0, upper: 1) }
        let v = model.addVariable("v", lower: nil, upper: nil)
        for column in 0..<columns {
            var guaranteed = LinearExpression()
            for row in 0..<rows { guaranteed.add(entry(row, column), x[row]) }
            model.addConstraint(guaranteed - v >= 0, name: "column \(column)")
        }
        model.addConstraint(.equal(LinearExpression(x.map { ($0, 1.0) }), 1), name: "simplex")
        model.setObjective(LinearExpression(v), .maximize)
        let solution = try solver.solve(model)
        return (normalised(x.map { solution[$0] }), solution[v])
    }

    /// Clips tiny negative round-off and rescales to sum 1.
    static func normalised(_ values: [Double]) -> [Double] {
        let clipped = values.map { max(0, $0) }
        let total = clipped.reduce(0, +)
        return total > 0 ? clipped.map { $0 / total } : clipped
    }

    /// The exploitability of the profile (x, y) in the zero-sum game `payoff`: `max_i (Ay)_i − min_j (xᵀA)_j`, the sum
    /// of both players' best-response gains (NashConv); 0 exactly at a Nash equilibrium. Needs no solver.
    /// - Throws: ``OptimizationError/invalidModel(_:)`` for a bad matrix or strategies that are not distributions.
    public static func zeroSumExploitability(_ payoff: [[Double]], row x: [Double], column y: [Double])
        throws(OptimizationError) -> Double
    {
        try checkMatrix(payoff)
        try checkDistribution(x, count: payoff.count, "the row strategy")
        try checkDistribution(y, count: payoff[0].count, "the column strategy")
        var best = -Double.infinity, worst = Double.infinity
        for i in payoff.indices {
            var total = 0.0
            for j in payoff[i].indices { total += payoff[i][j] * y[j] }
            best = max(best, total)
        }
        for j in payoff[0].indices {
            var total = 0.0
            for i in payoff.indices { total += x[i] * payoff[i][j] }
            worst = min(worst, total)
        }
        return best - worst
    }
}
