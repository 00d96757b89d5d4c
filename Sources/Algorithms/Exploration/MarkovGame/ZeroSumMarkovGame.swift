import Environments
import Optimization

/// A two-player zero-sum finite-horizon Markov game stored as an ``EpisodicMDP`` whose action index is the joint
/// action `a·B + b` (a of the max player, b of the min player); rewards are the max player's payoff.
///
/// Mixed product policies are evaluated exactly by backward induction: the value `V^{x,y}`, the best-response
/// values `V^{†,y} = max_x′ V^{x′,y}` and `V^{x,†} = min_y′ V^{x,y′}`, and the Nash gap `V^{†,y} − V^{x,†}` ≥ 0,
/// which is 0 exactly at a Nash equilibrium.
public struct ZeroSumMarkovGame: Sendable {
    /// The game's dynamics over joint actions.
    public let mdp: EpisodicMDP
    /// A: the max player's actions.
    public let maxActions: Int
    /// B: the min player's actions.
    public let minActions: Int

    /// A game over `mdp`, whose actions are the A·B joint actions.
    /// - Throws: ``TabularError/invalidConfiguration(_:)`` when `mdp.actionCount ≠ A·B` or A, B < 1.
    public init(mdp: EpisodicMDP, maxActions: Int, minActions: Int) throws(TabularError) {
        guard maxActions >= 1, minActions >= 1, mdp.actionCount == maxActions * minActions else {
            throw .invalidConfiguration(
                "markov game: the MDP has \(mdp.actionCount) actions; A·B = \(maxActions)·\(minActions) expected")
        }
        self.mdp = mdp
        self.maxActions = maxActions
        self.minActions = minActions
    }

    /// Per-stage, per-state mixed strategies of both players: `maxPlayer[h][s]` has A probabilities,
    /// `minPlayer[h][s]` has B.
    public struct Policy: Sendable, Equatable {
        public var maxPlayer: [[[Double]]]
        public var minPlayer: [[[Double]]]

        public init(maxPlayer: [[[Double]]], minPlayer: [[[Double]]]) {
            self.maxPlayer = maxPlayer
            self.minPlayer = minPlayer
        }
    }

    /// `Q_h(s, a, b) = r_h(s, ab) + Σ_s′ P_h(s′ | s, ab)·next(s′)` for all (s, a, b), row-major.
    func stageValues(_ stage: Int, _ next: [Double]) -> [Double] {
        let (s, joint) = (mdp.stateCount, mdp.actionCount)
        var q = [Double](repeating: 0, count: s * joint)
        for state in 0..<s {
            for action in 0..<joint {
                var total = mdp.reward(stage: stage, state, action)
                for successor in 0..<s {
                    total += mdp.probability(stage: stage, state, action, successor) * next[successor]
                }
                q[state * joint + action] = total
            }
        }
        return q
    }

    /// The start-distribution values `(V^{x,y}, V^{†,y}, V^{x,†})` of `policy`.
    public func values(_ policy: Policy) -> (value: Double, maxBestResponse: Double, minBestResponse: Double) {
        let (s, a, b) = (mdp.stateCount, maxActions, minActions)
        var plain = [Double](repeating: 0, count: s), upper = plain, lower = plain
        for stage in stride(from: mdp.horizon - 1, through: 0, by: -1) {
            let qPlain = stageValues(stage, plain), qUpper = stageValues(stage, upper)
            let qLower = stageValues(stage, lower)
            for state in 0..<s {
                let x = policy.maxPlayer[stage][state], y = policy.minPlayer[stage][state]
                var value = 0.0, best = -Double.infinity, worst = Double.infinity
                for i in 0..<a {
                    var againstY = 0.0
                    for j in 0..<b {
                        let index = state * a * b + i * b + j
                        value += x[i] * y[j] * qPlain[index]
                        againstY += y[j] * qUpper[index]
                    }
                    best = max(best, againstY)
                }
                for j in 0..<b {
                    var againstX = 0.0
                    for i in 0..<a { againstX += x[i] * qLower[state * a * b + i * b + j] }
                    worst = min(worst, againstX)
                }
                plain[state] = value
                upper[state] = best
                lower[state] = worst
            }
        }
        func start(_ v: [Double]) -> Double {
            var total = 0.0
            for state in 0..<s { total += mdp.initialDistribution[state] * v[state] }
            return total
        }
        return (start(plain), start(upper), start(lower))
    }

    /// The Nash gap `V^{†,y}(ρ) − V^{x,†}(ρ)` of `policy`.
    public func nashGap(_ policy: Policy) -> Double {
        let values = values(policy)
        return values.maxBestResponse - values.minBestResponse
    }

    /// The game's Nash equilibrium and value by backward induction with one matrix-game LP per stage and state.
    /// - Throws: ``OptimizationError`` (needs the GLPK trait).
    public func nashEquilibrium(solver: GLPKSolver = GLPKSolver()) throws(OptimizationError)
        -> (policy: Policy, value: Double)
    {
        let (s, a, b) = (mdp.stateCount, maxActions, minActions)
        var next = [Double](repeating: 0, count: s)
        var policy = Policy(
            maxPlayer: Array(repeating: [], count: mdp.horizon), minPlayer: Array(repeating: [], count: mdp.horizon))
        for stage in stride(from: mdp.horizon - 1, through: 0, by: -1) {
            let q = stageValues(stage, next)
            var current = next
            for state in 0..<s {
                let matrix = (0..<a).map { i in (0..<b).map { j in q[state * a * b + i * b + j] } }
                let solution = try Equilibria.zeroSumNash(matrix, solver: solver)
                policy.maxPlayer[stage].append(solution.rowStrategy)
                policy.minPlayer[stage].append(solution.columnStrategy)
                current[state] = solution.value
            }
            next = current
        }
        var value = 0.0
        for state in 0..<s { value += mdp.initialDistribution[state] * next[state] }
        return (policy, value)
    }
}
