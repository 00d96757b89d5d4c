import Algorithms
import Environments
import Foundation
import Tensor

/// "Contrastive UCB: Provably Efficient Contrastive Self-Supervised Learning in Online Reinforcement Learning" (Qiu,
/// Wang, Bai, Yang & Wang, ICML 2022, arXiv:2207.14800), digest §7, single-agent MDP part.
///
/// Per seed: a stationary low-rank MDP (``LowRankMDP``: S 50, A 4, H 10, rank d 5, sharpness 2, linear reward
/// `r = φ*ᵀθ`) and three learners for K episodes, with exact regret `Σ_k V* − V^{π_k}`:
/// - tabular UCBVI (Hoeffding bonus `c·H·sqrt(L/n)`, c 0.1, δ 0.1 — as in the conservative-exploration run);
/// - LSVI-UCB (Jin et al. 2020, Alg. 1) on the true φ*, `β = c·H·sqrt(log(dHK/δ))`, c 0.1, λ 1;
/// - Contrastive UCB: LSVI-UCB with the same β on φ̂, refitted every 10 episodes by 50 full-batch projected Adam
///   steps (step 0.05) on the contrastive loss `E₊[log(1 + 1/f)] + E₋[log(1 + f)]`, `f = φ̂ᵀψ̂`, uniform negatives
///   (``ContrastiveRepresentation``); pairs never visited are optimistic.
/// The subspace distance (sine of the largest principal angle) between the column spans of φ̂ and φ* (S·A × d) is
/// recorded after refits.
///
/// Sources and deviations: the abstract (verified) states the contrastive loss for low-rank transitions, UCB
/// bonuses on the learned representation and representation recovery; the loss form and its minimiser
/// `f* = P/P⁻` are the digest's reconstruction (§7, ⚠️: the paper body was not reachable beyond its introduction).
/// The paper plans with the learned model `P̂ = φ̂ᵀψ̂·P⁻`; SwiftRL's learner uses LSVI-UCB's least-squares backup on φ̂
/// (same elliptical bonus). The zero-sum Markov-game version is the separate `contrastive-ucb-game` reproduction
/// (GLPK trait).
public struct ContrastiveUCBReproduction: UnitReproduction {
    /// The registered reproduction.
    public init() { tiny = false }
    /// A tiny version for tests (K = 40).
    init(tiny: Bool) { self.tiny = tiny }
    let tiny: Bool

    public var id: String { "contrastive-ucb" }
    public var paper: String {
        "\"Contrastive UCB: Provably Efficient Contrastive Self-Supervised Learning in Online Reinforcement Learning\" "
            + "(Qiu, Wang, Bai, Yang & Wang, ICML 2022, arXiv:2207.14800)"
    }
    public var claim: String {
        "LSVI-UCB on contrastively learned features tracks LSVI-UCB with the true features, beats tabular UCBVI in "
            + "regret, and the learned feature span approaches the true one. Checks (low-rank MDP S 50, A 4, H 10, "
            + "d 5 per seed, K episodes, exact regret): (1) Contrastive UCB's mean regret at K ≤ 2 × LSVI-UCB-true's; "
            + "(2) Contrastive UCB's mean regret at K < UCBVI's, and lower in at least 2/3 of the seeds; (3) the mean "
            + "subspace distance at K ≤ 0.5 × its mean after the first refit; (4) LSVI-UCB-true's mean regret < "
            + "UCBVI's (the linear structure helps at all). Verdict: shown if all four hold; partly shown if (3) and "
            + "one of (1), (2) hold; otherwise not shown. The Markov-game version is the `contrastive-ucb-game` "
            + "reproduction."
    }
    public var defaultSeeds: Int { 5 }

    func episodes(quick: Bool) -> Int { tiny ? 40 : quick ? 400 : 2000 }
    static let (states, actions, horizon, rank, sharpness) = (50, 4, 10, 5, 2.0)
    static let bonusScale = 0.1, delta = 0.1, lambda = 1.0
    static let refitEvery = 10, fitSteps = 50, learningRate = 0.05
    static let methods = ["ucbvi", "lsvi-true", "contrastive"]
    static let labels = [
        "ucbvi": "UCBVI (tabular)", "lsvi-true": "LSVI-UCB (true φ*)", "contrastive": "Contrastive UCB",
    ]

