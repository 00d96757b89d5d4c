import Testing

@testable import Optimization

/// The modelling layer and the GLPK path against hand-solved programs.
@Suite struct MILPModelTests {
    static let glpk = GLPKSolver.isAvailable

    /// max 5x + 4y s.t. 6x + 4y ≤ 24, x + 2y ≤ 6, x, y ≥ 0.
    static func textbook(_ kind: VariableKind) -> (MILPModel, Variable, Variable) {
        var model = MILPModel()
        let x = model.addVariable("x", kind: kind, lower: 0)
        let y = model.addVariable("y", kind: kind, lower: 0)
        model.addConstraint(6 * x + 4 * y <= 24)
        model.addConstraint(LinearExpression(x) + 2 * y <= 6)
        model.setObjective(5 * x + 4 * y, .maximize)
        return (model, x, y)
    }

    @Test(.enabled(if: glpk)) func linearProgramMatchesHandSolution() throws {
        let (model, x, y) = Self.textbook(.continuous)
        let solution = try model.solve()
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 21) < 1e-9)
        #expect(abs(solution[x] - 3) < 1e-9 && abs(solution[y] - 1.5) < 1e-9)
    }

    @Test(.enabled(if: glpk)) func integerProgramMatchesHandSolution() throws {
        let (model, x, y) = Self.textbook(.integer)
        let solution = try model.solve()
        // Integer points: (4, 0) → 20, (3, 1) → 19, (2, 2) → 18; the LP optimum 21 is fractional.
        #expect(abs(solution.objective - 20) < 1e-9)
        #expect(solution[x] == 4 && solution[y] == 0)
    }

    @Test(.enabled(if: glpk)) func binaryKnapsack() throws {
        let values = [10.0, 13, 7, 8], weights = [3.0, 4, 2, 3]
        var model = MILPModel()
        let take = values.indices.map { model.addVariable("take\($0)", kind: .binary) }
        model.addConstraint(LinearExpression(zip(take, weights).map { ($0, $1) }) <= 7)
        model.setObjective(LinearExpression(zip(take, values).map { ($0, $1) }, constant: 1), .maximize)
        let solution = try model.solve()
        #expect(abs(solution.objective - 24) < 1e-9)  // items 0 and 1 (23) plus the constant 1
        #expect(take.map { solution[$0] } == [1, 1, 0, 0])
    }

    @Test(.enabled(if: glpk)) func infeasibleAndUnboundedAreTyped() throws {
        var infeasible = MILPModel()
        let x = infeasible.addVariable("x", lower: 0, upper: 10)
        infeasible.addConstraint(LinearExpression(x) >= 2)
        infeasible.addConstraint(LinearExpression(x) <= 1)
        #expect { try infeasible.solve() } throws: { ($0 as? OptimizationError).map(Self.isInfeasible) ?? false }

        var integer = MILPModel()
        let a = integer.addVariable("a", kind: .binary), b = integer.addVariable("b", kind: .binary)
        integer.addConstraint(a + b >= 3)
        integer.setObjective(LinearExpression(a), .maximize)
        #expect { try integer.solve() } throws: { ($0 as? OptimizationError).map(Self.isInfeasible) ?? false }

        var unbounded = MILPModel()
        let u = unbounded.addVariable("u", lower: 0)
        let v = unbounded.addVariable("v", kind: .integer, lower: 0)
        unbounded.addConstraint(u - v <= 1)
        unbounded.setObjective(LinearExpression(u), .maximize)
        #expect { try unbounded.solve() } throws: { error in
            if case .unbounded = error as? OptimizationError { return true }
            return false
        }
    }

    static func isInfeasible(_ error: OptimizationError) -> Bool {
        if case .infeasible = error { return true }
        return false
    }

    @Test func invalidModelsAreRejectedWithTheCulprit() {
        var model = MILPModel()
        _ = model.addVariable("w", lower: 2, upper: 1)
        #expect(throws: OptimizationError.self) { try model.validate() }
        do {
            try model.validate()
        } catch {
            #expect(error.description.contains("w"))
        }
        var nan = MILPModel()
        let x = nan.addVariable("x")
        nan.addConstraint(Double.nan * x <= 1, name: "broken")
        #expect(throws: OptimizationError.invalidModel("constraint broken has coefficient nan on x")) {
            try nan.validate()
        }
        var fractional = MILPModel()
        _ = fractional.addVariable("n", kind: .integer, lower: 0.5, upper: 3)
        #expect(throws: OptimizationError.self) { try fractional.validate() }
    }

    @Test func expressionsMergeTermsAndEvaluate() {
        var model = MILPModel()
        let x = model.addVariable(), y = model.addVariable()
        let e = 2 * x + y - 3 + LinearExpression(x)
        #expect(e.coefficients == [0: 3, 1: 1] && e.constant == -3)
        #expect(e.value(at: [1, 2]) == 2)
        #expect((-e).value(at: [1, 2]) == -2)
    }

    @Test(.enabled(if: !glpk)) func withoutTheTraitSolvingSaysWhatToInstall() {
        let (model, _, _) = Self.textbook(.integer)
        #expect(throws: OptimizationError.needsGLPK(feature: "solving a linear or mixed-integer program")) {
            try model.solve()
        }
        let message = OptimizationError.needsGLPK(feature: "x").description
        #expect(message.contains("apt-get install libglpk-dev") && message.contains("--traits GLPK"))
    }
}
