import Testing

@testable import Optimization

/// Equilibrium LPs and gap evaluators against hand values.
@Suite struct EquilibriaTests {
    static let glpk = GLPKSolver.isAvailable
    static let rps: [[Double]] = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]

    @Test(.enabled(if: glpk)) func rockPaperScissorsHasValueZeroAndUniformStrategies() throws {
        let solution = try Equilibria.zeroSumNash(Self.rps)
        #expect(abs(solution.value) < 1e-9)
        for p in solution.rowStrategy + solution.columnStrategy { #expect(abs(p - 1.0 / 3) < 1e-9) }
        #expect(try Equilibria.zeroSumExploitability(
            Self.rps, row: solution.rowStrategy, column: solution.columnStrategy) < 1e-9)
    }

    @Test(.enabled(if: glpk)) func twoByTwoMixedEquilibrium() throws {
        // Row indifference: 2p − (1 − p) = −p + (1 − p) ⇒ p = 2/5; the same for the column; value 1/5.
        let payoff: [[Double]] = [[2, -1], [-1, 1]]
        let solution = try Equilibria.zeroSumNash(payoff)
        #expect(abs(solution.value - 0.2) < 1e-9)
        #expect(abs(solution.rowStrategy[0] - 0.4) < 1e-9 && abs(solution.columnStrategy[0] - 0.4) < 1e-9)
        let game = try Equilibria.Game.zeroSum(payoff)
        #expect(try Equilibria.nashGap(game, profile: [solution.rowStrategy, solution.columnStrategy]) < 1e-9)
    }

    @Test(.enabled(if: glpk)) func prisonersDilemmaCCEIsMutualDefection() throws {
        let game = try Equilibria.Game.bimatrix(row: [[3, 0], [5, 1]], column: [[3, 5], [0, 1]])
        let cce = try Equilibria.coarseCorrelated(game)
        #expect(abs(cce.distribution[game.jointIndex([1, 1])] - 1) < 1e-9)
        #expect(abs(cce.payoffs[0] - 1) < 1e-9 && abs(cce.payoffs[1] - 1) < 1e-9)
        #expect(try Equilibria.cceGap(game, distribution: cce.distribution) <= 1e-9)
        // Mutual cooperation is not a CCE: each player gains 2 by committing to defect.
        var cooperate = [Double](repeating: 0, count: 4)
        cooperate[0] = 1
        #expect(abs(try Equilibria.cceGap(game, distribution: cooperate) - 2) < 1e-12)
    }

    @Test(.enabled(if: glpk)) func chickenCCEBeatsTheMixedNashWelfare() throws {
        // Chicken: (dare, dare) 0/0, (dare, swerve) 7/2, (swerve, dare) 2/7, (swerve, swerve) 6/6. The
        // welfare-maximising CCE reaches at least the correlated equilibrium's 10.5 (Aumann) — above the mixed Nash's
        // 14/3 per player (9.33 in total).
        let game = try Equilibria.Game.bimatrix(row: [[0, 7], [2, 6]], column: [[0, 2], [7, 6]])
        let cce = try Equilibria.coarseCorrelated(game)
        #expect(cce.payoffs.reduce(0, +) >= 10.5 - 1e-9)
        #expect(try Equilibria.cceGap(game, distribution: cce.distribution) <= 1e-9)
    }

    @Test func gapsOfPureProfilesInRockPaperScissors() throws {
        let game = try Equilibria.Game.zeroSum(Self.rps)
        let rock = [1.0, 0, 0], uniform = [1.0 / 3, 1.0 / 3, 1.0 / 3]
        #expect(try Equilibria.bestResponseGains(game, profile: [rock, rock]) == [1, 1])
        #expect(try Equilibria.nashConv(game, profile: [rock, rock]) == 2)
        #expect(try Equilibria.nashGap(game, profile: [rock, rock]) == 1)
        #expect(try Equilibria.exploitability(game, profile: [rock, rock]) == 1)
        #expect(try Equilibria.zeroSumExploitability(Self.rps, row: rock, column: rock) == 2)
        #expect(abs(try Equilibria.nashConv(game, profile: [uniform, uniform])) < 1e-12)
        #expect(throws: OptimizationError.self) { try Equilibria.nashGap(game, profile: [rock, [0.5, 0.6, 0]]) }
        #expect(throws: OptimizationError.self) { try Equilibria.Game.zeroSum([[1, 2], [3]]) }
    }

    @Test(.enabled(if: !glpk)) func solversNeedTheTrait() throws {
        #expect(throws: OptimizationError.needsGLPK(feature: "Equilibria.zeroSumNash (a linear program)")) {
            try Equilibria.zeroSumNash(Self.rps)
        }
        let game = try Equilibria.Game.zeroSum(Self.rps)
        #expect(throws: OptimizationError.self) { try Equilibria.coarseCorrelated(game) }
    }
}