    /// One unit per seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` with fewer than two seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 2 else {
            throw ReproductionError.invalidSettings("contrastive-ucb needs at least two seeds")
        }
        return context.seedList.map { ReproductionUnit(key: "s\($0)", arm: "all", seed: $0) }
    }

    /// The three learners on one seed's instance.
    /// - Throws: an unknown unit or the learners' errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> ContrastiveSeedResult {
        guard let seed = unit.seed, unit.key == "s\(seed)" else { throw unknown(unit, context) }
        let episodes = episodes(quick: context.quick)
        var instanceRNG = Xoshiro256StarStar(seed: seed).derived("contrastive-ucb/instance")
        let instance = try LowRankMDP.generate(
            states: Self.states, actions: Self.actions, horizon: Self.horizon, rank: Self.rank,
            sharpness: Self.sharpness, using: &instanceRNG)
        let mdp = instance.mdp
        let truth = try FeatureMap(
            stateCount: Self.states, actionCount: Self.actions, dimension: Self.rank, values: instance.features)
        let beta = LSVIUCB.bonusMultiplier(
            scale: Self.bonusScale, dimension: Self.rank, horizon: Self.horizon, episodes: episodes, delta: Self.delta)
        var result = ContrastiveSeedResult(optimalValue: mdp.optimal().value)
        func stream(_ name: String) -> Xoshiro256StarStar {
            Xoshiro256StarStar(seed: seed).derived("contrastive-ucb/\(name)")
        }
        var rng = stream("ucbvi")
        let ucbvi = try ExplorationAlgorithm.ucbvi.explorer(
            for: mdp, planner: UCBVI(bonus: .hoeffding(scale: Self.bonusScale), delta: Self.delta), kappa: 0.1,
            baseline: BaselinePolicy.uniform(stateCount: Self.states, actionCount: Self.actions, horizon: Self.horizon))
        result.traces["ucbvi"] = ExplorationTrace.run(ucbvi, in: mdp, episodes: episodes, using: &rng)
        rng = stream("lsvi-true")
        let lsvi = try LSVIUCB(features: truth, horizon: Self.horizon, beta: beta, lambda: Self.lambda)
        result.traces["lsvi-true"] = ExplorationTrace.run(lsvi, in: mdp, episodes: episodes, using: &rng)
        var initRNG = stream("contrastive/init")
        let learner = try ContrastiveUCB(
            stateCount: Self.states, actionCount: Self.actions, horizon: Self.horizon, dimension: Self.rank,
            beta: beta, lambda: Self.lambda, refitEvery: Self.refitEvery, fitSteps: Self.fitSteps,
            learningRate: Self.learningRate, using: &initRNG)
        rng = stream("contrastive")
        let every = max(Self.refitEvery, episodes / 20 / Self.refitEvery * Self.refitEvery)
        var distances: [Double] = [], at: [Int] = [], losses: [Double] = []
        result.traces["contrastive"] = ExplorationTrace.run(learner, in: mdp, episodes: episodes, using: &rng) {
            episode, current in
            guard episode % Self.refitEvery == 0, episode == Self.refitEvery || episode % every == 0 else { return }
            at.append(episode)
            losses.append(current.lastLoss)
            distances.append(
                SmallDenseLinearAlgebra.subspaceDistance(
                    current.representation.phi, instance.features, rows: Self.states * Self.actions,
                    columnsA: Self.rank, columnsB: Self.rank))
        }
        result.distanceEpisodes = at
        result.distances = distances
        result.losses = losses
        context.log("contrastive-ucb: seed \(seed) done")
        return result
    }

    /// Tables, checks and the verdict.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: ContrastiveSeedResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let seeds = try ordered(results, try units(context))
        return ContrastiveUCBAnalysis(seeds: seeds, episodes: episodes(quick: context.quick))
            .report(id: id, paper: paper, claim: claim, context: context)
    }
}

/// One seed of ``ContrastiveUCBReproduction``.
public struct ContrastiveSeedResult: Codable, Sendable {
    var optimalValue: Double
    var traces: [String: ExplorationTrace] = [:]
    var distanceEpisodes: [Int] = []
    var distances: [Double] = []
    var losses: [Double] = []
}
