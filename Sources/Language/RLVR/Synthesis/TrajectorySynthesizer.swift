import Tensor

/// Turns a finished rollout batch into more training data before the advantage step: R³L's reflect-then-retry
/// adds corrected retries of failed attempts; SCMA's scoring role adds the chunk scorer's rollouts and reshapes
/// the reasoning rewards. Set one on ``RLVRTrainer/synthesizer``; every preset then trains on the result.
///
/// Synthesized rows that another policy produced (a retry under a hint) set ``RolloutBatch/offPolicy`` and
/// record ``RolloutBatch/behaviourLogProbs``; rows or tokens that must not be trained get a zero
/// ``RolloutBatch/lossMasks`` entry.
public protocol TrajectorySynthesizer {
    /// Completions to sample per problem before synthesis, given the configured group size G (default G).
    func firstAttempts(groupSize: Int) -> Int
    /// Edits `batch` (appends rows, masks tokens, reshapes rewards).
    /// - Parameters:
    ///   - batch: the sampled rows, `firstAttempts` per problem in problem order.
    ///   - problems: the problem of each row; a synthesizer that appends rows appends their problems.
    ///   - context: generation, scoring and tokenization with the trainer's policy.
    /// - Returns: metrics to log for this step (e.g. `retry/retries`, `retry/success`).
    func synthesize(_ batch: inout RolloutBatch, problems: inout [TaskProblem], context: SynthesisContext) throws
        -> [String: Double]
}

extension TrajectorySynthesizer {
    public func firstAttempts(groupSize: Int) -> Int { groupSize }
}

/// What a ``TrajectorySynthesizer`` may do with the trainer's policy: encode and decode text, sample
/// continuations (with the trainer's sampling settings and a random stream derived from the step's), score a
/// completion with the trainer's reward functions, and allocate fresh group ids.
public final class SynthesisContext {
    /// Text → token ids (the trainer's prompt encoder).
    public let encode: (String) throws -> [Int]
    /// Token ids → text.
    public let decode: ([Int]) -> String
    /// The trainer's maximum completion length.
    public let maxCompletionLength: Int
    /// G, the configured group size (first attempts plus synthesized rows per problem).
    public let groupSize: Int
    private let sample: ([[Int]], Int, inout SplitMix64) throws -> GenerationResult
    private let scoreCompletion: ([Int], TaskProblem, inout SplitMix64) -> (reward: Double, correct: Bool)
    private let allocateGroup: () -> Int
    private var rng: SplitMix64

    /// Creates a context (the trainer makes one per rollout batch; tests may build their own).
    public init(
        encode: @escaping (String) throws -> [Int], decode: @escaping ([Int]) -> String, maxCompletionLength: Int,
        groupSize: Int, seed: UInt64, sample: @escaping ([[Int]], Int, inout SplitMix64) throws -> GenerationResult,
        score: @escaping ([Int], TaskProblem, inout SplitMix64) -> (reward: Double, correct: Bool),
        allocateGroup: @escaping () -> Int
    ) {
        self.encode = encode
        self.decode = decode
        self.maxCompletionLength = maxCompletionLength
        self.groupSize = groupSize
        self.sample = sample
        self.scoreCompletion = score
        self.allocateGroup = allocateGroup
        self.rng = SplitMix64(seed: seed)
    }

    /// Samples one continuation per prompt (each prompt may end with reused completion tokens).
    /// - Parameter maxNewTokens: new tokens at most per row.
    public func generate(prompts: [[Int]], maxNewTokens: Int) throws -> GenerationResult {
        try sample(prompts, maxNewTokens, &rng)
    }

    /// The trainer's total reward for `completion` on `problem` and whether it is correct.
    public func score(_ completion: [Int], problem: TaskProblem) -> (reward: Double, correct: Bool) {
        scoreCompletion(completion, problem, &rng)
    }

    /// A group id no other row of the run uses.
    public func newGroupID() -> Int { allocateGroup() }
}

extension RLVRTrainer {
    func synthesisContext<G: RandomNumberGenerator>(using rng: inout G) -> SynthesisContext {
        let generation = GenerationConfig(
            maxNewTokens: config.maxCompletionLength, temperature: config.temperature, topK: config.topK,
            topP: config.topP, stopTokens: stopTokenIDs, padToken: padTokenValue)
        return SynthesisContext(
            encode: { [unowned self] in try self.encodePrompt($0) }, decode: { [unowned self] in self.decodeCompletion($0) },
            maxCompletionLength: config.maxCompletionLength, groupSize: config.groupSize, seed: rng.next(),
            sample: { [unowned self] prompts, maxNew, rng in
                var g = generation
                g.maxNewTokens = maxNew
                return try self.model.generate(prompts: prompts, config: g, using: &rng)
            },
            score: { [unowned self] tokens, problem, rng in self.score(tokens, problem: problem, using: &rng) },
            allocateGroup: { [unowned self] in
                defer { self.nextGroupID += 1 }
                return self.nextGroupID
            })
    }
}

/// A language model whose completions mix trained and frozen tokens (a controller steering a frozen LM): it
/// says which completion tokens belong to the loss.
public protocol LossMaskingLanguageModel: CausalLanguageModel {
    /// 1 for completion tokens whose log-probability depends on trained parameters, 0 for the others.
    func lossMask(prompt: [Int], completion: [Int]) -> [Double]
}
