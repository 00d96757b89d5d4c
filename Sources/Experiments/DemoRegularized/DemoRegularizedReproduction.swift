import Algorithms
import Foundation
import Tensor

/// "Demonstration-Regularized RL" (Tiapkin, Belomestny, Calandriello, Moulines, Munos, Naumov, Perrault, Valko &
/// Ménard, ICLR 2024, arXiv:2310.17303), digest §6, on an episodic Garnet MDP (S 20, A 4, branching 3, H 10).
///
/// N^E expert (optimal-policy) trajectories give the Laplace-smoothed π^BC (κ 1); UCBVI (β 1) and the
/// demonstration-regularised optimistic soft VI toward π^BC (λ = ε·N^E/(S·A·H), the paper's "λ ≈ ε / KL bound" with
/// the tabular BC bound S·A·H/N^E and constants dropped) then act online; each recommendation (the plan without
/// bonus) is evaluated exactly every few episodes; the metric is the first episode with V^rec ≥ V* − ε, ε 0.5.
/// The RLHF arm replaces observed rewards by a Bradley–Terry MLE from 200 preferences between random trajectories
/// (reported, not judged).
///
/// Units: per seed, one for UCBVI (`ucbvi-s0`) and one per N^E (`ne16-s0`: BC, the regularised agent and the RLHF
/// arm, which share π^BC).
///
/// Sources. Verified (ICLR abstract, ICLR 2024 full-text header, alphaXiv overview): two phases (BC on expert
/// trajectories with a log regulariser that keeps every action's probability positive, then KL-regularised RL
/// toward π^BC), sample complexity Õ(Poly(S, A, H)/(ε² N^E)), and the RLHF variant without pessimism.
/// Reconstructed (digest recall): the Laplace closed form, the soft backup, the UCBVI-type bonus and its scale,
/// the λ rule and the RLHF preference protocol. The paper is theory only, so there is no table to match.
public struct DemoRegularizedReproduction: UnitReproduction {
    public init() {}
    public var id: String { "demo-regularized" }
    public var paper: String {
        "\"Demonstration-Regularized RL\" (Tiapkin et al., ICLR 2024, arXiv:2310.17303)"
    }
    public var claim: String {
        "With N^E expert demonstrations, the online episodes needed for an ε-optimal policy fall roughly like "
            + "1/N^E, and the demonstration-regularised agent beats both BC alone and UCBVI. Checks (episodic Garnet "
            + "S 20, A 4, H 10, ε 0.5): (1) the log-log slope of the regularised agent's mean episodes-to-ε against "
            + "N^E is negative with its 95% bootstrap interval below 0 (−∞ if it reaches 0 episodes); (2) its mean "
            + "episodes-to-ε is below UCBVI's at every N^E ≥ 4; (3) its final value is ≥ BC's value − 0.01 at every "
            + "N^E. Verdict: shown if all three hold, partly shown if one or two, otherwise not shown."
    }
    public var defaultSeeds: Int { 20 }

    static func sizes(quick: Bool) -> [Int] { quick ? [1, 4, 16, 64] : [1, 2, 4, 8, 16, 32, 64, 128] }
    static func budget(quick: Bool) -> Int { quick ? 400 : 1500 }
    static let every = 10

