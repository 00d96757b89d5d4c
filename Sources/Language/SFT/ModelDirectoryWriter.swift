import Foundation
import Tensor

/// Writes a SwiftRL language model as a Hugging Face model directory: `config.json` (with `model_type`,
/// `architectures` and the special token ids), `model.safetensors` (Hugging Face tensor names; GPT-2 `Conv1D`
/// weights stored `[in, out]`), `tokenizer.json` and `tokenizer_config.json`. ``PretrainedModel/load(directory:)``,
/// ``ByteLevelBPETokenizer`` and `swiftrl lm generate` read it back, and so does Python `transformers`.
///
/// A ``CharacterTokenizer`` is saved as a byte-level BPE with no merges whose vocabulary is the characters
/// (byte-level mapped, so a space is `Ġ`) at the same ids, with `<pad>`, `<s>`, `</s>` as added tokens 0, 1, 2:
/// both tokenizers then give identical ids for text in the vocabulary.
public enum ModelDirectoryWriter {
    /// Writes `model` and `tokenizer` into `directory` (created if needed), each file atomically, plus
    /// `swiftrl.json` holding `metadata` (e.g. the SFT task and settings) when given.
    /// - Throws: ``LanguageModelError`` if the model type is not GPT-2/Llama or a file cannot be written.
    public static func save(
        _ model: any CausalLanguageModel, tokenizer: CharacterTokenizer, to directory: URL,
        metadata: [String: String] = [:]
    ) throws(LanguageModelError) {
        let special: [String: Any] = [
            "bos_token_id": CharacterTokenizer.beginOfSequence, "eos_token_id": CharacterTokenizer.endOfSequence,
            "pad_token_id": CharacterTokenizer.padding,
        ]
        try writeModel(model, to: directory, specialTokens: special, metadata: metadata)
        let tokenizerConfig: [String: Any] = [
            "tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<s>", "eos_token": "</s>",
            "pad_token": "<pad>", "model_max_length": model.contextLength, "clean_up_tokenization_spaces": false,
        ]
        try write(tokenizerJSON(tokenizer), to: directory.appendingPathComponent("tokenizer.json"))
        try write(tokenizerConfig, to: directory.appendingPathComponent("tokenizer_config.json"))
    }

    /// Writes `model` into `directory` with the tokenizer files (`tokenizer.json`, `tokenizer_config.json`,
    /// and any `vocab.json`/`merges.txt`) and special token ids of the model directory `source` (e.g. after RL
    /// training of a loaded model).
    /// - Throws: ``LanguageModelError`` if the model type is unsupported or a file cannot be read or written.
    public static func save(
        _ model: any CausalLanguageModel, tokenizerFrom source: URL, to directory: URL,
        metadata: [String: String] = [:]
    ) throws(LanguageModelError) {
        var special: [String: Any] = [:]
        if let data = try? Data(contentsOf: source.appendingPathComponent("config.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            for key in ["bos_token_id", "eos_token_id", "pad_token_id"] { special[key] = object[key] }
        }
        try writeModel(model, to: directory, specialTokens: special, metadata: metadata)
        for name in ["tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt", "special_tokens_map.json"] {
            let from = source.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: from.path) else { continue }
            do { try AtomicFile.write(try Data(contentsOf: from), to: directory.appendingPathComponent(name)) } catch {
                throw LanguageModelError("cannot copy \(from.path) to \(directory.path) (\(error))")
            }
        }
    }

