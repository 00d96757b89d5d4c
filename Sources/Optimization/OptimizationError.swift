/// Why a linear or mixed-integer program could not be built or solved.
public enum OptimizationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No assignment satisfies the constraints and bounds.
    case infeasible(String)
    /// The objective improves without limit over the feasible set.
    case unbounded(String)
    /// The solver stopped without a usable answer (time limit without an incumbent, numerical failure, …).
    case solverFailure(String)
    /// The model itself is malformed (NaN coefficient, lower bound above upper bound, a foreign variable, …).
    case invalidModel(String)
    /// The feature needs GLPK, which this build was compiled without.
    case needsGLPK(feature: String)

    public var description: String {
        switch self {
        case .infeasible(let detail): "the program is infeasible: \(detail)"
        case .unbounded(let detail): "the program is unbounded: \(detail)"
        case .solverFailure(let detail): "the solver failed: \(detail)"
        case .invalidModel(let detail): "invalid model: \(detail)"
        case .needsGLPK(let feature):
            "\(feature) needs the GLPK trait: install GLPK (`apt-get install libglpk-dev`, or `brew install glpk`) "
                + "and build with `--traits GLPK` (e.g. `swift build --traits GLPK`)"
        }
    }
}
