import Algorithms
import Environments
import Foundation
import Optimization
import Tensor

/// The zero-sum Markov-game version of Contrastive UCB (Qiu, Wang, Bai, Yang & Wang, ICML 2022, arXiv:2207.14800;
/// digest §7 "Markov games" and "Game version").
///
/// Per seed: a low-rank game (``LowRankMDP`` over the A·B = 3·3 joint actions: S 20, H 5, rank d 4, sharpness 2,
/// reward `φ*ᵀθ` paid by the min player to the max player) and three learners of ``MarkovGameULCB`` for K episodes
/// (optimistic bound for the max player, pessimistic bound for the min player, one Nash LP per bound, stage and
/// state, GLPK), replanned every 10 episodes: on the true φ*, on one-hot (tabular) features, and on contrastive
/// features φ̂ over joint actions (``ContrastiveRepresentation``, refitted before each plan by 50 projected Adam steps,
/// unvisited pairs optimistic). The Nash gap `V^{†,y}(ρ) − V^{x,†}(ρ)` of each planned policy is computed exactly.
/// β = c·H·sqrt(log(dHK/δ)) with c 0.1 (as the MDP run), λ 1.
///
/// Sources: the abstract (verified) states ε-Nash guarantees for zero-sum Markov games with the contrastive
/// representation; the upper/lower bounds with a per-state equilibrium LP are the digest's reconstruction (⚠️; the
/// paper body was not reachable). SwiftRL uses the Nash step of optimistic Nash value iteration on each bound.
public struct ContrastiveUCBGameReproduction: UnitReproduction {
    /// The registered reproduction.
    public init() { tiny = false }
    /// A tiny version for tests (K = 40).
    init(tiny: Bool) { self.tiny = tiny }
    let tiny: Bool

    public var id: String { "contrastive-ucb-game" }
    public var paper: String {
        "\"Contrastive UCB: Provably Efficient Contrastive Self-Supervised Learning in Online Reinforcement Learning\" "
            + "(Qiu, Wang, Bai, Yang & Wang, ICML 2022, arXiv:2207.14800), zero-sum Markov-game part"
    }
    public var claim: String {
        "With upper/lower confidence bounds on contrastively learned features and a Nash LP per state, the Nash gap "
            + "of the played policies falls in a zero-sum Markov game. Checks (low-rank game S 20, A = B = 3, H 5, "
            + "d 4 per seed, K episodes, exact Nash gaps, mean over seeds; 'final' = mean of the last 10 plans): "
            + "(1) the contrastive learner's final gap ≤ 0.5 × its first plan's gap; (2) the same for the learner on "
            + "the true φ*; (3) the contrastive final gap ≤ 2 × the true-φ* final gap. Verdict: shown if all three "
            + "hold; partly shown if (1) and one other hold; otherwise not shown."
    }
    public var defaultSeeds: Int { 3 }

    public var unavailableReason: String? {
        GLPKSolver.isAvailable
            ? nil : OptimizationError.needsGLPK(feature: "the contrastive-ucb-game reproduction").description
    }

    func episodes(quick: Bool) -> Int { tiny ? 40 : quick ? 300 : 1000 }
    static let (states, maxActions, minActions, horizon, rank, sharpness) = (20, 3, 3, 5, 4, 2.0)
    static let bonusScale = 0.1, delta = 0.1, lambda = 1.0
    static let planEvery = 10, fitSteps = 50, learningRate = 0.05
    static let methods = ["contrastive", "true", "tabular"]
    static let labels = [
        "contrastive": "ULCB on contrastive φ̂", "true": "ULCB on true φ*", "tabular": "ULCB on one-hot features",
    ]

