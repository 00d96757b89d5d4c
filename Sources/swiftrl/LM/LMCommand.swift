import ArgumentParser
import Foundation
import Language

/// `swiftrl lm`: run Hugging Face-format language models (GPT-2, Qwen2, Llama).
struct LMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lm",
        abstract: "Run GPT-2/Qwen2/Llama language models from a Hugging Face model directory.",
        discussion: """
            A model directory holds config.json, model.safetensors (or a sharded index) and tokenizer.json.
            Examples:
              swiftrl lm generate --model ./Qwen2.5-0.5B --prompt "The capital of France is" --max-new-tokens 16
              swiftrl lm generate --model ./gpt2 --prompt "Hello" --temperature 0.8 --top-p 0.95 --seed 1 --json
              swiftrl lm logits --model ./gpt2 --ids 15496,11,995 --json
              swiftrl lm logits --model ./gpt2 --ids 15496,11,995 --json --all
            """,
        subcommands: [LMGenerateCommand.self, LMLogitsCommand.self]
    )
}

/// A language-model error for the command line, with the library's message.
struct LMCommandError: Error, CustomStringConvertible {
    var description: String
}

/// Loads the model in `directory`, turning library errors into command-line errors.
func loadLanguageModel(_ directory: String) throws -> any CausalLanguageModel {
    do { return try PretrainedModel.load(directory: URL(fileURLWithPath: directory)) } catch {
        throw LMCommandError(description: error.description)
    }
}

/// End-of-sequence ids named by `config.json` (`eos_token_id`, an id or a list), if any.
func configEndOfSequenceIDs(_ directory: String) -> [Int] {
    let url = URL(fileURLWithPath: directory).appendingPathComponent("config.json")
    guard let data = try? Data(contentsOf: url),
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else { return [] }
    if let id = object["eos_token_id"] as? Int { return [id] }
    return (object["eos_token_id"] as? [Int]) ?? []
}

/// Parses `1,2,3` into ids.
func parseTokenIDs(_ text: String) throws -> [Int] {
    let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    var ids: [Int] = []
    for part in parts {
        guard let id = Int(part), id >= 0 else {
            throw ValidationError("--ids takes comma-separated non-negative integers, e.g. --ids 1,2,3; got `\(part)`")
        }
        ids.append(id)
    }
    guard !ids.isEmpty else { throw ValidationError("--ids is empty; give at least one token id") }
    return ids
}

/// Prints a value as one line of JSON.
func printJSONLine<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
