import Foundation
import Language
import Tensor

/// "Part I: Tricks or Traps? A Deep Dive into RL for LLM Reasoning" (Liu et al. 2025, arXiv:2508.08221) at toy
/// scale: a Qwen2-style 2-layer, d = 64 base model pretrained here by SFT on noisy, mixed-style addition traces,
/// then GRPO, DAPO, Dr. GRPO and Lite PPO with one budget (same G, prompts per step, 4 minibatch updates per
/// rollout, learning rate, L_max and steps; each method keeps its preset's other knobs: GRPO's k3 KL 0.04 and
/// seq-mean-token-mean, DAPO's clip-higher, dynamic sampling, overlong shaping and ±1 reward, Dr. GRPO's constant
/// normaliser, Lite PPO's batch std, token-mean and T 0.99/top-p 0.99/top-k 100), plus the paper's isolated analyses, each a one-knob change
/// from Lite PPO: group vs batch std under two reward settings, token- vs sequence-level aggregation, clip-higher.
///
/// Units: stage 0 `base-model` (pretrains and caches the base model in the run directory, evaluates it), then one
/// unit per arm × seed (`lite-ppo-s0`, …), each reusing the cached base model (or pretraining it when run alone).
public struct LitePPOReproduction: UnitReproduction {
    /// A fixed budget instead of ``LitePPOBudget/make(quick:)`` (tests run a tiny one).
    var budget: LitePPOBudget?

    /// The reproduction with the standard quick or full budget.
    public init() {}

    init(budget: LitePPOBudget?) { self.budget = budget }

    public var id: String { "lite-ppo" }
    public var paper: String {
        "Liu et al. 2025, \"Part I: Tricks or Traps? A Deep Dive into RL for LLM Reasoning\" (arXiv:2508.08221)"
    }
    public var claim: String {
        "For a critic-free policy on a base model, Lite PPO (group-mean + batch-std advantages, token-level loss) "
            + "matches or beats GRPO and DAPO."
    }
    public var defaultSeeds: Int { 3 }

    /// Runs with `budget` (tests); `start` is ignored (the report's seconds are the units' sum).
    func run(_ context: ReproductionContext, budget: LitePPOBudget, start: Double) throws -> ReproductionReport {
        try LitePPOReproduction(budget: budget).run(context)
    }

    func budget(_ context: ReproductionContext) throws -> LitePPOBudget {
        try budget ?? LitePPOBudget.make(quick: context.quick)
    }

    /// `base-model` (stage 0), then every arm × seed, seed-major.
    /// - Throws: ``ReproductionError/invalidSettings(_:)`` without seeds.
    public func units(_ context: ReproductionContext) throws -> [ReproductionUnit] {
        guard context.seeds >= 1 else { throw ReproductionError.invalidSettings("lite-ppo needs at least one seed") }
        let arms = try LitePPOArm.all(try budget(context))
        return [ReproductionUnit(key: "base-model", arm: "", seed: nil, stage: 0)]
            + context.seedList.flatMap { seed in
                arms.map { ReproductionUnit(key: Self.key($0.label, seed), arm: $0.label, seed: seed) }
            }
    }

    static func key(_ label: String, _ seed: UInt64) -> String { "\(ReproductionUnit.keyFragment(label))-s\(seed)" }

    /// The base model's evaluation (stage 0) or one arm × seed's run.
    /// - Throws: an unknown unit, or pretraining, training and evaluation errors.
    public func runUnit(_ unit: ReproductionUnit, _ context: ReproductionContext) throws -> LitePPOUnitResult {
        let budget = try budget(context)
        let bed = try LitePPOBed(budget, context: context)
        guard let seed = unit.seed else {
            var baseRNG = Xoshiro256StarStar(seed: context.baseSeed).derived("base-eval")
            let baseReport = try bed.finalEvaluator.evaluate(
                model: bed.base, problems: Array(bed.heldOut.prefix(budget.finalProblems)), verifier: bed.verifier,
                encode: bed.encode, decode: bed.decode, using: &baseRNG)
            context.log(String(format: "base model: held-out pass@1 %.3f, pass@%d %.3f, mean length %.1f",
                               baseReport.passAtK[1] ?? .nan, budget.finalSamples,
                               baseReport.passAtK[budget.finalSamples] ?? .nan, baseReport.meanLength))
            return LitePPOUnitResult(base: baseReport)
        }
        guard let arm = try LitePPOArm.all(budget).first(where: { Self.key($0.label, seed) == unit.key }) else {
            throw unknown(unit, context)
        }
        let record = try bed.run(arm, seed: seed)
        let runsFolder = context.directory.appendingPathComponent("runs", isDirectory: true)
        try FileManager.default.createDirectory(at: runsFolder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let name = arm.label.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : " " }
            .split(separator: " ").map { String($0) }.joined(separator: "-")
        try AtomicFile.write(
            try encoder.encode(record), to: runsFolder.appendingPathComponent("\(name)-seed\(seed).json"))
        context.log(String(format: "%@ seed %llu: held-out accuracy %.3f → %.3f, pass@1 %.3f, pass@%d %.3f (%.0f s)",
                           arm.label, seed, record.curveAccuracy.first ?? .nan, record.curveAccuracy.last ?? .nan,
                           record.passAt1, budget.finalSamples, record.passAtK, record.seconds))
        return LitePPOUnitResult(run: record)
    }

