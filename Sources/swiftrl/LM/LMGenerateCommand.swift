import ArgumentParser
import Foundation
import Language
import Tensor

/// `swiftrl lm generate`: complete a prompt.
struct LMGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Complete a text prompt with a Hugging Face model directory (KV cache, seeded sampling).")

    @Option(help: "Hugging Face model directory (config.json, model.safetensors, tokenizer.json).")
    var model: String

    @Option(help: "The prompt text.")
    var prompt: String

    @Option(help: "New tokens at most.")
    var maxNewTokens = 32

    @Option(parsing: .unconditional, help: "Sampling temperature; 0 = greedy.")
    var temperature = 0.0

    @Option(help: "Keep only the k most likely tokens (0 = off).")
    var topK = 0

    @Option(parsing: .unconditional, help: "Nucleus sampling threshold in (0, 1].")
    var topP = 1.0

    @Option(help: "Number of completions of the prompt (one batch).")
    var samples = 1

    @Option(help: "Seed of the sampling generator.")
    var seed: UInt64 = 0

    @Option(help: "Extra stop token ids (comma-separated); config.json's eos_token_id always stops.")
    var stopIds: String?

    @Flag(help: "Print JSON with ids, text, per-token log-probabilities, entropies and tokens/s.")
    var json = false

    func validate() throws {
        guard temperature >= 0, temperature.isFinite else {
            throw ValidationError("--temperature must be ≥ 0 (0 = greedy); got \(temperature)")
        }
        guard topP > 0, topP <= 1 else { throw ValidationError("--top-p must be in (0, 1]; got \(topP)") }
    }

    struct Completion: Encodable {
        var text: String
        var ids: [Int]
        var log_probs: [Double]
        var entropies: [Double]
        var finish_reason: String
    }

    struct Output: Encodable {
        var prompt_ids: [Int]
        var completions: [Completion]
        var tokens_per_s: Double
    }

    func run() throws {
        guard samples > 0 else { throw ValidationError("--samples must be ≥ 1") }
        let lm = try loadLanguageModel(model)
        let tokenizer: ByteLevelBPETokenizer
        do {
            tokenizer = try ByteLevelBPETokenizer(
                contentsOf: URL(fileURLWithPath: model).appendingPathComponent("tokenizer.json"))
        } catch {
            throw LMCommandError(description: error.description)
        }
        let promptIDs = tokenizer.encode(prompt)
        guard !promptIDs.isEmpty else { throw ValidationError("--prompt encodes to no tokens; give some text") }
        var stops = configEndOfSequenceIDs(model)
        if let stopIds { stops += try parseTokenIDs(stopIds) }
        let config = GenerationConfig(
            maxNewTokens: maxNewTokens, temperature: temperature, topK: topK, topP: topP, stopTokens: stops,
            padToken: stops.first ?? 0)
        var rng = Xoshiro256StarStar(seed: seed)
        let start = DispatchTime.now().uptimeNanoseconds
        let result: GenerationResult
        do {
            result = try lm.generate(
                prompts: Array(repeating: promptIDs, count: samples), config: config, using: &rng)
        } catch {
            throw LMCommandError(description: error.description)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let generated = result.tokens.reduce(0) { $0 + $1.count }
        let completions = result.tokens.indices.map { i in
            Completion(
                text: tokenizer.decode(result.tokens[i], skipSpecialTokens: true), ids: result.tokens[i],
                log_probs: result.logProbabilities[i], entropies: result.entropies[i],
                finish_reason: result.finishReasons[i].rawValue)
        }
        if json {
            try printJSONLine(
                Output(prompt_ids: promptIDs, completions: completions,
                       tokens_per_s: seconds > 0 ? Double(generated) / seconds : 0))
        } else {
            for c in completions { print(prompt + c.text) }
        }
    }
}
