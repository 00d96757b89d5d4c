import Language
import Tensor

/// The hard split of a reproduction: problems on which the base model almost never succeeds (at most
/// `maxSuccesses` of `samples` sampled completions correct), screened from fresh candidates, so that GRPO meets
/// mostly all-fail groups (R³L's setting: base pass@1 ≈ 5–10 %).
enum HardSplit {
    /// The hard problems among `candidates` and the base model's mean pass@1 on them.
    static func screen<M: CausalLanguageModel>(
        _ candidates: [TaskProblem], model: M, verifier: any Verifier, samples: Int, maxSuccesses: Int,
        maxNewTokens: Int, seed: UInt64
    ) throws -> (problems: [TaskProblem], basePassAt1: Double) {
        let tokenizer = SyntheticTask.tokenizer
        let evaluator = RLVREvaluator(
            samples: samples, ks: [1],
            generation: GenerationConfig(
                maxNewTokens: maxNewTokens, temperature: 1, stopTokens: [CharacterTokenizer.endOfSequence],
                padToken: CharacterTokenizer.padding))
        var rng = Xoshiro256StarStar(seed: seed)
        let report = try evaluator.evaluate(
            model: model, problems: candidates, verifier: verifier, encode: { try tokenizer.encode($0) },
            decode: { tokenizer.decode($0) }, using: &rng)
        let kept = candidates.indices.filter { report.correctCounts[$0] <= maxSuccesses }
        let rate = kept.map { Double(report.correctCounts[$0]) / Double(samples) }
        return (kept.map { candidates[$0] }, rate.isEmpty ? .nan : rate.reduce(0, +) / Double(rate.count))
    }
}
