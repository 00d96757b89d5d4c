/// How a variable may take values.
public enum VariableKind: String, Sendable, Codable, CaseIterable {
    /// Any real value within its bounds.
    case continuous
    /// Integer values within its bounds.
    case integer
    /// 0 or 1 (bounds are fixed to [0, 1]).
    case binary
}

/// The relation of a ``LinearConstraint``.
public enum ConstraintRelation: String, Sendable, Codable {
    /// `expression ≤ 0` after moving everything to the left.
    case lessOrEqual = "<="
    /// `expression ≥ 0`.
    case greaterOrEqual = ">="
    /// `expression = 0`.
    case equal = "="
}

/// `expression (≤ | ≥ | =) 0`, made with `<=`, `>=` or ``LinearConstraint/equal(_:_:)``.
public struct LinearConstraint: Sendable {
    /// Left side minus right side.
    public var expression: LinearExpression
    /// The relation of ``expression`` to 0.
    public var relation: ConstraintRelation
    /// Optional name for error messages.
    public var name: String

    /// `expression relation 0`.
    public init(_ expression: LinearExpression, _ relation: ConstraintRelation, name: String = "") {
        self.expression = expression
        self.relation = relation
        self.name = name
    }

    /// `lhs = rhs`.
    public static func equal(_ lhs: LinearExpression, _ rhs: LinearExpression) -> LinearConstraint {
        LinearConstraint(lhs - rhs, .equal)
    }

    /// `lhs = rhs`.
    public static func equal(_ lhs: LinearExpression, _ rhs: Double) -> LinearConstraint {
        LinearConstraint(lhs - rhs, .equal)
    }
}

