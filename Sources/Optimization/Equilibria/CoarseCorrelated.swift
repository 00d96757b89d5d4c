extension Equilibria {
    /// What a coarse-correlated equilibrium LP optimises among the CCEs.
    public enum CCEObjective: Sendable, Equatable {
        /// Maximise the sum of expected payoffs (default).
        case socialWelfare
        /// Maximise player `i`'s expected payoff.
        case player(Int)
        /// Any feasible CCE (zero objective).
        case feasibility
    }

    /// A correlated distribution over joint actions and each player's expected payoff under it.
    public struct CorrelatedSolution: Sendable {
        /// Probability per flat joint index (see ``Game/jointAction(_:)``).
        public var distribution: [Double]
        /// Expected payoff per player.
        public var payoffs: [Double]
    }

    /// A coarse-correlated equilibrium of `game` by LP: a distribution σ over joint actions with
    /// `Σ_a σ(a)·[uᵢ(a′ᵢ, a₋ᵢ) − uᵢ(a)] ≤ 0` for every player i and every fixed deviation a′ᵢ (no player gains by
    /// committing to one action before the recommendation), σ ≥ 0, Σσ = 1, optimising `objective`.
    /// - Throws: ``OptimizationError/invalidModel(_:)`` for a bad player index;
    ///   ``OptimizationError/needsGLPK(feature:)`` without the GLPK trait; solver failures.
    public static func coarseCorrelated(
        _ game: Game, objective: CCEObjective = .socialWelfare, solver: GLPKSolver = GLPKSolver()
    ) throws(OptimizationError) -> CorrelatedSolution {
        if case .player(let i) = objective, !(0..<game.players).contains(i) {
            throw .invalidModel("CCE objective player \(i) is not one of the game's \(game.players) players")
        }
        guard GLPKSolver.isAvailable else {
            throw .needsGLPK(feature: "Equilibria.coarseCorrelated (a linear program)")
        }
        var model = MILPModel()
        let sigma = (0..<game.jointCount).map { model.addVariable("p\($0)", lower: 0, upper: 1) }
        for player in 0..<game.players {
            for deviation in 0..<game.actionCounts[player] {
                var gain = LinearExpression()
                for joint in 0..<game.jointCount {
                    var deviated = game.jointAction(joint)
                    deviated[player] = deviation
                    gain.add(game.payoff(player, game.jointIndex(deviated)) - game.payoff(player, joint), sigma[joint])
                }
                model.addConstraint(gain <= 0, name: "player \(player) deviates to \(deviation)")
            }
        }
        model.addConstraint(.equal(LinearExpression(sigma.map { ($0, 1.0) }), 1), name: "simplex")
        var welfare = LinearExpression()
        for joint in 0..<game.jointCount {
            switch objective {
            case .socialWelfare:
                for player in 0..<game.players { welfare.add(game.payoff(player, joint), sigma[joint]) }
            case .player(let i): welfare.add(game.payoff(i, joint), sigma[joint])
            case .feasibility: break
            }
        }
        model.setObjective(welfare, .maximize)
        let solution = try solver.solve(model)
        let distribution = normalised(sigma.map { solution[$0] })
        return CorrelatedSolution(
            distribution: distribution, payoffs: expectedPayoffs(game, distribution: distribution))
    }

    /// Each player's expected payoff under a distribution over joint actions.
    static func expectedPayoffs(_ game: Game, distribution: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: game.players)
        for joint in 0..<game.jointCount where distribution[joint] != 0 {
            for player in 0..<game.players { out[player] += distribution[joint] * game.payoff(player, joint) }
        }
        return out
    }

    /// The largest gain any player gets from committing to a fixed action instead of following the correlated
    /// `distribution`: `max_i max_{a′ᵢ} Σ_a σ(a)[uᵢ(a′ᵢ, a₋ᵢ) − uᵢ(a)]`, ≤ 0 (up to round-off) exactly at a CCE.
    /// Needs no solver.
    /// - Throws: ``OptimizationError/invalidModel(_:)`` when `distribution` is not a distribution over joint actions.
    public static func cceGap(_ game: Game, distribution: [Double]) throws(OptimizationError) -> Double {
        try checkDistribution(distribution, count: game.jointCount, "the correlated distribution")
        var worst = -Double.infinity
        for player in 0..<game.players {
            for deviation in 0..<game.actionCounts[player] {
                var gain = 0.0
                for joint in 0..<game.jointCount where distribution[joint] != 0 {
                    var deviated = game.jointAction(joint)
                    deviated[player] = deviation
                    gain += distribution[joint]
                        * (game.payoff(player, game.jointIndex(deviated)) - game.payoff(player, joint))
                }
                worst = max(worst, gain)
            }
        }
        return worst
    }
}
