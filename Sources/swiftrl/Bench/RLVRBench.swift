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
            let sampled = try model.generate(prompts: promptIDs, config: generation, using: &rng)
            // a reward that varies within groups: completions whose first token is even are "correct"
            let rewards = sampled.tokens.map { Double(($0.first ?? 0) % 2 == 0 ? 1 : 0) }
            let batch = try RolloutBatch.validated(
                prompts: promptIDs, completions: sampled.tokens, groupIDs: (0..<(prompts * group)).map { $0 / group },
                rewards: rewards, correct: rewards.map { $0 > 0 }, truncated: rewards.map { _ in true })
            var config = RLVRConfig.grpo
            config.objective.kl = .none
            config.learningRate = 1e-5
            config.groupSize = group
            config.promptsPerStep = prompts
            config.maxCompletionLength = newTokens
            var initRNG = Xoshiro256StarStar(seed: 3)
            let trainer = try RLVRTrainer(
                model: model, config: config,
                rewardFunctions: [WeightedReward(name: "constant", verifier: FormatVerifier())],
                encode: { _ in [] }, decode: { _ in "" }, stopTokens: [], padToken: 0, using: &initRNG)
            var failure: Error?
            let seconds = Stopwatch.sample(warmup: 1, rounds: rounds, iterations: 1, clock: clock) {
                do { _ = try trainer.train(on: batch, using: &rng) } catch { failure = error }
            }
            if let failure { throw failure }
            results.append(BenchmarkResult(
                suite: "rlvr", case: "grpo_train_tokens_per_s", unit: "tokens/s", samples: seconds.map { tokens / $0 }))
        }
        return results
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
