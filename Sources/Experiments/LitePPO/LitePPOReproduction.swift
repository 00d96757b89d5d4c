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
public struct LitePPOReproduction: Reproduction {
    public init() {}
    public var id: String { "lite-ppo" }
    public var paper: String {
        "Liu et al. 2025, \"Part I: Tricks or Traps? A Deep Dive into RL for LLM Reasoning\" (arXiv:2508.08221)"
    }
    public var claim: String {
        "For a critic-free policy on a base model, Lite PPO (group-mean + batch-std advantages, token-level loss) "
            + "matches or beats GRPO and DAPO."
    }
    public var defaultSeeds: Int { 3 }

    public func run(_ context: ReproductionContext) throws -> ReproductionReport {
        guard context.seeds >= 1 else { throw ReproductionError.invalidSettings("lite-ppo needs at least one seed") }
        let start = Stopwatch.now()
        let budget = try LitePPOBudget.make(quick: context.quick)
        return try run(context, budget: budget, start: start)
    }

    /// Runs with an explicit budget (tests use a tiny one).
    func run(_ context: ReproductionContext, budget: LitePPOBudget, start: Double) throws -> ReproductionReport {
        let base = try LitePPOBaseModel.obtain(budget, directory: context.directory, log: context.log)
        let tokenizer = SyntheticTask.tokenizer
        let split = HeldOutSplit()
        let generator = try budget.task.makeGenerator()
        var heldRNG = Xoshiro256StarStar(seed: 20_250_808)  // the same held-out problems for every run
        let heldOut = split.restrict(generator, heldOut: true)
            .problems(count: max(budget.curveProblems, budget.finalProblems), using: &heldRNG)
        let training = split.restrict(generator, heldOut: false)
        let arms = try LitePPOArm.all(budget)
        let runsFolder = context.directory.appendingPathComponent("runs", isDirectory: true)
        try FileManager.default.createDirectory(at: runsFolder, withIntermediateDirectories: true)
        let encode: (String) throws -> [Int] = { try tokenizer.encode($0) }
        let decode: ([Int]) -> String = { tokenizer.decode($0) }
        let stop = [CharacterTokenizer.endOfSequence]

        // the base model's own final evaluation (the "step 0" reference for pass@k)
        let finalEvaluator = RLVREvaluator(
            samples: budget.finalSamples, ks: [1, min(4, budget.finalSamples), budget.finalSamples],
            generation: GenerationConfig(
                maxNewTokens: budget.maxCompletionLength, temperature: 1, stopTokens: stop,
                padToken: CharacterTokenizer.padding))
        var baseRNG = Xoshiro256StarStar(seed: context.baseSeed).derived("base-eval")
        let baseReport = try finalEvaluator.evaluate(
            model: base, problems: Array(heldOut.prefix(budget.finalProblems)), verifier: generator.verifier,
            encode: encode, decode: decode, using: &baseRNG)
        context.log(String(format: "base model: held-out pass@1 %.3f, pass@%d %.3f, mean length %.1f",
                           baseReport.passAtK[1] ?? .nan, budget.finalSamples,
                           baseReport.passAtK[budget.finalSamples] ?? .nan, baseReport.meanLength))

        var records: [LitePPORunRecord] = []
        for seed in context.seedList {
            for arm in arms {
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
                    model: model, problems: Array(heldOut.prefix(budget.finalProblems)), verifier: generator.verifier,
                    encode: encode, decode: decode, using: &finalRNG)
                let series = { (name: String) in outcome.metrics.map { $0[name] ?? .nan } }
                let record = LitePPORunRecord(
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
                records.append(record)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                let name = arm.label.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : " " }
                    .split(separator: " ").map { String($0) }.joined(separator: "-")
                try AtomicFile.write(
                    try encoder.encode(record), to: runsFolder.appendingPathComponent("\(name)-seed\(seed).json"))
                context.log(String(format: "%@ seed %llu: held-out accuracy %.3f → %.3f, pass@1 %.3f, pass@%d %.3f (%.0f s)",
                                   arm.label, seed, record.curveAccuracy.first ?? .nan, record.curveAccuracy.last ?? .nan,
                                   record.passAt1, budget.finalSamples, record.passAtK, record.seconds))
            }
        }
        let analysis = LitePPOAnalysis(records: records, budget: budget, base: baseReport)
        return ReproductionReport(
            id: id, paper: paper, claim: claim, quick: context.quick, seeds: context.seedList,
            tables: analysis.tables(), plots: analysis.plots(), verdict: analysis.verdict.verdict,
            verdictExplanation: analysis.verdict.explanation, seconds: Stopwatch.now() - start)
    }
}