    /// One unit per seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` with fewer than two seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 2 else {
            throw ReproductionError.invalidSettings("contrastive-ucb-game needs at least two seeds")
        }
        return context.seedList.map { ReproductionUnit(key: "s\($0)", arm: "all", seed: $0) }
    }

    /// The three learners on one seed's game.
    /// - Throws: an unknown unit, ``ReproductionError/invalidSettings(_:)`` without the GLPK trait, the learners'
    ///   errors or solver errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> GameSeedResult {
        guard let seed = unit.seed, unit.key == "s\(seed)" else { throw unknown(unit, context) }
        if let unavailableReason { throw ReproductionError.invalidSettings(unavailableReason) }
        let episodes = episodes(quick: context.quick)
        let joint = Self.maxActions * Self.minActions
        var instanceRNG = Xoshiro256StarStar(seed: seed).derived("contrastive-ucb-game/instance")
        let instance = try LowRankMDP.generate(
            states: Self.states, actions: joint, horizon: Self.horizon, rank: Self.rank, sharpness: Self.sharpness,
            using: &instanceRNG)
        let game = try ZeroSumMarkovGame(mdp: instance.mdp, maxActions: Self.maxActions, minActions: Self.minActions)
        let truth = try FeatureMap(
            stateCount: Self.states, actionCount: joint, dimension: Self.rank, values: instance.features)
        var result = GameSeedResult(nashValue: try game.nashEquilibrium().value)
        for method in Self.methods {
            var rng = Xoshiro256StarStar(seed: seed).derived("contrastive-ucb-game/\(method)")
            var representation: ContrastiveRepresentation? = nil
            let features: FeatureMap
            switch method {
            case "true": features = truth
            case "tabular": features = FeatureMap.oneHot(stateCount: Self.states, actionCount: joint)
            default:
                let made = try ContrastiveRepresentation(
                    stateCount: Self.states, actionCount: joint, dimension: Self.rank, learningRate: Self.learningRate,
                    using: &rng)
                representation = made
                features = try made.features
            }
            let beta = LSVIUCB.bonusMultiplier(
                scale: Self.bonusScale, dimension: features.dimension, horizon: Self.horizon, episodes: episodes,
                delta: Self.delta)
            var learner = try MarkovGameULCB(
                features: features, maxActions: Self.maxActions, minActions: Self.minActions, horizon: Self.horizon,
                beta: beta, lambda: Self.lambda, optimisticUnvisitedPairs: representation != nil)
            var counts = [Double](repeating: 0, count: Self.states * joint * Self.states)
            var trace = GameTrace()
            var policy = try learner.plan(start: game.mdp.initialDistribution).policy
            for episode in 0..<episodes {
                if episode > 0 && episode % Self.planEvery == 0 {
                    if var current = representation {
                        _ = current.fit(counts: counts, steps: Self.fitSteps)
                        representation = current
                        try learner.replaceFeatures(try current.features)
                    }
                    policy = try learner.plan(start: game.mdp.initialDistribution).policy
                }
                if episode % Self.planEvery == 0 {
                    trace.episodes.append(episode)
                    trace.gaps.append(game.nashGap(policy))
                }
                var state = game.mdp.sampleStart(using: &rng)
                for stage in 0..<Self.horizon {
                    let a = Self.sample(policy.maxPlayer[stage][state], using: &rng)
                    let b = Self.sample(policy.minPlayer[stage][state], using: &rng)
                    let step = game.mdp.sampleStep(
                        stage: stage, state: state, action: a * Self.minActions + b, using: &rng)
                    learner.observe(
                        stage: stage, state: state, maxAction: a, minAction: b, reward: step.reward,
                        next: step.nextState)
                    counts[(state * joint + a * Self.minActions + b) * Self.states + step.nextState] += 1
                    state = step.nextState
                }
            }
            result.traces[method] = trace
        }
        context.log(String(
            format: "contrastive-ucb-game: seed %llu done (final gaps: contrastive %.3f, true %.3f, tabular %.3f)",
            seed,
            result.traces["contrastive"]?.gaps.last ?? Double.nan, result.traces["true"]?.gaps.last ?? Double.nan,
            result.traces["tabular"]?.gaps.last ?? Double.nan))
        return result
    }

    static func sample(_ probabilities: [Double], using rng: inout Xoshiro256StarStar) -> Int {
        let u = Double.random(in: 0..<1, using: &rng)
        var total = 0.0
        for (index, p) in probabilities.enumerated() {
            total += p
            if u < total { return index }
        }
        return probabilities.count - 1
    }

    /// Tables, checks and the verdict.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: GameSeedResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let seeds = try ordered(results, try units(context))
        return ContrastiveUCBGameAnalysis(seeds: seeds, episodes: episodes(quick: context.quick))
            .report(id: id, paper: paper, claim: claim, context: context)
    }
}

/// Nash gaps of one learner's plans.
public struct GameTrace: Codable, Sendable {
    var episodes: [Int] = []
    var gaps: [Double] = []

    /// Mean of the last 10 plans' gaps.
    var final: Double {
        let tail = gaps.suffix(10)
        return tail.isEmpty ? .nan : tail.reduce(0, +) / Double(tail.count)
    }
}

/// One seed of ``ContrastiveUCBGameReproduction``.
public struct GameSeedResult: Codable, Sendable {
    var nashValue: Double
    var traces: [String: GameTrace] = [:]
}
