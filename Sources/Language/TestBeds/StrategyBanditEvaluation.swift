import Foundation

/// Exact metrics of a ``StrategyPolicy`` on its ``StrategyBandit`` (no sampling error): pass@k = mean over problems of
/// `1 − (1 − p_correct(x))^k`, policy entropy, mass on junk actions and per-problem / per-(problem, strategy)
/// probabilities for support comparisons.
public struct StrategyBanditReport: Codable, Equatable, Sendable {
    /// The k of ``passAtK``.
    public var ks: [Int]
    /// Exact pass@k for each k in ``ks``.
    public var passAtK: [Double]
    /// Mean over problems of the policy's entropy (nats); for a one-token completion this is both the token-level
    /// and the answer-level entropy.
    public var entropy: Double
    /// Mean probability of junk actions.
    public var junkMass: Double
    /// `p_correct(x)` per problem: the probability of sampling any solving strategy.
    public var correctProbability: [Double]
    /// π(s|x) for every solving pair (x, s), in problem-major order (the finer support unit).
    public var solvingPairProbability: [Double]
    /// Mean π(s|x) over problems, per action.
    public var actionMass: [Double]

    /// A report (``StrategyBandit/evaluate(_:ks:)`` makes them).
    public init(
        ks: [Int], passAtK: [Double], entropy: Double, junkMass: Double, correctProbability: [Double],
        solvingPairProbability: [Double], actionMass: [Double]
    ) {
        self.ks = ks
        self.passAtK = passAtK
        self.entropy = entropy
        self.junkMass = junkMass
        self.correctProbability = correctProbability
        self.solvingPairProbability = solvingPairProbability
        self.actionMass = actionMass
    }

    /// pass@k for one k of ``ks``.
    public func pass(at k: Int) -> Double? { ks.firstIndex(of: k).map { passAtK[$0] } }
}

extension StrategyBandit {
    /// The ks reported by default: 1, 4, 16, 64, 256.
    public static let defaultKs = [1, 4, 16, 64, 256]

    /// Exact metrics of `policy` (a policy made by ``makePolicy(seed:)`` of this bandit, or a trained copy).
    public func evaluate(_ policy: StrategyPolicy, ks: [Int] = StrategyBandit.defaultKs) -> StrategyBanditReport {
        let probabilities = policy.exactProbabilities()
        var correct: [Double] = [], pairs: [Double] = [], entropy = 0.0, junk = 0.0
        var mass = [Double](repeating: 0, count: actionCount)
        for (x, pi) in probabilities.enumerated() {
            var pc = 0.0
            for s in 0..<configuration.strategies where solves[x][s] {
                pc += pi[s]
                pairs.append(pi[s])
            }
            correct.append(pc)
            entropy += EntropyMetrics.entropy(probabilities: pi)
            junk += pi[configuration.strategies...].reduce(0, +)
            for a in 0..<actionCount { mass[a] += pi[a] }
        }
        let n = Double(probabilities.count)
        let pass = ks.map { k in correct.reduce(0) { $0 + 1 - pow(1 - $1, Double(k)) } / n }
        return StrategyBanditReport(
            ks: ks, passAtK: pass, entropy: entropy / n, junkMass: junk / n, correctProbability: correct,
            solvingPairProbability: pairs, actionMass: mass.map { $0 / n })
    }
}