public func <= (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint {
    LinearConstraint(lhs - rhs, .lessOrEqual)
}

public func <= (lhs: LinearExpression, rhs: Double) -> LinearConstraint { LinearConstraint(lhs - rhs, .lessOrEqual) }

public func >= (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint {
    LinearConstraint(lhs - rhs, .greaterOrEqual)
}

public func >= (lhs: LinearExpression, rhs: Double) -> LinearConstraint {
    LinearConstraint(lhs - rhs, .greaterOrEqual)
}

/// Whether the objective is maximised or minimised.
public enum ObjectiveSense: String, Sendable, Codable {
    case minimize, maximize
}

/// A linear or mixed-integer linear program: variables with kinds and bounds, linear constraints, a linear objective.
///
/// ```swift
/// var model = MILPModel()
/// let x = model.addVariable("x", kind: .integer, lower: 0, upper: 10)
/// let y = model.addVariable("y", kind: .binary)
/// model.addConstraint(LinearExpression(x) + 3 * y <= 7)
/// model.setObjective(LinearExpression(x) + 2 * y, .maximize)
/// let solution = try model.solve()          // GLPK (the GLPK trait)
/// print(solution.objective, solution[x])
/// ```
public struct MILPModel: Sendable {
    /// One column of the program.
    public struct VariableInfo: Sendable {
        public var name: String
        public var kind: VariableKind
        /// Lower bound, or nil for −∞.
        public var lower: Double?
        /// Upper bound, or nil for +∞.
        public var upper: Double?
    }

    /// The variables, indexed by ``Variable/index``.
    public private(set) var variables: [VariableInfo] = []
    /// The constraints in insertion order.
    public private(set) var constraints: [LinearConstraint] = []
    /// The objective (its constant is added to the reported objective value).
    public private(set) var objective = LinearExpression()
    /// Maximise or minimise ``objective``.
    public private(set) var sense = ObjectiveSense.minimize

    /// An empty program.
    public init() {}

    /// Whether any variable is integer or binary.
    public var isMixedInteger: Bool { variables.contains { $0.kind != .continuous } }

    /// Adds a variable. Binary variables always have bounds [0, 1]; `nil` bounds are infinite.
    /// - Returns: its handle for expressions and ``MILPSolution/subscript(_:)``.
    @discardableResult
    public mutating func addVariable(
        _ name: String = "", kind: VariableKind = .continuous, lower: Double? = 0, upper: Double? = nil
    ) -> Variable {
        let bounds: (Double?, Double?) = kind == .binary ? (0, 1) : (lower, upper)
        variables.append(VariableInfo(
            name: name.isEmpty ? "x\(variables.count)" : name, kind: kind, lower: bounds.0, upper: bounds.1))
        return Variable(index: variables.count - 1)
    }

    /// Adds `constraint` (named `name` in error messages when given).
    public mutating func addConstraint(_ constraint: LinearConstraint, name: String = "") {
        var constraint = constraint
        if !name.isEmpty { constraint.name = name }
        if constraint.name.isEmpty { constraint.name = "c\(constraints.count)" }
        constraints.append(constraint)
    }

    /// Sets the objective and its sense.
    public mutating func setObjective(_ expression: LinearExpression, _ sense: ObjectiveSense) {
        objective = expression
        self.sense = sense
    }

    /// Checks that every coefficient and bound is finite (bounds may be nil), lower ≤ upper, and every expression
    /// uses only this model's variables.
    /// - Throws: ``OptimizationError/invalidModel(_:)`` naming the variable or constraint at fault.
    public func validate() throws(OptimizationError) {
        for variable in variables {
            for bound in [variable.lower, variable.upper] {
                if let bound, !bound.isFinite {
                    throw .invalidModel("variable \(variable.name) has a non-finite bound \(bound); use nil for ∞")
                }
            }
            let fractional = [variable.lower, variable.upper].contains { $0.map { $0 != $0.rounded() } ?? false }
            if variable.kind == .integer, fractional {
                throw .invalidModel("integer variable \(variable.name) has a fractional bound; round it")
            }
            if let lower = variable.lower, let upper = variable.upper, lower > upper {
                throw .invalidModel("variable \(variable.name) has lower bound \(lower) above upper bound \(upper)")
            }
        }
        func check(_ expression: LinearExpression, _ owner: String) throws(OptimizationError) {
            guard expression.constant.isFinite else { throw .invalidModel("\(owner) has a non-finite constant") }
            for (index, coefficient) in expression.coefficients {
                guard index >= 0 && index < variables.count else {
                    throw .invalidModel("\(owner) uses variable #\(index), which this model does not have")
                }
                guard coefficient.isFinite else {
                    throw .invalidModel("\(owner) has coefficient \(coefficient) on \(variables[index].name)")
                }
            }
        }
        for constraint in constraints { try check(constraint.expression, "constraint \(constraint.name)") }
        try check(objective, "the objective")
    }

    /// Solves the program with `solver` (GLPK by default).
    /// - Throws: ``OptimizationError`` — infeasible, unbounded, solver failure, invalid model, or
    ///   ``OptimizationError/needsGLPK(feature:)`` in a build without the GLPK trait.
    public func solve(using solver: GLPKSolver = GLPKSolver()) throws(OptimizationError) -> MILPSolution {
        try solver.solve(self)
    }
}

/// How a solve ended when it returned a solution.
public enum SolutionStatus: String, Sendable, Codable {
    /// Proven optimal (within the solver's gap tolerance).
    case optimal
    /// Feasible but not proven optimal (a time limit or gap stop with an incumbent).
    case feasible
}

/// The answer of a solved ``MILPModel``.
public struct MILPSolution: Sendable {
    /// Optimal, or feasible when a limit stopped the search early.
    public var status: SolutionStatus
    /// The objective value, constant included.
    public var objective: Double
    /// One value per variable, by ``Variable/index``.
    public var values: [Double]

    /// A solution.
    public init(status: SolutionStatus, objective: Double, values: [Double]) {
        self.status = status
        self.objective = objective
        self.values = values
    }

    /// The value of `variable`.
    public subscript(_ variable: Variable) -> Double {
        variable.index < values.count ? values[variable.index] : .nan
    }

    /// The value of `expression` at this solution.
    public func value(of expression: LinearExpression) -> Double { expression.value(at: values) }
}
