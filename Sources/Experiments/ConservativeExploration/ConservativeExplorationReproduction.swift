import Algorithms
import Environments
import Foundation
import Tensor

/// "Near-optimal Conservative Exploration in Reinforcement Learning under Episode-wise Constraints" (Li, Huang, Shen
/// & Yang, ICML 2023, arXiv:2306.06265), digest §8.
///
/// Per seed: a Garnet MDP (S 6, A 3, H 6, branching 2, stationary) and a baseline π^b = 0.7·greedy(perturbed
/// rewards) + 0.3·uniform, as in the digest's prototype; UCBVI (Hoeffding bonus, scale c 0.1, δ 0.1), EpsMix and
/// StepMix (κ 0.1, the same UCBVI inside) run K episodes; the regret `Σ_k V* − V^{π_k}` and the violations of
/// `V^{π_k} ≥ (1 − κ)V^b` are computed exactly from the true MDP (the executed policy's value, mixtures included).
/// The baseline-only row is analytic: regret `K·(V* − V^b)`, no violations.
///
/// Equations used (see ``ConservativeExploration``): optimistic UCBVI `Q̄_h = min(H − h, r̂ + b + P̂V̄_{h+1})`,
/// `b = c·H·sqrt(L/n)`, `L = log(SAHK/δ)` (Azar et al. 2017, Alg. 3); the certificate `V̲^π` from
/// `Q̲_h = max(0, r̂ − b + P̂V̲_{h+1})`; EpsMix `ε_k = min(1, κV^b/(V^b − V̲^{π̄_k}))`; StepMix the largest
/// certified θ of the π̄-then-π^b family with linear interpolation and `L_0 = V^b`. Sources: the constraint,
/// the known baseline, the two algorithm names and their guarantees are verified from the abstract; the algorithm
/// bodies (Algorithms 1–2 of the paper) were not reachable, so the certificate, ε rule and StepMix family are
/// reconstructions, stated as such in the report. The bonus scale 0.1 is below the theory constant (7), as in the
/// prototype; with it the certificate is not a guaranteed lower bound, so violations are measured, not assumed.
public struct ConservativeExplorationReproduction: UnitReproduction {
    public init() {}
    public var id: String { "conservative-exploration" }
    public var paper: String {
        "\"Near-optimal Conservative Exploration in Reinforcement Learning under Episode-wise Constraints\" "
            + "(Li, Huang, Shen & Yang, ICML 2023, arXiv:2306.06265)"
    }
    public var claim: String {
        "StepMix and EpsMix never (or almost never) violate the episode-wise constraint V^{π_k} ≥ (1 − κ)V^b while "
            + "their regret stays near unconstrained UCBVI's. Checks (Garnet S 6, A 3, H 6 per seed, κ 0.1, bonus "
            + "scale 0.1, K episodes, exact values): (1a) EpsMix and (1b) StepMix violate in at most 0.1% of all "
            + "episodes; (2a) EpsMix's and (2b) StepMix's mean regret at K is at most 2 × UCBVI's; (3) UCBVI violates "
            + "in at least one episode (the constraint binds). Verdict: shown if all five hold; partly shown if both "
            + "(1) checks and at least one other hold; otherwise not shown."
    }
    public var defaultSeeds: Int { 10 }

    static func episodes(quick: Bool) -> Int { quick ? 1000 : 10_000 }
    static let kappa = 0.1, bonusScale = 0.1, delta = 0.1
    static let spec = EpisodicMDPSpec.garnet(states: 6, actions: 3, horizon: 6, branching: 2, stationary: true)

    /// One unit per seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` with fewer than two seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 2 else {
            throw ReproductionError.invalidSettings("conservative-exploration needs at least two seeds")
        }
        return context.seedList.map { ReproductionUnit(key: "s\($0)", arm: "all", seed: $0) }
    }

    /// The instance and baseline of `seed`.
    static func problem(seed: UInt64) throws -> (mdp: EpisodicMDP, baseline: EpisodicPolicy) {
        var rng = Xoshiro256StarStar(seed: seed).derived("conservative/instance")
        let mdp = try spec.generate(using: &rng)
        return (mdp, BaselinePolicy.perturbedGreedy(mdp, using: &rng))
    }

    /// UCBVI, EpsMix and StepMix on one seed's instance.
    /// - Throws: an unknown unit or the learners' errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> ConservativeSeedResult {
        guard let seed = unit.seed, unit.key == "s\(seed)" else { throw unknown(unit, context) }
        let (mdp, baseline) = try Self.problem(seed: seed)
        let planner = UCBVI(bonus: .hoeffding(scale: Self.bonusScale), delta: Self.delta)
        let baselineValue = mdp.value(of: baseline)
        let constraint = EpisodeConstraint(signal: .reward, threshold: (1 - Self.kappa) * baselineValue)
        var result = ConservativeSeedResult(
            optimalValue: mdp.optimal().value, baselineValue: baselineValue, threshold: constraint.threshold,
            traces: [:])
        for algorithm in ExplorationAlgorithm.allCases {
            var rng = Xoshiro256StarStar(seed: seed).derived("conservative/\(algorithm.rawValue)")
            let explorer = try algorithm.explorer(for: mdp, planner: planner, kappa: Self.kappa, baseline: baseline)
            result.traces[algorithm.rawValue] = ExplorationTrace.run(
                explorer, in: mdp, episodes: Self.episodes(quick: context.quick), constraint: constraint,
                using: &rng)
        }
        context.log("conservative-exploration: seed \(seed) done")
        return result
    }

    /// Tables, checks and the verdict.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: ConservativeSeedResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let seeds = try ordered(results, try units(context))
        return ConservativeExplorationAnalysis(seeds: seeds, episodes: Self.episodes(quick: context.quick))
            .report(id: id, paper: paper, claim: claim, context: context)
    }
}

/// One seed of ``ConservativeExplorationReproduction``: the instance's V*, V^b and threshold, and each algorithm's
/// trace keyed by ``ExplorationAlgorithm`` raw value.
public struct ConservativeSeedResult: Codable, Sendable {
    var optimalValue: Double
    var baselineValue: Double
    var threshold: Double
    var traces: [String: ExplorationTrace]
}
