import Optimization

/// A feasible set 𝒞 ⊆ {0, 1}^J of joint actions of a coupled restless bandit that does not decouple across arms
/// (SEQUOIA, §9): the MILP constraints it adds and the same test by enumeration.
public enum CombinatorialConstraint: Sendable, Codable, Equatable {
    /// `Σⱼ costⱼ·aⱼ ≤ limit` (a knapsack budget).
    case budget(costs: [Double], limit: Double)
    /// Workers with capacities: every acted arm j is assigned to exactly one worker i, and each worker's assigned
    /// costs fit its capacity: `xᵢⱼ ∈ {0, 1}`, `Σᵢ xᵢⱼ = aⱼ`, `Σⱼ costⱼ·xᵢⱼ ≤ capᵢ` (the paper's capacity-constrained
    /// domain; the equality is the tight form of its `aⱼ ≤ Σᵢ xᵢⱼ`, `aⱼ ≥ xᵢⱼ`).
    case capacity(costs: [Double], capacities: [Double])

    /// The per-arm costs.
    public var costs: [Double] {
        switch self {
        case .budget(let costs, _), .capacity(let costs, _): costs
        }
    }

    /// Checks the costs and limits are finite and non-negative, with one cost per arm.
    /// - Throws: ``SEQUOIAError/invalidProblem(_:)`` naming the field.
    public func validate(arms: Int) throws(SEQUOIAError) {
        guard costs.count == arms else {
            throw .invalidProblem("constraint has \(costs.count) costs for \(arms) arms")
        }
        guard costs.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidProblem("costs must be finite and ≥ 0, got \(costs)")
        }
        switch self {
        case .budget(_, let limit):
            guard limit.isFinite && limit >= 0 else { throw .invalidProblem("budget limit must be ≥ 0, got \(limit)") }
        case .capacity(_, let capacities):
            guard !capacities.isEmpty, capacities.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw .invalidProblem("capacities must be a non-empty list of numbers ≥ 0, got \(capacities)")
            }
        }
    }

    /// Whether the 0/1 action vector `action` is in 𝒞 (capacity: by trying every assignment of the acted arms).
    public func isFeasible(_ action: [Int]) -> Bool {
        let acted = action.indices.filter { action[$0] != 0 }
        switch self {
        case .budget(let costs, let limit):
            var total = 0.0
            for arm in acted { total += costs[arm] }
            return total <= limit + 1e-9
        case .capacity(let costs, let capacities):
            return Self.assignable(acted, costs: costs, remaining: capacities)
        }
    }

    private static func assignable(_ arms: [Int], costs: [Double], remaining: [Double]) -> Bool {
        guard let arm = arms.last else { return true }
        var remaining = remaining
        for worker in remaining.indices where remaining[worker] + 1e-9 >= costs[arm] {
            remaining[worker] -= costs[arm]
            if assignable(Array(arms.dropLast()), costs: costs, remaining: remaining) { return true }
            remaining[worker] += costs[arm]
        }
        return false
    }

    /// Adds the constraints tying the binary action variables `action` to 𝒞 (and any auxiliary variables).
    public func addConstraints(on action: [Variable], to model: inout MILPModel) {
        switch self {
        case .budget(let costs, let limit):
            model.addConstraint(LinearExpression(zip(action, costs).map { ($0, $1) }) <= limit, name: "budget")
        case .capacity(let costs, let capacities):
            let assign = capacities.indices.map { worker in
                action.indices.map { arm in model.addVariable("x\(worker).\(arm)", kind: .binary) }
            }
            for arm in action.indices {
                let assigned = LinearExpression(capacities.indices.map { (assign[$0][arm], 1.0) })
                model.addConstraint(.equal(assigned, LinearExpression(action[arm])), name: "assign \(arm)")
            }
            for (worker, capacity) in capacities.enumerated() {
                let load = LinearExpression(action.indices.map { (assign[worker][$0], costs[$0]) })
                model.addConstraint(load <= capacity, name: "capacity \(worker)")
            }
        }
    }
}

/// Errors of the SEQUOIA components.
public enum SEQUOIAError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bandit, constraint or configuration is malformed.
    case invalidProblem(String)
    /// The MILP argmax failed (includes the GLPK trait missing).
    case solver(OptimizationError)

    public var description: String {
        switch self {
        case .invalidProblem(let detail): "SEQUOIA: \(detail)"
        case .solver(let error): "SEQUOIA: \(error)"
        }
    }
}