    /// Per seed: UCBVI, then every N^E.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` with fewer than two seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 2 else {
            throw ReproductionError.invalidSettings("demo-regularized needs at least two seeds")
        }
        return context.seedList.flatMap { seed in
            [ReproductionUnit(key: "ucbvi-s\(seed)", arm: "UCBVI", seed: seed)]
                + Self.sizes(quick: context.quick).map {
                    ReproductionUnit(key: "ne\($0)-s\(seed)", arm: "N^E \($0)", seed: seed)
                }
        }
    }

    /// UCBVI for one seed, or BC, the regularised agent and the RLHF arm at one N^E for one seed.
    /// - Throws: an unknown unit or the agents' errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> DemoRegularizedUnitResult {
        let sizes = Self.sizes(quick: context.quick)
        let count = sizes.first { unit.key.hasPrefix("ne\($0)-") }
        guard let seed = unit.seed, unit.key.hasPrefix("ucbvi-") || count != nil else {
            throw unknown(unit, context)
        }
        let problem = try DemoRegularizedRun.Problem(horizon: 10)
        let budget = Self.budget(quick: context.quick), every = Self.every
        let s = problem.mdp.stateCount, a = problem.mdp.actionCount
        let root = Xoshiro256StarStar(seed: seed)
        var result = DemoRegularizedUnitResult()
        guard let count else {
            var rng = root.derived("ucbvi")
            let plain = try OptimisticEpisodicAgent(
                config: DemoRegularizedConfig(horizon: 10), stateCount: s, actionCount: a)
            result.ucbvi = problem.measure(plain, budget: budget, every: every, rng: &rng)
            context.log("demo-regularized: UCBVI seed \(seed) done")
            return result
        }
        var prefRNG = root.derived("preferences")
        var model = BradleyTerryRewardModel(pairs: s * a)
        model.fit(DemoRegularizedRun.preferences(problem: problem, count: 200, rng: &prefRNG), steps: 300)
        var demoRNG = root.derived("demos/\(count)")
        let demos = (0..<count).map { _ in
            EpisodesToEpsilon.rollout(problem.expert, in: problem.mdp, using: &demoRNG)
        }
        let bc = try LaplaceBehaviorCloning(kappa: 1).policy(
            demonstrations: demos, stateCount: s, actionCount: a, horizon: 10)
        result.bcValue = bc.value(in: problem.mdp)
        let config = DemoRegularizedConfig(
            horizon: 10, lambda: problem.epsilon * Double(count) / Double(s * a * 10))
        var runRNG = root.derived("regularised/\(count)")
        let agent = try OptimisticEpisodicAgent(config: config, stateCount: s, actionCount: a, reference: bc)
        result.regularised = problem.measure(agent, budget: budget, every: every, rng: &runRNG)
        var rlhfRNG = root.derived("rlhf/\(count)")
        let learned = try OptimisticEpisodicAgent(
            config: config, stateCount: s, actionCount: a, reference: bc, knownReward: model.reward)
        result.rlhf = problem.measure(learned, budget: budget, every: every, rng: &rlhfRNG)
        context.log("demo-regularized: N^E \(count) seed \(seed) done")
        return result
    }

    /// The table, checks and verdict from every seed's units.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)`` or the problem's construction errors.
    public func report(_ results: [String: DemoRegularizedUnitResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let sizes = Self.sizes(quick: context.quick)
        let plan = try units(context)
        let missing = plan.map(\.key).filter { results[$0] == nil }
        guard missing.isEmpty else { throw ReproductionUnitError.missingUnits(reproduction: id, keys: missing) }
        var ucbvi: [EpisodesToEpsilon] = []
        var regularised = [[EpisodesToEpsilon]](repeating: [], count: sizes.count)
        var rlhf = regularised
        var bcValues = [[Double]](repeating: [], count: sizes.count)
        for seed in context.seedList {
            if let run = results["ucbvi-s\(seed)"]?.ucbvi { ucbvi.append(run) }
            for (index, count) in sizes.enumerated() {
                let unit = results["ne\(count)-s\(seed)"]
                if let value = unit?.bcValue { bcValues[index].append(value) }
                if let run = unit?.regularised { regularised[index].append(run) }
                if let run = unit?.rlhf { rlhf[index].append(run) }
            }
        }
        return DemoRegularizedAnalysis(
            sizes: sizes, budget: Self.budget(quick: context.quick),
            problem: try DemoRegularizedRun.Problem(horizon: 10), ucbvi: ucbvi, regularised: regularised, rlhf: rlhf,
            bcValues: bcValues
        ).report(id: id, paper: paper, claim: claim, context: context, seconds: 0)
    }
}

/// One unit of ``DemoRegularizedReproduction``: UCBVI's outcome, or BC's value and the regularised and RLHF
/// agents' outcomes at one N^E.
public struct DemoRegularizedUnitResult: Codable, Sendable {
    var ucbvi: EpisodesToEpsilon?
    var bcValue: Double?
    var regularised: EpisodesToEpsilon?
    var rlhf: EpisodesToEpsilon?
}