    private static func writeModel(
        _ model: any CausalLanguageModel, to directory: URL, specialTokens: [String: Any], metadata: [String: String]
    ) throws(LanguageModelError) {
        var config: [String: Any]
        var tensors = model.stateDict()
        if let gpt2 = model as? GPT2Model {
            config = try jsonObject(gpt2.configuration)
            config["model_type"] = "gpt2"
            config["architectures"] = ["GPT2LMHeadModel"]
            config["n_ctx"] = gpt2.configuration.n_positions
            for (name, t) in tensors where conv1DSuffixes.contains(where: name.hasSuffix) && t.rank == 2 {
                tensors[name] = t.transposed()
            }
        } else if let llama = model as? LlamaModel {
            config = try jsonObject(llama.configuration)
            config["architectures"] = [llama.configuration.model_type == "qwen2" ? "Qwen2ForCausalLM" : "LlamaForCausalLM"]
            config["hidden_act"] = "silu"
            // transformers' defaults differ from SwiftRL's for absent fields (Qwen2 assumes 32 key/value heads)
            config["num_key_value_heads"] = llama.configuration.keyValueHeads
            config["head_dim"] = llama.configuration.headDim
            config["use_sliding_window"] = false
        } else {
            throw LanguageModelError("ModelDirectoryWriter: \(type(of: model)) is not a GPT2Model or LlamaModel")
        }
        for (key, value) in specialTokens { config[key] = value }
        config["torch_dtype"] = "float32"
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw LanguageModelError("\(directory.path): cannot create the model directory (\(error))")
        }
        try write(config, to: directory.appendingPathComponent("config.json"))
        do {
            try Checkpoint.save(tensors, metadata: ["format": "pt"], to: directory.appendingPathComponent("model.safetensors"))
        } catch {
            throw LanguageModelError(error.description)
        }
        if !metadata.isEmpty { try write(metadata, to: directory.appendingPathComponent("swiftrl.json")) }
    }

    /// Reads the `swiftrl.json` metadata of a directory written by ``save(_:tokenizer:to:metadata:)`` (empty if
    /// absent).
    public static func metadata(in directory: URL) -> [String: String] {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("swiftrl.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: String]
        else { return [:] }
        return object
    }

    /// The `tokenizer.json` object for a character tokenizer (see the type's documentation).
    public static func tokenizerJSON(_ tokenizer: CharacterTokenizer) -> [String: Any] {
        let alphabet = ByteLevelAlphabet()
        let specials = [(CharacterTokenizer.padding, "<pad>"), (CharacterTokenizer.beginOfSequence, "<s>"),
                        (CharacterTokenizer.endOfSequence, "</s>")]
        var vocab: [String: Int] = [:]
        for (id, content) in specials { vocab[content] = id }
        for (i, c) in tokenizer.characters.enumerated() {
            let mapped = String(String(c).utf8.map { alphabet.characters[Int($0)] })
            vocab[mapped] = i + CharacterTokenizer.endOfSequence + 1
        }
        let added: [[String: Any]] = specials.map { id, content in
            ["id": id, "content": content, "single_word": false, "lstrip": false, "rstrip": false,
             "normalized": false, "special": true]
        }
        let byteLevel: [String: Any] = ["type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true]
        return [
            "version": "1.0", "truncation": NSNull(), "padding": NSNull(), "added_tokens": added,
            "normalizer": NSNull(), "pre_tokenizer": byteLevel, "post_processor": NSNull(), "decoder": byteLevel,
            "model": [
                "type": "BPE", "dropout": NSNull(), "unk_token": NSNull(), "continuing_subword_prefix": NSNull(),
                "end_of_word_suffix": NSNull(), "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
                "vocab": vocab, "merges": [String](),
            ] as [String: Any],
        ]
    }

    private static let conv1DSuffixes = [".attn.c_attn.weight", ".attn.c_proj.weight", ".mlp.c_fc.weight", ".mlp.c_proj.weight"]

    private static func jsonObject<T: Encodable>(_ value: T) throws(LanguageModelError) -> [String: Any] {
        do {
            let data = try JSONEncoder().encode(value)
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw LanguageModelError("configuration did not encode as a JSON object")
            }
            return object
        } catch let error as LanguageModelError {
            throw error
        } catch {
            throw LanguageModelError("cannot encode the configuration (\(error))")
        }
    }

    private static func write(_ object: Any, to url: URL) throws(LanguageModelError) {
        do {
            let data = try JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try AtomicFile.write(data, to: url)
        } catch {
            throw LanguageModelError("\(url.path): cannot write (\(error))")
        }
    }
}
