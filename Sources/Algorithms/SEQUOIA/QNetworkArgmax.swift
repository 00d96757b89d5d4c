import Optimization

/// `argmax_{a∈𝒞} Q(s, a)` for a ReLU Q-network whose input is the concatenation [a, s] (SEQUOIA §9): the MILP
/// (the network's big-M encoding with the state fixed, binary action variables and 𝒞's constraints, solved by GLPK)
/// and the same argmax by enumerating 𝒞, which checks it.
public struct QNetworkArgmax: Sendable {
    /// The bandit (its constraint and enumerated feasible set).
    public let problem: CoupledRMAB
    /// The MILP solver (GLPK; exact by default: mipGap 0).
    public var solver: GLPKSolver

    /// An argmax for `problem`.
    public init(problem: CoupledRMAB, solver: GLPKSolver = GLPKSolver()) {
        self.problem = problem
        self.solver = solver
    }

    /// One MILP answer.
    public struct Answer: Sendable, Equatable {
        /// The chosen feasible action.
        public var action: [Int]
        /// Q(s, action) recomputed by the network's forward pass.
        public var value: Double
        /// The MILP's objective (equal to ``value`` up to solver tolerance).
        public var objective: Double
        /// Binary ReLU indicators in the MILP (unstable units).
        public var binaries: Int
    }

    /// The MILP argmax over 𝒞.
    /// - Throws: ``SEQUOIAError/invalidProblem(_:)`` when the network does not take 2J inputs and give one output,
    ///   ``SEQUOIAError/solver(_:)`` for solver failures or a build without the GLPK trait.
    public func milp(_ network: ReLUNetwork, state: [Int]) throws(SEQUOIAError) -> Answer {
        let arms = problem.armCount
        guard network.inputCount == 2 * arms && network.outputCount == 1 else {
            throw .invalidProblem("the Q-network must map [a, s] (\(2 * arms) inputs) to one value")
        }
        do {
            var model = MILPModel()
            let action = (0..<arms).map { model.addVariable("a\($0)", kind: .binary) }
            problem.constraint.addConstraints(on: action, to: &model)
            let inputs = action.map { LinearExpression($0) } + state.map { LinearExpression(constant: Double($0)) }
            let bounds = action.map { _ in 0.0...1.0 } + state.map { Double($0)...Double($0) }
            let encoding = try ReLUEncoder.encode(network, inputs: inputs, inputBounds: bounds, into: &model)
            model.setObjective(encoding.outputs[0], .maximize)
            let solution = try solver.solve(model)
            let chosen = action.map { solution[$0] > 0.5 ? 1 : 0 }
            return Answer(
                action: chosen, value: network(Self.input(chosen, state))[0], objective: solution.objective,
                binaries: encoding.binaries.count)
        } catch {
            throw .solver(error)
        }
    }

    /// The argmax by enumerating every feasible action (ties: the first in enumeration order).
    public func bruteForce(_ network: ReLUNetwork, state: [Int]) -> (action: [Int], value: Double) {
        var best = problem.feasibleActions[0], bestValue = -Double.infinity
        for action in problem.feasibleActions {
            let value = network(Self.input(action, state))[0]
            if value > bestValue {
                best = action
                bestValue = value
            }
        }
        return (best, bestValue)
    }

    /// The network input [a, s].
    public static func input(_ action: [Int], _ state: [Int]) -> [Double] { (action + state).map(Double.init) }
}
