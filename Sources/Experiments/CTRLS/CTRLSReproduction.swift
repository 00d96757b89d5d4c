import Foundation
import Language
import Tensor

/// "CTRLS: Chain-of-Thought Reasoning via Latent State-Transition" (arXiv:2507.08182), reconstructed: the paper
/// text was not reachable, so what we used is our design from its summary (CoT as an MDP over latent states,
/// latent reasoning actions chosen by a learned step policy, a frozen LM steered by them, on-policy RL with
/// ε-greedy exploration and an entropy regulariser).
///
/// What we used:
/// - a Qwen2-style 2-layer, d = 64 base SFT'd on control-coded Countdown-3 traces (``CodedSolution``: every step
///   prefixed by its operator's code `a s m d`, K = 4; half random solver solutions, half random valid traces, so
///   the model follows any code but chooses codes weakly), then frozen;
/// - latent state s_t = the frozen LM's final hidden state at the step-start token (the prompt's `:`, each `,`);
///   latent action = the code; the step policy = a tanh MLP (width 64) over s_t (``SteeredLanguageModel``);
/// - the one ``RLVRTrainer`` with ``RLVRConfig/ctrls`` (GRPO group advantages, token-mean over code tokens only,
///   no KL), ε-greedy 0.1 → 0.01 linear (``ExplorationSchedule``) and entropy bonus 0.01 for arm (c);
/// - left out: the ELBO-trained transition model (optional in the brief; not built).
///
/// Units: stage 0 `base-model` (pretrains and caches the frozen LM), then one unit per arm × seed.
public struct CTRLSReproduction: UnitReproduction {
    /// A fixed budget instead of ``CTRLSBudget/make(quick:)`` (tests run a tiny one).
    var budget: CTRLSBudget?

    /// The reproduction with the standard quick or full budget.
    public init() {}

    init(budget: CTRLSBudget?) { self.budget = budget }

    public var id: String { "ctrls" }
    public var paper: String {
        "\"CTRLS: Chain-of-Thought Reasoning via Latent State-Transition\" (arXiv:2507.08182; reconstruction)"
    }
    public var claim: String {
        "A step policy over latent states that steers a frozen LM, trained on-policy with ε-greedy exploration and an "
            + "entropy bonus, reasons more accurately than the LM alone and keeps diverse reasoning paths. Criteria "
            + "(written before the run; held-out Countdown-3, n samples per problem at temperature 1, controllers at "
            + "ε = 0): (1) accuracy of (c) CTRLS exceeds (a) the frozen LM with its own codes by more than the sum of "
            + "their seed standard deviations; (2) (c) has more distinct correct step sequences per problem than (b) "
            + "the controller trained without ε and entropy (means over seeds). Shown if both hold, partly shown if "
            + "one holds, otherwise not shown."
    }
    public var defaultSeeds: Int { 5 }

    /// Runs with `budget` (tests).
    func run(_ context: ReproductionContext, budget: CTRLSBudget) throws -> ReproductionReport {
        try CTRLSReproduction(budget: budget).run(context)
    }

    func budget(_ context: ReproductionContext) throws -> CTRLSBudget {
        try budget ?? CTRLSBudget.make(quick: context.quick)
    }

    static func key(_ arm: CTRLSArm, _ seed: UInt64) -> String {
        let name: String
        switch arm {
        case .frozen: name = "frozen"
        case .plain: name = "plain"
        case .ctrls: name = "ctrls"
        }
        return "\(name)-s\(seed)"
    }

    /// One (arm, seed) run: the held-out evaluation and the controller's training rewards.
    public struct Record: Codable, Sendable {
        var arm: CTRLSArm, seed: UInt64, evaluation: CTRLSEvaluation, rewards: [Double]
    }

