import Foundation

#if GLPK
    import CGLPK
#endif

/// Solves a ``MILPModel`` with GLPK (`glp_simplex` for pure LPs, `glp_intopt` with the MIP presolver otherwise).
///
/// Needs the GLPK package trait (`apt-get install libglpk-dev`, `swift build --traits GLPK`); without it every
/// solve throws ``OptimizationError/needsGLPK(feature:)`` and ``isAvailable`` is false. Calls into GLPK are
/// serialised by a process-wide lock (GLPK keeps per-thread environments, which Swift's thread pool would
/// multiply), so concurrent solves are safe but do not run in parallel.
public struct GLPKSolver: Sendable {
    /// Run GLPK's presolver (LP and MIP), default true.
    public var presolve: Bool
    /// Relative MIP gap at which the branch and bound stops and reports the incumbent as optimal, default 0.
    public var mipGap: Double
    /// Wall-clock limit per solve in seconds, or nil for none. A MIP stopped by it with an incumbent returns
    /// status ``SolutionStatus/feasible``; without an incumbent it throws ``OptimizationError/solverFailure(_:)``.
    public var timeLimit: Double?

    /// A solver with these options.
    public init(presolve: Bool = true, mipGap: Double = 0, timeLimit: Double? = nil) {
        self.presolve = presolve
        self.mipGap = mipGap
        self.timeLimit = timeLimit
    }

    /// Whether this build has GLPK (the GLPK trait).
    public static var isAvailable: Bool {
        #if GLPK
            true
        #else
            false
        #endif
    }

    /// The GLPK version string (`"5.0"`), or nil without the trait.
    public static var version: String? {
        #if GLPK
            String(cString: glp_version())
        #else
            nil
        #endif
    }

    /// Solves `model`.
    /// - Throws: ``OptimizationError``: `.infeasible`, `.unbounded`, `.solverFailure` (limits without an incumbent,
    ///   numerical trouble), `.invalidModel` (see ``MILPModel/validate()``), or `.needsGLPK` without the trait.
    public func solve(_ model: MILPModel) throws(OptimizationError) -> MILPSolution {
        try model.validate()
        guard mipGap.isFinite && mipGap >= 0 else {
            throw .invalidModel("mipGap must be a finite number ≥ 0, got \(mipGap)")
        }
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw .invalidModel("timeLimit must be a positive number of seconds, got \(timeLimit)")
        }
        #if GLPK
            GLPKLock.lock.lock()
            defer { GLPKLock.lock.unlock() }
            return try GLPKRun(model: model, options: self).solve()
        #else
            throw .needsGLPK(feature: "solving a linear or mixed-integer program")
        #endif
    }
}

