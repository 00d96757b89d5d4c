import Algorithms
import Environments
import Foundation
import Tensor

/// "Explore and Control with Adversarial Surprise" (Fickinger, Jaques, Parajuli, Chang, Rhinehart, Berseth, Russell &
/// Levine, 2021, arXiv:2107.07394), digest §13.
///
/// Per seed, four methods train for the same number of episodes on ``SurpriseRooms`` (four 5 × 5 rooms: start,
/// noisy with a freeze switch, dark, plain; 3 × 3 egocentric view, 4 colours; 4 rounds of 16 steps): Adversarial
/// Surprise (Explore and Control Q tables alternating rounds, Explore first), a single surprise-seeking policy, a
/// single surprise-minimising policy (SMiRL-like) and random actions. Each is then evaluated with ε 0.05 and no
/// learning; coverage is the number of distinct cells the body visits per episode.
///
/// Equations and where they came from. The paper's method pages were not reachable (only the abstract, which states
/// the game: Explore seeks the states that surprise Control, Control minimises surprise); everything below follows
/// the authors' released code (github.com/ArnaudFickinger/adversarial-surprise): the density model is their
/// `CategoricalBuffer` (`buffers.py`, the default `--buffer cat`): θ_{f,c} = n_{f,c}/n, floored at 1e-3,
/// log p_θ(o) = Σ_f log θ_{f,o_f}; it is reset each episode and fitted only on Control's observations from step
/// `no_reward_time · length_round` of each Control round on (`base_surprise.py`, `step`), where Control gets
/// r = log p_θ(o_{t+1}) computed before adding o_{t+1}; Explore's reward is 0 except at the last step of its round,
/// where it is −(Control's return in the next round) (`run_minigrid.py`, the round-change branch). Defaults taken
/// from `run_minigrid.py`: 4 rounds, Explore first, no_reward_time 0.5, episode-long buffer. Changed for a tabular,
/// minutes-scale run: rounds of 16 steps (32 there), PPO on images + buffer statistics replaced by tabular Q-learning
/// on (latent cell, time bucket) (the authors' code has a `--position-in-observation` option; their default
/// network sees the image, θ and the time), rounds learned as episodes, no reward normalisation.
public struct AdversarialSurpriseReproduction: UnitReproduction {
    /// Training and evaluation episodes per method and seed when set (tests use a tiny budget).
    let budget: (training: Int, evaluation: Int)?

    public init() { budget = nil }

    /// A reproduction with a fixed budget instead of the quick/full one.
    init(trainingEpisodes: Int, evaluationEpisodes: Int) { budget = (trainingEpisodes, evaluationEpisodes) }

    public var id: String { "adversarial-surprise" }
    public var paper: String {
        "\"Explore and Control with Adversarial Surprise\" (Fickinger, Jaques, Parajuli, Chang, Rhinehart, Berseth, "
            + "Russell & Levine, 2021, arXiv:2107.07394)"
    }
    public var claim: String {
        "In a partially observed grid with noisy rooms and dark rooms, the Explore/Control game covers more of the "
            + "latent state than a single surprise-seeking policy (drawn to the noise) or a single surprise-minimising "
            + "policy (which hides). Coverage C = distinct cells visited per evaluation episode (ε 0.05, no "
            + "learning), per seed. Checks: (1a) mean C of Adversarial Surprise > mean C of surprise-max and AS beats "
            + "it in at least 70% of seeds (paired); (1b) the same against SMiRL. Verdict: shown if both hold, partly "
            + "shown if one holds, otherwise not shown. Random actions are reported, not judged."
    }
    public var defaultSeeds: Int { 10 }

    /// Training episodes per method and seed.
    func trainingEpisodes(quick: Bool) -> Int { budget?.training ?? (quick ? 600 : 4000) }
    /// Evaluation episodes per method and seed.
    func evaluationEpisodes(quick: Bool) -> Int { budget?.evaluation ?? (quick ? 50 : 200) }
    /// Points of the training-coverage curve.
    static let curvePoints = 20

