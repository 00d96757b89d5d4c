import Algorithms
import Foundation
import Optimization
import Tensor

/// "Reinforcement Learning with Combinatorial Actions for Coupled Restless Bandits" (SEQUOIA; Xu, Wilder, Khalil &
/// Tambe, ICLR 2025, arXiv:2503.01919), digest §9.
///
/// Per seed: the digest's capacity-constrained coRMAB (``CoupledRMAB/capacityPrototype()``: J 8, two workers of
/// capacity 3, costs in {1, 2, 3}, sticky and fleeting arms, γ 0.9, H 20); SEQUOIA (ReLU Q-network [a, s] → 32 →
/// 1, DQN with the MILP argmax solved by GLPK, every answer checked against enumeration of 𝒞) trains for E
/// episodes; then SEQUOIA's greedy policy, myopic, uniformly random feasible, null and the exact optimum (backward
/// induction over 2⁸ states) are scored on the same evaluation episodes (common random numbers).
///
/// Equations used: the big-M encoding `wᵀ[a; s] + b = h − s, 0 ≤ h ≤ M⁺z, 0 ≤ s ≤ M⁻(1 − z)` and the capacity
/// constraints from the digest's §9 (taken from the repository's `model2mip/net2mip.py` and
/// `approximator/constrained_approximator.py`), with interval-arithmetic M⁺/M⁻ as in the digest's prototype; the DQN
/// target `y = r + γ·Q_target(s′, argmax_{a′∈𝒞} Q_target(s′, a′))` with a memoizer cleared at target updates. The
/// instance is a reconstruction of the digest's prototype (its exact arm parameters were not given), so the numbers
/// are not expected to equal the digest's 51.42 / 47.90 / 45.80 / 41.98.
public struct SEQUOIAReproduction: UnitReproduction {
    /// The registered reproduction.
    public init() { tiny = false }
    /// A tiny version for tests (15 training and 20 evaluation episodes).
    init(tiny: Bool) { self.tiny = tiny }
    let tiny: Bool

    public var id: String { "sequoia" }
    public var paper: String {
        "\"Reinforcement Learning with Combinatorial Actions for Coupled Restless Bandits\" (SEQUOIA; Xu, Wilder, "
            + "Khalil & Tambe, ICLR 2025, arXiv:2503.01919)"
    }
    public var claim: String {
        "Q-learning whose greedy step is a MILP over the ReLU Q-network (SEQUOIA) beats the myopic and random "
            + "baselines on a coupled restless bandit with combinatorial (capacity) constraints. Checks (J 8, two "
            + "workers of capacity 3, γ 0.9, H 20, discounted return on common evaluation episodes, mean over seeds): "
            + "(1) SEQUOIA's mean return > myopic's; (2) SEQUOIA's mean return > random's; (3) every MILP answer "
            + "attains the enumerated maximum over 𝒞 (0 mismatches). Verdict: shown if all three hold; partly shown if "
            + "(3) and one of (1), (2) hold; otherwise not shown."
    }
    public var defaultSeeds: Int { 3 }

    public var unavailableReason: String? {
        GLPKSolver.isAvailable ? nil : OptimizationError.needsGLPK(feature: "the sequoia reproduction").description
    }

    func trainingEpisodes(quick: Bool) -> Int { tiny ? 15 : quick ? 40 : 150 }
    func evaluationEpisodes(quick: Bool) -> Int { tiny ? 20 : quick ? 100 : 300 }

    /// One unit per seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` with fewer than two seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 2 else { throw ReproductionError.invalidSettings("sequoia needs at least two seeds") }
        return context.seedList.map { ReproductionUnit(key: "s\($0)", arm: "all", seed: $0) }
    }

    /// Trains SEQUOIA on one seed and scores every policy on the same evaluation episodes.
    /// - Throws: an unknown unit, ``ReproductionError/invalidSettings(_:)`` without the GLPK trait, ``SEQUOIAError``.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> SEQUOIASeedResult {
        guard let seed = unit.seed, unit.key == "s\(seed)" else { throw unknown(unit, context) }
        if let unavailableReason { throw ReproductionError.invalidSettings(unavailableReason) }
        let problem = try CoupledRMAB.capacityPrototype()
        let episodes = evaluationEpisodes(quick: context.quick)
        var evaluationStream = Xoshiro256StarStar(seed: seed).derived("sequoia/evaluation")
        let evaluationSeed = evaluationStream.next()
        func score(_ policy: ([Int], Int) throws -> [Int]) rethrows -> Double {
            let returns = try RMABPolicies.evaluate(problem, episodes: episodes, seed: evaluationSeed, policy: policy)
            return returns.reduce(0, +) / Double(returns.count)
        }
        let optimal = RMABPolicies.optimal(problem)
        var result = SEQUOIASeedResult(
            optimalExact: optimal.initialValue, returns: [:], trainingReturns: [], stats: SEQUOIA.Stats(),
            trainingSeconds: 0)
        result.returns["optimal"] = score { state, step in
            problem.feasibleActions[optimal.actionIndex[step][CoupledRMAB.code(state)]]
        }
        result.returns["myopic"] = score { state, _ in RMABPolicies.myopic(problem, state: state) }
        var policyRandom = Xoshiro256StarStar(seed: seed).derived("sequoia/random-policy")
        result.returns["random"] = score { _, _ in RMABPolicies.random(problem, using: &policyRandom) }
        result.returns["null"] = score { _, _ in RMABPolicies.null(problem) }
        let learner = try SEQUOIA(problem: problem, seed: seed)
        let start = Date()
        let trainingEpisodes = trainingEpisodes(quick: context.quick)
        result.trainingReturns = try learner.train(episodes: trainingEpisodes) { episode, value in
            if (episode + 1) % 25 == 0 {
                context.log(String(format: "sequoia: seed %llu episode %d/%d return %.2f", seed, episode + 1,
                                   trainingEpisodes, value))
            }
        }
        result.trainingSeconds = Date().timeIntervalSince(start)
        let greedy = try learner.greedyPolicy()
        result.returns["sequoia"] = try score { state, _ in try greedy(state) }
        result.stats = learner.stats
        context.log(String(
            format: "sequoia: seed %llu done: SEQUOIA %.2f, myopic %.2f, %d MILP solves (%.0f/s), %d mismatches",
            seed, result.returns["sequoia"] ?? Double.nan, result.returns["myopic"] ?? Double.nan,
            learner.stats.milpSolves,
            learner.stats.solvesPerSecond, learner.stats.mismatches))
        return result
    }

    /// Tables, checks and the verdict.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: SEQUOIASeedResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let seeds = try ordered(results, try units(context))
        return SEQUOIAAnalysis(
            seeds: seeds, trainingEpisodes: trainingEpisodes(quick: context.quick),
            evaluationEpisodes: evaluationEpisodes(quick: context.quick)
        ).report(id: id, paper: paper, claim: claim, context: context)
    }
}

/// One seed of ``SEQUOIAReproduction``: each policy's mean discounted evaluation return (keys `optimal`, `sequoia`,
/// `myopic`, `random`, `null`), the exact optimal value, SEQUOIA's training curve and MILP counters.
public struct SEQUOIASeedResult: Codable, Sendable {
    var optimalExact: Double
    var returns: [String: Double]
    var trainingReturns: [Double]
    var stats: SEQUOIA.Stats
    var trainingSeconds: Double
}