    /// Tables, curves and the verdict from the base evaluation and every arm × seed.
    /// - Throws: ``ReproductionUnitError/missingUnits(reproduction:keys:)``.
    public func report(_ results: [String: LitePPOUnitResult], _ context: ReproductionContext) throws
        -> ReproductionReport
    {
        let plan = try units(context)
        let ordered = try ordered(results, plan)
        guard let base = ordered.first?.base else {
            throw ReproductionUnitError.missingUnits(reproduction: id, keys: ["base-model"])
        }
        let analysis = LitePPOAnalysis(
            records: ordered.compactMap(\.run), budget: try budget(context), base: base)
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: analysis.tables(), plots: analysis.plots(), verdict: analysis.verdict.verdict,
            verdictExplanation: analysis.verdict.explanation, seconds: 0)
    }
}

/// One unit of ``LitePPOReproduction``: the base model's evaluation (stage 0) or one arm × seed's record.
public struct LitePPOUnitResult: Codable, Sendable {
    var base: EvaluationReport?
    var run: LitePPORunRecord?

    init(base: EvaluationReport? = nil, run: LitePPORunRecord? = nil) {
        self.base = base
        self.run = run
    }
}

/// What every Lite PPO unit shares: the (cached) base model, the held-out problems, the training split and the
/// final evaluator.
struct LitePPOBed {
    let budget: LitePPOBudget
    let base: LlamaModel
    let verifier: any Verifier
    let heldOut: [TaskProblem]
    let training: SplitTaskGenerator
    let finalEvaluator: RLVREvaluator
    let encode: (String) throws -> [Int] = { try SyntheticTask.tokenizer.encode($0) }
    let decode: ([Int]) -> String = { SyntheticTask.tokenizer.decode($0) }
    let stop = [CharacterTokenizer.endOfSequence]

    init(_ budget: LitePPOBudget, context: ReproductionContext) throws {
        self.budget = budget
        base = try LitePPOBaseModel.obtain(budget, directory: context.directory, log: context.log)
        let split = HeldOutSplit()
        let generator = try budget.task.makeGenerator()
        verifier = generator.verifier
        var heldRNG = Xoshiro256StarStar(seed: 20_250_808)  // the same held-out problems for every run
        heldOut = split.restrict(generator, heldOut: true)
            .problems(count: max(budget.curveProblems, budget.finalProblems), using: &heldRNG)
        training = split.restrict(generator, heldOut: false)
        // the base model's own final evaluation is the "step 0" reference for pass@k
        finalEvaluator = RLVREvaluator(
            samples: budget.finalSamples, ks: [1, min(4, budget.finalSamples), budget.finalSamples],
            generation: GenerationConfig(
                maxNewTokens: budget.maxCompletionLength, temperature: 1,
                stopTokens: [CharacterTokenizer.endOfSequence], padToken: CharacterTokenizer.padding))
    }

    /// Trains a copy of the base model with `arm` for `seed` and evaluates it.
    func run(_ arm: LitePPOArm, seed: UInt64) throws -> LitePPORunRecord {
        let runStart = Stopwatch.now()
        let model = try base.cloned()
        let runner = RLVRRunner(
            encode: encode, decode: decode, stopTokens: stop, padToken: CharacterTokenizer.padding,
            steps: budget.steps, evaluateEvery: budget.evaluateEvery,
            evaluator: RLVREvaluator(
                samples: budget.curveSamples, ks: [1],
                generation: GenerationConfig(maxNewTokens: budget.maxCompletionLength, temperature: 1)))
        let outcome = try runner.run(
            model: model, config: arm.config, task: training,
            heldOut: Array(heldOut.prefix(budget.curveProblems)), seed: seed)
        var finalRNG = Xoshiro256StarStar(seed: seed).derived("final-eval")
        let final = try finalEvaluator.evaluate(
            model: model, problems: Array(heldOut.prefix(budget.finalProblems)), verifier: verifier,
            encode: encode, decode: decode, using: &finalRNG)
        let series = { (name: String) in outcome.metrics.map { $0[name] ?? .nan } }
        return LitePPORunRecord(
            label: arm.label, seed: seed, curveSteps: outcome.evaluations.map { Double($0.step) },
            curveAccuracy: outcome.evaluations.map(\.report.averageAtN),
            curveLength: outcome.evaluations.map(\.report.meanLength),
            trainEntropy: series(RLVRMetricNames.entropy), trainLength: series(RLVRMetricNames.meanLength),
            maxAdvantage: series(RLVRMetricNames.maxAdvantage),
            zeroStdFraction: series(RLVRMetricNames.zeroStdFraction),
            highClip: series(RLVRMetricNames.clipRatioHigh), passAt1: final.passAtK[1] ?? .nan,
            passAtK: final.passAtK[budget.finalSamples] ?? .nan,
            majorityAtK: final.majorityAtK[budget.finalSamples] ?? .nan, finalLength: final.meanLength,
            tokenEntropy: final.tokenEntropy, answerEntropy: final.answerEntropy,
            seconds: Stopwatch.now() - runStart)
    }
}
