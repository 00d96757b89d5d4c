import Language
import Tensor

/// `swiftrl bench rlvr`: generation and GRPO training throughput of a fixed tiny transformer, the same shapes as
/// `Benchmarks/peers/rlvr_torch.py`.
///
/// Model: Qwen2-style (RMSNorm, RoPE θ 10 000, SwiGLU, q/k/v biases, tied embeddings), 4 layers, d = 128,
/// 4 heads (head size 32, no grouping), MLP width 512, vocabulary 64. Batch: 8 prompts of 8 tokens × G = 8
/// completions = 64 rows, 64 new tokens each (no stop token, temperature 1).
/// - `generate_tokens_per_s`: KV-cache sampling of the 64 × 64 tokens (per-token log-probs and entropies
///   returned).
/// - `grpo_train_tokens_per_s`: one GRPO update on those completions (one epoch, one minibatch, so the old
///   log-probs are the current ones detached, in both implementations), forward + backward of the clipped token loss (group mean/std advantages, seq-mean-token-mean, ε 0.2, β 0), gradient-norm clip
///   1, AdamW — completion tokens per second.
/// - Overheads of the paper components, in percent of that GRPO update (same run, medians):
///   `siren_overhead_pct` (the update with SIREN's top-p / peak-entropy / anchored regulariser, paper settings),
///   `insight_selection_overhead_pct` (scoring M̂ = 16 × 8 = 128 candidates with weighted mutual information at
///   K = 8 and choosing 8), `support_metrics_overhead_pct` (per-problem support and the comparison for 1,000
///   samples × 256 problems of two models; pass@k, maj@k and answer entropy are every evaluation's own cost — the
///   answer entropy of both models adds ≈ 4–5% of a GRPO update at this size). The SIREN case interleaves the two
///   updates round by round: measured in two back-to-back blocks instead, the SIREN block came out 8–17% slower,
///   while a profile puts SIREN's own code (nucleus, masked entropy) at ≈ 2% of its update.
enum RLVRBench {
    static let vocabulary = 64, layers = 4, hidden = 128, heads = 4, mlpWidth = 512
    static let prompts = 8, group = 8, promptLength = 8, newTokens = 64

    static func run(quick: Bool, filter: String?, clock: BenchmarkClock) throws -> [BenchmarkResult] {
        func wanted(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }
        let rounds = quick ? 3 : 5
        var results: [BenchmarkResult] = []
        let model = try makeModel()
        let promptIDs = makePrompts()
        let generation = GenerationConfig(maxNewTokens: newTokens, temperature: 1, stopTokens: [], padToken: 0)
        var rng = Xoshiro256StarStar(seed: 2)
        let tokens = Double(prompts * group * newTokens)
        if wanted("generate_tokens_per_s") {
            var failure: Error?
            let seconds = Stopwatch.sample(warmup: 1, rounds: rounds, iterations: 1, clock: clock) {
                do { _ = try model.generate(prompts: promptIDs, config: generation, using: &rng) } catch { failure = error }
            }
            if let failure { throw failure }
            results.append(BenchmarkResult(
                suite: "rlvr", case: "generate_tokens_per_s", unit: "tokens/s", samples: seconds.map { tokens / $0 }))
        }
        if wanted("grpo_train_tokens_per_s") {
            let batch = try sampledBatch(model: model, prompts: promptIDs, rng: &rng)
            let seconds = try interleavedUpdateSeconds(
                [makeTrainer(model: model)], batch: batch, rounds: rounds, clock: clock, rng: &rng)[0]
            results.append(BenchmarkResult(
                suite: "rlvr", case: "grpo_train_tokens_per_s", unit: "tokens/s", samples: seconds.map { tokens / $0 }))
        }
        if wanted("overhead_pct") {
            results += try componentOverheads(model: model, prompts: promptIDs, rounds: rounds, clock: clock, rng: &rng)
        }
        return results
    }

    /// The bench's rollout batch: the model's own samples, rewarded when the first token is even (varies in groups).
    static func sampledBatch(
        model: LlamaModel, prompts promptIDs: [[Int]], rng: inout Xoshiro256StarStar
    ) throws -> RolloutBatch {
        let generation = GenerationConfig(maxNewTokens: newTokens, temperature: 1, stopTokens: [], padToken: 0)
        let sampled = try model.generate(prompts: promptIDs, config: generation, using: &rng)
        let rewards = sampled.tokens.map { Double(($0.first ?? 0) % 2 == 0 ? 1 : 0) }
        return try RolloutBatch.validated(
            prompts: promptIDs, completions: sampled.tokens, groupIDs: (0..<(prompts * group)).map { $0 / group },
            rewards: rewards, correct: rewards.map { $0 > 0 }, truncated: rewards.map { _ in true })
    }

    /// A GRPO trainer for the bench batch (one epoch, one minibatch, no KL), with `change` applied to the config.
    static func makeTrainer(
        model: LlamaModel, change: (inout RLVRConfig) -> Void = { _ in }
    ) throws -> RLVRTrainer<LlamaModel> {
        var config = RLVRConfig.grpo
        config.objective.kl = .none
        config.learningRate = 1e-5
        config.groupSize = group
        config.promptsPerStep = prompts
        config.maxCompletionLength = newTokens
        change(&config)
        var initRNG = Xoshiro256StarStar(seed: 3)
        return try RLVRTrainer(
            model: model, config: config,
            rewardFunctions: [WeightedReward(name: "constant", verifier: FormatVerifier())],
            encode: { _ in [] }, decode: { _ in "" }, stopTokens: [], padToken: 0, using: &initRNG)
    }

