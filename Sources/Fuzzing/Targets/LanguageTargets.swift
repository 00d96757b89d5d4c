import Foundation
import Language
import Tensor

/// JSONL prompt datasets and Hugging Face model directories (`config.json`, `tokenizer.json`,
/// `tokenizer_config.json`, `model.safetensors`).
enum LanguageTargets {
    static let jsonl = FuzzTarget(
        name: "jsonl", summary: "JSONL prompt datasets (`prompt`/`answer` lines)", parts: [.text],
        seeds: {
            let problems = [
                TaskProblem(prompt: "What is 2 + 3?", groundTruth: "5"),
                TaskProblem(prompt: "Sort: 3 1 2", groundTruth: "1 2 3"),
                TaskProblem(prompt: "Ünïcode \"quoted\"\nline", groundTruth: "-1.5"),
            ]
            return [[Array(PromptDataset.encode(problems).utf8)]]
        },
        decode: { parts, _ in
            _ = try PromptDataset.decode(String(decoding: parts[0], as: UTF8.self), path: "fuzz.jsonl")
        })

    static let huggingFace = FuzzTarget(
        name: "hf", summary: "Hugging Face model directories: config.json, tokenizer.json, tokenizer_config.json",
        parts: [.text, .text, .text, .binary],
        seeds: {
            var rng = Xoshiro256StarStar(seed: 1)
            let tokenizer = CharacterTokenizer(characters: "0123456789+-= abc")
            let configuration = GPT2Configuration(
                vocabularySize: tokenizer.vocabularySize, contextLength: 16, hiddenSize: 8, layers: 1, heads: 2)
            let model = try GPT2Model(configuration: configuration, using: &rng)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "swiftrl-fuzz-seed-\(ProcessInfo.processInfo.processIdentifier)-hf")
            try ModelDirectoryWriter.save(model, tokenizer: tokenizer, to: directory)
            defer { try? FileManager.default.removeItem(at: directory) }
            return [try files.map { [UInt8](try Data(contentsOf: directory.appendingPathComponent($0))) }]
        },
        decode: { parts, scratch in
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            for (name, bytes) in zip(files, parts) { try Data(bytes).write(to: scratch.appendingPathComponent(name)) }
            let tokenizer = try ByteLevelBPETokenizer(contentsOf: scratch.appendingPathComponent("tokenizer.json"))
            _ = tokenizer.decode(tokenizer.encode("1+2= abc"))
            _ = try? ChatTemplate.load(modelDirectory: scratch)
            _ = try PretrainedModel.load(directory: scratch)
        })

    static let files = ["config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors"]
}
