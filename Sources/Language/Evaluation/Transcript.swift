import Foundation

/// One sampled completion as a person reads it: the prompt, the completion split into steps, the reward and
/// why the verifier decided so (`swiftrl rlvr eval --transcripts N` writes them as JSON lines).
public struct Transcript: Codable, Equatable, Sendable {
    /// The problem's prompt.
    public var prompt: String
    /// The ground truth the verifier compared with.
    public var groundTruth: String
    /// The completion text.
    public var completion: String
    /// The completion's steps (empty when the segmenter found none).
    public var steps: [String]
    /// The verifier's reward.
    public var reward: Double
    /// Whether the answer is correct.
    public var correct: Bool
    /// The extracted answer, if any.
    public var answer: String?
    /// Why: `correct`, `no answer could be extracted`, or the wrong answer against the ground truth.
    public var reason: String

    /// Samples `count` completions per problem and records them.
    /// - Parameters:
    ///   - segmenter: how completions are split into steps for reading.
    ///   - generation: sampling settings (stop and pad tokens included).
    /// - Throws: tokenizer and ``GenerationError`` errors.
    public static func sample<M: CausalLanguageModel, G: RandomNumberGenerator>(
        model: M, problems: [TaskProblem], count: Int, verifier: any Verifier, segmenter: any StepSplitter,
        generation: GenerationConfig, encode: (String) throws -> [Int], decode: ([Int]) -> String, using rng: inout G
    ) throws -> [Transcript] {
        var out: [Transcript] = []
        for problem in problems where count > 0 {
            let prompt = try encode(problem.prompt)
            let result = try model.generate(
                prompts: Array(repeating: prompt, count: count), config: generation, using: &rng)
            for tokens in result.tokens {
                let text = decode(tokens)
                let check = verifier.verify(prompt: problem.prompt, completion: text, groundTruth: problem.groundTruth)
                let steps = segmenter.characterRanges(in: text).map { String(Array(text)[$0]) }
                let reason: String
                if check.correct {
                    reason = "correct"
                } else if !check.formatOK {
                    reason = "no answer could be extracted"
                } else {
                    reason = "answer `\(check.answer ?? "")` does not match the ground truth `\(problem.groundTruth)`"
                }
                out.append(
                    Transcript(
                        prompt: problem.prompt, groundTruth: problem.groundTruth, completion: text, steps: steps,
                        reward: check.reward, correct: check.correct, answer: check.answer, reason: reason))
            }
        }
        return out
    }

    /// Writes transcripts as JSON lines, atomically.
    /// - Throws: encoding or file-system errors.
    public static func write(_ transcripts: [Transcript], to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for t in transcripts {
            data.append(try encoder.encode(t))
            data.append(0x0A)
        }
        try data.write(to: url, options: .atomic)
    }
}