    /// Seconds per update of each trainer on `batch`, interleaved round by round in ABBA order (A B, B A, A B, …) so
    /// that machine noise and position in the round fall on every trainer alike; one warm-up update each.
    static func interleavedUpdateSeconds(
        _ trainers: [RLVRTrainer<LlamaModel>], batch: RolloutBatch, rounds: Int, clock: BenchmarkClock,
        rng: inout Xoshiro256StarStar
    ) throws -> [[Double]] {
        var seconds = Array(repeating: [Double](), count: trainers.count)
        for round in -1..<rounds {
            let order = round % 2 == 0 ? Array(trainers.indices) : Array(trainers.indices.reversed())
            for i in order {
                let start = Stopwatch.now(clock)
                _ = try trainers[i].train(on: batch, using: &rng)
                if round >= 0 { seconds[i].append(Stopwatch.now(clock) - start) }
            }
        }
        return seconds
    }

    /// The paper components' costs as percentages of one GRPO update of the bench shape.
    static func componentOverheads(
        model: LlamaModel, prompts promptIDs: [[Int]], rounds: Int, clock: BenchmarkClock,
        rng: inout Xoshiro256StarStar
    ) throws -> [BenchmarkResult] {
        let batch = try sampledBatch(model: model, prompts: promptIDs, rng: &rng)
        let pair = try interleavedUpdateSeconds(
            [makeTrainer(model: model), makeTrainer(model: model) { $0.objective.siren = .paper }], batch: batch,
            rounds: max(rounds, 12), clock: clock, rng: &rng)
        let base = median(pair[0])
        var results = [
            BenchmarkResult(
                suite: "rlvr", case: "siren_overhead_pct", unit: "% of a GRPO update",
                samples: zip(pair[0], pair[1]).map { 100 * ($1 / $0 - 1) })
        ]
        // InSight: 128 candidates with varied beliefs, K = 8, choose 8
        let selection = PromptSelection(method: .insight)
        var beliefRNG = Xoshiro256StarStar(seed: 5)
        let beliefs = (0..<(16 * prompts)).map { _ in
            BetaBelief(alpha: 1 + Double(beliefRNG.int(below: 20)), beta: 1 + Double(beliefRNG.int(below: 20)))
        }
        let selectSeconds = Stopwatch.sample(warmup: 1, rounds: rounds, iterations: 20, clock: clock) {
            let scores = selection.scores(beliefs, rollouts: group, using: &beliefRNG)
            _ = scores.indices.sorted { scores[$0] > scores[$1] }.prefix(prompts)
        }
        results.append(
            BenchmarkResult(
                suite: "rlvr", case: "insight_selection_overhead_pct", unit: "% of a GRPO update",
                samples: selectSeconds.map { 100 * $0 / base }))
        // support metrics: 1,000 samples × 256 problems, two models
        var sampleRNG = Xoshiro256StarStar(seed: 6)
        func fakeSamples() -> (correct: [[Bool]], answers: [[String?]]) {
            var correct: [[Bool]] = [], answers: [[String?]] = []
            for _ in 0..<256 {
                let p = sampleRNG.nextDouble()
                let draws = (0..<1000).map { _ in sampleRNG.nextDouble() }
                correct.append(draws.map { $0 < p * 0.2 })
                answers.append(draws.map { String(Int($0 * 12)) })
            }
            return (correct, answers)
        }
        let base1 = fakeSamples(), trained1 = fakeSamples()
        let supportSeconds = Stopwatch.sample(warmup: 1, rounds: rounds, iterations: 1, clock: clock) {
            // what the Invisible Leash metrics add to the two models' evaluations: per-problem support from the
            // samples' verdicts and the comparison (pass@k, maj@k and answer entropy are in every evaluation report)
            let before = base1.correct.map { $0.contains(true) }, after = trained1.correct.map { $0.contains(true) }
            let comparison = SupportComparison(base: before, trained: after)
            _ = (comparison.retentionRate, comparison.discoveryRate, comparison.dynamicScore, comparison.netChangeRate)
        }
        results.append(
            BenchmarkResult(
                suite: "rlvr", case: "support_metrics_overhead_pct", unit: "% of a GRPO update",
                samples: supportSeconds.map { 100 * $0 / base }))
        return results
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    static func makeModel() throws -> LlamaModel {
        var rng = Xoshiro256StarStar(seed: 1)
        let configuration = LlamaConfiguration(
            modelType: "qwen2", vocabularySize: vocabulary, hiddenSize: hidden, mlpWidth: mlpWidth, layers: layers,
            heads: heads, contextLength: 128, ropeTheta: 10_000, tieWordEmbeddings: true)
        return try LlamaModel(configuration: configuration, using: &rng)
    }

    /// 8 distinct prompts of 8 ids in 3..<64, each repeated G times.
    static func makePrompts() -> [[Int]] {
        (0..<prompts).flatMap { p in
            Array(repeating: (0..<promptLength).map { 3 + (p * 7 + $0 * 5) % (vocabulary - 3) }, count: group)
        }
    }
}
