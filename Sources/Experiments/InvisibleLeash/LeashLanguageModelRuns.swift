import Foundation
import Language
import Tensor

/// The language-model half of the Invisible Leash reproduction: GRPO from the Lite PPO reproduction's tiny SFT base
/// model (pretrained in the run directory, or reused), then base and trained models sampled `n` times on the same
/// held-out problems.
enum LeashLanguageModelRuns {
    typealias Record = LeashLanguageModelRecord

    /// The shared bed (pretrains or reuses the cached base model).
    static func bed(_ context: ReproductionContext) throws -> TinyAdditionBed {
        try TinyAdditionBed(context, heldOutSeed: 20_250_714) { $0.finalProblems }
    }

    /// GRPO from the base model for one seed, with base and trained held-out evaluations.
    static func run(_ context: ReproductionContext, seed: UInt64) throws -> Record {
        let bed = try bed(context)
        let budget = bed.budget
        let samples = context.quick ? 16 : 64
        let evaluator = RLVREvaluator(
            samples: samples, ks: [1, samples],
            generation: GenerationConfig(
                maxNewTokens: budget.maxCompletionLength, temperature: 1, stopTokens: bed.stopTokens,
                padToken: bed.padToken))
        let config = try budget.configure(
            RLVRConfig(advantage: .grpo, objective: RLVRObjective(aggregation: .tokenMean)))
        let start = Stopwatch.now()
        let policy = try bed.base.cloned()
        var baseRNG = Xoshiro256StarStar(seed: seed).derived("leash-base-eval")
        let base = try evaluator.evaluate(
            model: policy, problems: bed.heldOut, verifier: bed.verifier, encode: bed.encode, decode: bed.decode,
            using: &baseRNG)
        let runner = bed.runner(steps: context.quick ? 30 : 150, evaluateEvery: 0, samples: 1)
        _ = try runner.run(
            model: policy, config: config, task: bed.training, heldOut: Array(bed.heldOut.prefix(8)), seed: seed)
        var trainedRNG = Xoshiro256StarStar(seed: seed).derived("leash-trained-eval")
        let trained = try evaluator.evaluate(
            model: policy, problems: bed.heldOut, verifier: bed.verifier, encode: bed.encode, decode: bed.decode,
            using: &trainedRNG)
        let support = SupportComparison(
            base: base.correctCounts.map { $0 > 0 }, trained: trained.correctCounts.map { $0 > 0 })
        let record = Record(
            seed: seed, base: base, trained: trained, support: support, seconds: Stopwatch.now() - start)
        context.log(
            String(
                format: "tiny LM GRPO seed %llu: pass@1 %.3f → %.3f, pass@%d %.3f → %.3f, NSCR %+.3f, token entropy "
                    + "%.3f → %.3f, answer entropy %.3f → %.3f (%.0f s)",
                seed, base.passAtK[1] ?? .nan, trained.passAtK[1] ?? .nan, samples, base.coverage, trained.coverage,
                support.netChangeRate, base.sequenceTokenEntropy, trained.sequenceTokenEntropy, base.answerEntropy,
                trained.answerEntropy, record.seconds))
        return record
    }
}

/// One seed of the Invisible Leash language-model half: base and trained evaluations and their support change.
public struct LeashLanguageModelRecord: Codable, Sendable {
    var seed: UInt64
    var base: EvaluationReport
    var trained: EvaluationReport
    var support: SupportComparison
    var seconds: Double
}