    static func config() throws -> SurpriseExplorationConfig {
        try SurpriseExplorationConfig(schedule: AlternatingSchedule(rounds: 4, roundLength: 16))
    }

    /// One unit per seed (all four methods).
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` with fewer than two seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 2 else {
            throw ReproductionError.invalidSettings("adversarial-surprise needs at least two seeds")
        }
        return context.seedList.map { ReproductionUnit(key: "s\($0)", arm: "all", seed: $0) }
    }

    /// Trains and evaluates every method on one seed.
    /// - Throws: an unknown unit, or the run's errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> SurpriseSeedResult {
        guard let seed = unit.seed, unit.key == "s\(seed)" else { throw unknown(unit, context) }
        var result = SurpriseSeedResult(methods: [:])
        for method in SurpriseMethod.allCases {
            result.methods[method.rawValue] = try run(method, seed: seed, quick: context.quick)
        }
        context.log("adversarial-surprise: seed \(seed) done")
        return result
    }

    /// One method on one seed.
    func run(_ method: SurpriseMethod, seed: UInt64, quick: Bool) throws -> SurpriseMethodResult {
        let episodes = trainingEpisodes(quick: quick)
        var run = try SurpriseExplorationRun(
            method: method, environment: try SurpriseRooms(), config: try Self.config(), seed: seed)
        let training = try run.train(episodes: episodes)
        let evaluation = try run.evaluate(episodes: evaluationEpisodes(quick: quick))
        let block = max(1, episodes / Self.curvePoints)
        let curve = stride(from: 0, to: training.count, by: block).map { start in
            Self.mean(training[start..<min(start + block, training.count)].map { Double($0.distinctCells) })
        }
        let steps = Double(evaluation.count * run.config.schedule.episodeLength)
        let scored = evaluation.reduce(0) { $0 + $1.scoredSteps }
        return SurpriseMethodResult(
            coverage: Self.mean(evaluation.map { Double($0.distinctCells) }),
            lateTrainingCoverage: Self.mean(training.suffix(max(1, episodes / 10)).map { Double($0.distinctCells) }),
            noisyFraction: Double(evaluation.reduce(0) { $0 + $1.noisySteps }) / steps,
            darkFraction: Double(evaluation.reduce(0) { $0 + $1.darkSteps }) / steps,
            switchRate: Double(evaluation.filter(\.usedSwitch).count) / Double(max(1, evaluation.count)),
            surprisePerStep: scored == 0 ? nil : evaluation.reduce(0) { $0 + $1.surprise } / Double(scored),
            curveEpisodes: (0..<curve.count).map { Double(min(($0 + 1) * block, episodes)) },
            curve: curve)
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// Tables, checks and the verdict.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: SurpriseSeedResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let seeds = try ordered(results, try units(context))
        return AdversarialSurpriseAnalysis(
            seeds: seeds, trainingEpisodes: trainingEpisodes(quick: context.quick),
            evaluationEpisodes: evaluationEpisodes(quick: context.quick)
        ).report(id: id, paper: paper, claim: claim, context: context)
    }
}

/// One seed of ``AdversarialSurpriseReproduction``: each method's result keyed by ``SurpriseMethod`` raw value.
public struct SurpriseSeedResult: Codable, Sendable {
    var methods: [String: SurpriseMethodResult]
}

/// One method on one seed.
public struct SurpriseMethodResult: Codable, Sendable {
    /// Mean distinct cells per evaluation episode.
    var coverage: Double
    /// Mean distinct cells per episode over the last 10% of training.
    var lateTrainingCoverage: Double
    /// Fraction of evaluation steps on noisy / dark cells.
    var noisyFraction: Double
    var darkFraction: Double
    /// Fraction of evaluation episodes in which the switch froze the noise.
    var switchRate: Double
    /// Mean −log p_θ per scored evaluation step (nil for random).
    var surprisePerStep: Double?
    /// Training-coverage curve: episode counts and block means.
    var curveEpisodes: [Double]
    var curve: [Double]
}
