import Algorithms
import Environments
import Foundation

/// "Learning Meta Representations for Agents in Multi-Agent Reinforcement Learning" (Zhang, Shen, Han & Shen,
/// arXiv:2108.12988), digest §12.
///
/// Games: the capacity meeting game (``CapacityGame``: 5 points, values 1 … 0.4, capacities 1…5) with n players;
/// MRA and the unimodal shared policy train on n ∈ {2, 3, 4}; evaluation on the unseen n = 5 (the verdict) and
/// n = 6 (reported). Per seed: MRA (L 4 modes, d 2, λ 0.1) and the unimodal baseline (same optimiser, Adam 0.05,
/// same iterations) train by ``MRATrainer``; on each unseen n, MRA picks its best mode zero-shot and adapts z by
/// gradient descent on the Nash gap (η 0.5), the unimodal policy adapts its logits the same way; a per-game
/// reference trains free logits on the unseen game itself (a lower reference, not a competitor).
///
/// Sources. From the paper (arXiv 2108.12988, read through its abstract and a public talk transcript that reads
/// §2–§5 aloud): role-symmetric population-varying Markov games; the Nash-gap measure NashConv D_M(π) =
/// Σ_i max_{π'_i} V_i(π'_i, π_{-i}) − V_i(π), zero exactly at a Nash equilibrium; latent-conditioned multi-modal
/// policies with game-common θ and game-specific latents; a constrained mutual-information objective with a
/// diversity term between latent and action given the observation and a term between game information m (the
/// agent counts) and the latent, optimised by alternating mode discovery and improvement; first-order adaptation
/// when the latent space is limited; the unimodal comparison (Reptile) hurts because optimal policies differ
/// across games. Reconstructed here (the paper's equations were not reachable): the exact loss, the one-to-one
/// game → mode assignment as the I(m; z) term, I(z; a) computed exactly for one state, gradient descent on the
/// Nash gap as the first-order adaptation, the game itself (the paper uses particle-world games with relational
/// attention encoders and MADDPG-style critics).
public struct MRAReproduction: UnitReproduction {
    public init() {}
    public var id: String { "mra" }
    public var paper: String {
        "\"Learning Meta Representations for Agents in Multi-Agent Reinforcement Learning\" (Zhang, Shen, Han & Shen, "
            + "arXiv:2108.12988)"
    }
    public var claim: String {
        "On an unseen population size the adapted latent-conditioned (MRA) policy has a smaller Nash gap than a "
            + "unimodal shared policy. Checks (capacity meeting game, train n ∈ {2,3,4}, unseen n = 5, NashConv of the "
            + "symmetric profile, \(MRAConfig().adaptationSteps) adaptation steps): (1) MRA adapted has a smaller mean "
            + "gap than the unimodal policy zero-shot, and a smaller gap in ≥ 70% of seeds; (2) MRA adapted has a "
            + "smaller mean gap than the unimodal policy adapted with the same steps and step size; (3) on the "
            + "training games MRA's mean gap is at most the unimodal policy's. Verdict: shown if all three hold; "
            + "partly shown if (1) and one other hold; otherwise not shown."
    }
    public var defaultSeeds: Int { 10 }

    /// Training population sizes.
    static let trainSizes = [2, 3, 4]
    /// Unseen population sizes; the first decides the verdict.
    static let evalSizes = [5, 6]
    /// Adaptation steps recorded (the verdict uses ``MRAConfig/adaptationSteps``).
    static let recordedSteps = 20

    static func config(quick: Bool) -> MRAConfig {
        var config = MRAConfig()
        config.iterations = quick ? 300 : 1500
        return config
    }

    /// One unit per seed.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` with fewer than two seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 2 else { throw ReproductionError.invalidSettings("mra needs at least two seeds") }
        return context.seedList.map { ReproductionUnit(key: "s\($0)", arm: "all", seed: $0) }
    }

    /// MRA, the unimodal baseline and the per-game references on one seed.
    /// - Throws: an unknown unit, or invalid game or trainer settings.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> MRASeedResult {
        guard let seed = unit.seed, unit.key == "s\(seed)" else { throw unknown(unit, context) }
        let config = Self.config(quick: context.quick)
        let games = try Self.trainSizes.map { try CapacityGame(players: $0) }
        let mra = try MRATrainer(config: config, games: games)
        let unimodal = try MRATrainer(config: config.unimodal, games: games)
        let mraRun = mra.train(seed: seed)
        let unimodalRun = unimodal.train(seed: seed)
        var result = MRASeedResult(
            mraTrainingGaps: mraRun.trainingGaps, unimodalTrainingGaps: unimodalRun.trainingGaps,
            mraCurve: mraRun.curve, unimodalCurve: unimodalRun.curve, mraAssignment: mraRun.model.assignment,
            evaluations: [])
        for n in Self.evalSizes {
            let game = try CapacityGame(players: n)
            let reference = try MRATrainer(config: config.unimodal, games: [game]).train(seed: seed)
            result.evaluations.append(
                MRASeedResult.Evaluation(
                    players: n,
                    mra: mra.adapt(mraRun.model, to: game, steps: Self.recordedSteps),
                    unimodal: unimodal.adapt(unimodalRun.model, to: game, steps: Self.recordedSteps),
                    referenceGap: reference.trainingGaps[0]))
        }
        context.log("mra: seed \(seed) done")
        return result
    }

    /// Tables, checks and the verdict.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: MRASeedResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let seeds = try ordered(results, try units(context))
        return MRAAnalysis(seeds: seeds, config: Self.config(quick: context.quick))
            .report(id: id, paper: paper, claim: claim, context: context)
    }
}

/// One seed of ``MRAReproduction``.
public struct MRASeedResult: Codable, Sendable {
    /// One unseen population size.
    public struct Evaluation: Codable, Sendable {
        /// n.
        var players: Int
        /// MRA's zero-shot mode and adaptation trace.
        var mra: MRAAdaptation
        /// The unimodal policy's adaptation trace.
        var unimodal: MRAAdaptation
        /// Gap of free logits trained on this game itself.
        var referenceGap: Double
    }

    var mraTrainingGaps: [Double]
    var unimodalTrainingGaps: [Double]
    var mraCurve: [MRATraining.Point]
    var unimodalCurve: [MRATraining.Point]
    var mraAssignment: [Int]
    var evaluations: [Evaluation]
}