    /// `base-model` (stage 0), then every arm × seed, seed-major.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else { throw ReproductionError.invalidSettings("ctrls needs at least one seed") }
        return [ReproductionUnit(key: "base-model", arm: "", seed: nil, stage: 0)]
            + context.seedList.flatMap { seed in
                CTRLSArm.allCases.map { ReproductionUnit(key: Self.key($0, seed), arm: $0.rawValue, seed: seed) }
            }
    }

    /// Caches the base model (stage 0, nil result) or trains and evaluates one arm for one seed.
    /// - Throws: an unknown unit, or pretraining, training and evaluation errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> Record? {
        let budget = try budget(context)
        let base = try LitePPOBaseModel.obtain(
            task: budget.task, sft: budget.sft, directory: context.directory, log: context.log)
        guard let seed = unit.seed else { return nil }
        guard let arm = CTRLSArm.allCases.first(where: { Self.key($0, seed) == unit.key }) else {
            throw unknown(unit, context)
        }
        let generator = try budget.task.makeGenerator()
        let split = HeldOutSplit()
        var heldRNG = Xoshiro256StarStar(seed: 2_507_081_82)
        let heldOut = split.restrict(generator, heldOut: true)
            .problems(count: budget.evaluationProblems, using: &heldRNG)
        let training = split.restrict(generator, heldOut: false)
        let runStart = Stopwatch.now()
        let (evaluation, rewards) = try arm.run(
            base: base, budget: budget, training: training, heldOut: heldOut, verifier: generator.verifier,
            seed: seed)
        context.log(String(
            format: "%@ seed %llu: accuracy %.3f, distinct correct traces %.2f, codes %.2f (%.0f s)",
            arm.rawValue, seed, evaluation.accuracy, evaluation.distinctCorrectTraces,
            evaluation.distinctCorrectCodes, Stopwatch.now() - runStart))
        return Record(arm: arm, seed: seed, evaluation: evaluation, rewards: rewards)
    }

    /// The table, plot and verdict from every arm × seed.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: Record?], _ context: ReproductionContext) throws -> ReproductionReport {
        let budget = try budget(context)
        let records = try ordered(results, units(context)).compactMap { $0 }
        func summary(_ arm: CTRLSArm, _ value: (CTRLSEvaluation) -> Double) -> SeedSummary {
            SeedSummary(records.filter { $0.arm == arm }.map { value($0.evaluation) })
        }
        var table = ResultTable(
            title: "Held-out Countdown-3 (\(budget.evaluationProblems) problems × \(budget.evaluationSamples) samples, "
                + "temperature 1) after \(budget.steps) controller steps (mean ± std over seeds)",
            columns: [
                "arm", "accuracy (pass@1)", "distinct correct traces / problem", "distinct correct codes / problem",
            ])
        for arm in CTRLSArm.allCases {
            table.rows.append([
                arm.rawValue, summary(arm, \.accuracy).formatted(digits: 3),
                summary(arm, \.distinctCorrectTraces).formatted(digits: 2),
                summary(arm, \.distinctCorrectCodes).formatted(digits: 2),
            ])
        }
        let accuracyC = summary(.ctrls, \.accuracy), accuracyA = summary(.frozen, \.accuracy)
        let tracesC = summary(.ctrls, \.distinctCorrectTraces), tracesB = summary(.plain, \.distinctCorrectTraces)
        let margin = accuracyC.standardDeviation + accuracyA.standardDeviation
        let c1 = accuracyC.mean - accuracyA.mean > margin, c2 = tracesC.mean > tracesB.mean
        let verdict: ClaimVerdict = c1 && c2 ? .shown : (c1 || c2 ? .partlyShown : .notShown)
        let explanation = String(
            format: "(1) accuracy (c) %.3f vs (a) %.3f: difference %.3f against seed spread %.3f %@; (2) distinct "
                + "correct traces per problem (c) %.2f vs (b) %.2f %@. (b) accuracy %.3f. Scale caveats: a 2-layer "
                + "d = 64 character model, a 64-unit controller, %d steps × %d prompts × G %d, learning rate %.0e, %d "
                + "held-out problems; the paper's own setting and values were not available (reconstruction).",
            accuracyC.mean, accuracyA.mean, accuracyC.mean - accuracyA.mean, margin, c1 ? "(holds)" : "(fails)",
            tracesC.mean, tracesB.mean, c2 ? "(holds)" : "(fails)", summary(.plain, \.accuracy).mean, budget.steps,
            budget.promptsPerStep, budget.groupSize, budget.learningRate, budget.evaluationProblems)
        let plot = CurvePlot(
            name: "reward", title: "Controller training reward", xLabel: "trainer steps", yLabel: "mean reward",
            series: records.filter { !$0.rewards.isEmpty }.map {
                CurvePlot.Series(
                    label: $0.arm.rawValue, run: "seed \($0.seed)", steps: $0.rewards.indices.map { Double($0 + 1) },
                    values: $0.rewards)
            })
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList, tables: [table],
            plots: [plot], verdict: verdict, verdictExplanation: explanation, seconds: 0)
    }
}