#if GLPK
    enum GLPKLock {
        static let lock = NSLock()
    }

    /// One GLPK problem built from a model, solved and freed.
    struct GLPKRun {
        let model: MILPModel
        let options: GLPKSolver

        func solve() throws(OptimizationError) -> MILPSolution {
            glp_term_out(GLP_OFF)
            let (status, objective, values) = try run(model.objective)
            if let status { return MILPSolution(status: status, objective: objective, values: values) }
            // The relaxation has no dual-feasible basis: unbounded if the program is feasible at all.
            let feasible = (try? run(LinearExpression())).flatMap { $0.0 } != nil
            if feasible {
                throw .unbounded("the objective can be improved without limit; add bounds to the variables")
            }
            throw .infeasible("no assignment satisfies the \(model.constraints.count) constraints and the bounds")
        }

        /// Solves with `objective`; a nil status means "no dual-feasible solution" (unbounded or infeasible).
        private func run(_ objective: LinearExpression) throws(OptimizationError)
            -> (SolutionStatus?, Double, [Double])
        {
            let columns = model.variables.count
            guard columns > 0 else {
                for constraint in model.constraints
                where !Self.holds(constraint, value: constraint.expression.constant) {
                    throw .infeasible("constraint \(constraint.name) has no variables and does not hold")
                }
                return (.optimal, objective.constant, [])
            }
            guard let problem = glp_create_prob() else { throw .solverFailure("glp_create_prob returned nil") }
            defer { glp_delete_prob(problem) }
            load(objective, into: problem)
            if model.isMixedInteger { return try integer(problem) }
            return try linear(problem)
        }

        private static func holds(_ constraint: LinearConstraint, value: Double) -> Bool {
            switch constraint.relation {
            case .lessOrEqual: value <= 1e-9
            case .greaterOrEqual: value >= -1e-9
            case .equal: abs(value) <= 1e-9
            }
        }

        private func load(_ objective: LinearExpression, into problem: OpaquePointer) {
            glp_set_obj_dir(problem, model.sense == .maximize ? GLP_MAX : GLP_MIN)
            glp_add_cols(problem, Int32(model.variables.count))
            for (offset, variable) in model.variables.enumerated() {
                let column = Int32(offset + 1)
                switch variable.kind {
                case .continuous: glp_set_col_kind(problem, column, GLP_CV)
                case .integer: glp_set_col_kind(problem, column, GLP_IV)
                case .binary: glp_set_col_kind(problem, column, GLP_BV)
                }
                if variable.kind == .binary { continue }
                switch (variable.lower, variable.upper) {
                case (nil, nil): glp_set_col_bnds(problem, column, GLP_FR, 0, 0)
                case (let lower?, nil): glp_set_col_bnds(problem, column, GLP_LO, lower, 0)
                case (nil, let upper?): glp_set_col_bnds(problem, column, GLP_UP, 0, upper)
                case (let lower?, let upper?):
                    glp_set_col_bnds(problem, column, lower == upper ? GLP_FX : GLP_DB, lower, upper)
                }
            }
            glp_set_obj_coef(problem, 0, objective.constant)
            for (variable, coefficient) in objective.terms {
                glp_set_obj_coef(problem, Int32(variable.index + 1), coefficient)
            }
            guard !model.constraints.isEmpty else { return }
            glp_add_rows(problem, Int32(model.constraints.count))
            var rowIndex: [Int32] = [0], columnIndex: [Int32] = [0], entries: [Double] = [0]
            for (offset, constraint) in model.constraints.enumerated() {
                let row = Int32(offset + 1)
                let bound = -constraint.expression.constant
                switch constraint.relation {
                case .lessOrEqual: glp_set_row_bnds(problem, row, GLP_UP, 0, bound)
                case .greaterOrEqual: glp_set_row_bnds(problem, row, GLP_LO, bound, 0)
                case .equal: glp_set_row_bnds(problem, row, GLP_FX, bound, bound)
                }
                for (variable, coefficient) in constraint.expression.terms where coefficient != 0 {
                    rowIndex.append(row)
                    columnIndex.append(Int32(variable.index + 1))
                    entries.append(coefficient)
                }
            }
            glp_load_matrix(problem, Int32(entries.count - 1), rowIndex, columnIndex, entries)
        }

        private var timeLimitMilliseconds: Int32 {
            guard let seconds = options.timeLimit else { return Int32.max }
            return Int32(min(Double(Int32.max), max(1, (seconds * 1000).rounded())))
        }

        private func linear(_ problem: OpaquePointer) throws(OptimizationError) -> (SolutionStatus?, Double, [Double]) {
            var parameters = glp_smcp()
            glp_init_smcp(&parameters)
            parameters.msg_lev = GLP_MSG_OFF
            parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
            parameters.tm_lim = timeLimitMilliseconds
            let code = glp_simplex(problem, &parameters)
            switch code {
            case 0: break
            case GLP_ENOPFS: throw .infeasible("GLPK's presolver found no primal feasible solution")
            case GLP_ENODFS: return (nil, .nan, [])
            case GLP_ETMLIM, GLP_EITLIM: throw .solverFailure("the simplex method hit its time or iteration limit")
            default: throw .solverFailure("glp_simplex returned code \(code) (singular or ill-conditioned basis)")
            }
            switch glp_get_status(problem) {
            case GLP_OPT:
                let values = (1...Int32(model.variables.count)).map { glp_get_col_prim(problem, $0) }
                return (.optimal, glp_get_obj_val(problem), values)
            case GLP_UNBND: return (nil, .nan, [])
            case GLP_NOFEAS, GLP_INFEAS:
                throw .infeasible("no assignment satisfies the \(model.constraints.count) constraints and the bounds")
            case let status: throw .solverFailure("glp_simplex ended with status \(status)")
            }
        }

        private func integer(_ problem: OpaquePointer) throws(OptimizationError)
            -> (SolutionStatus?, Double, [Double])
        {
            var parameters = glp_iocp()
            glp_init_iocp(&parameters)
            parameters.msg_lev = GLP_MSG_OFF
            parameters.presolve = GLP_ON  // without it glp_intopt needs an optimal LP basis first
            parameters.mip_gap = options.mipGap
            parameters.tm_lim = timeLimitMilliseconds
            let code = glp_intopt(problem, &parameters)
            func values() -> [Double] { (1...Int32(model.variables.count)).map { glp_mip_col_val(problem, $0) } }
            switch code {
            case 0, GLP_EMIPGAP, GLP_ETMLIM, GLP_ESTOP:
                let status = glp_mip_status(problem)
                if status == GLP_OPT || (status == GLP_FEAS && code == GLP_EMIPGAP) {
                    return (.optimal, glp_mip_obj_val(problem), values())
                }
                if status == GLP_FEAS { return (.feasible, glp_mip_obj_val(problem), values()) }
                if status == GLP_NOFEAS {
                    throw .infeasible("no integer assignment satisfies the \(model.constraints.count) constraints")
                }
                throw .solverFailure("glp_intopt stopped (code \(code)) without an integer solution; raise timeLimit")
            case GLP_ENOPFS:
                throw .infeasible("no assignment satisfies the \(model.constraints.count) constraints and the bounds")
            case GLP_ENODFS: return (nil, .nan, [])
            default: throw .solverFailure("glp_intopt returned code \(code)")
            }
        }
    }
#endif
