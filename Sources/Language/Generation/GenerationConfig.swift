/// How ``CausalLanguageModel/generate(prompts:config:using:)`` samples (Hugging Face `generate` names in
/// brackets).
public struct GenerationConfig: Codable, Equatable, Sendable {
    /// New tokens per prompt at most (`max_new_tokens`).
    public var maxNewTokens: Int
    /// Softmax temperature; 0 means greedy (argmax) decoding.
    public var temperature: Double
    /// Keep only the `topK` most likely tokens before sampling; nil or 0 for all (`top_k`).
    public var topK: Int?
    /// Keep the smallest set of most likely tokens whose probability reaches `topP` (nucleus sampling, Holtzman
    /// et al. 2020); 1 for all (`top_p`).
    public var topP: Double
    /// Tokens that end a completion (included in it), e.g. the end-of-sequence id (`eos_token_id`).
    public var stopTokens: [Int]
    /// Id fed for rows that have finished and used to left-pad shorter prompts (never attended to).
    public var padToken: Int

    /// - Parameters: see the properties; defaults are plain sampling at temperature 1 for 64 tokens.
    public init(
        maxNewTokens: Int = 64, temperature: Double = 1, topK: Int? = nil, topP: Double = 1, stopTokens: [Int] = [],
        padToken: Int = 0
    ) {
        self.maxNewTokens = maxNewTokens
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.stopTokens = stopTokens
        self.padToken = padToken
    }

    /// Greedy decoding.
    public static func greedy(maxNewTokens: Int, stopTokens: [Int] = []) -> GenerationConfig {
        GenerationConfig(maxNewTokens: maxNewTokens, temperature: 0, stopTokens: stopTokens)
    }

    /// Checks the ranges.
    /// - Throws: ``GenerationError`` naming the bad field.
    public func validate() throws(GenerationError) {
        guard maxNewTokens >= 0 else { throw GenerationError("maxNewTokens must be ≥ 0, got \(maxNewTokens)") }
        guard temperature >= 0, temperature.isFinite else {
            throw GenerationError("temperature must be ≥ 0 (0 = greedy), got \(temperature)")
        }
        guard (topK ?? 0) >= 0 else { throw GenerationError("topK must be ≥ 0 (0 or nil = off), got \(topK ?? 0)") }
        guard topP > 0, topP <= 1 else { throw GenerationError("topP must be in (0, 1], got \(topP)") }
    }
}

/// Invalid generation settings or prompts: says what was wrong and how to fix it.
public struct GenerationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Why a completion ended.
public enum FinishReason: String, Codable, Sendable {
    /// A stop token was generated (it is the last token of the completion).
    case stop
    /// `maxNewTokens` were generated, or the model's context was full.
    case length
}

/// Completions of a batch of prompts, with what RL needs about each sampled token.
public struct GenerationResult: Sendable {
    /// Generated tokens per prompt (not including the prompt; including a final stop token).
    public var tokens: [[Int]]
    /// log π(token) per generated token, under the temperature-scaled distribution before top-k/top-p
    /// filtering (temperature 1 when greedy) — the behaviour log-probabilities RLVR's ratios start from.
    public var logProbabilities: [[Double]]
    /// Entropy (nats) of that same distribution at each generated position.
    public var entropies: [[Double]]
    /// Why each completion ended.
    public var finishReasons: [FinishReason]
}
