import Foundation
import Tensor

/// Loads Hugging Face model directories (`config.json` + `model.safetensors`, or sharded
/// `model.safetensors.index.json`) into SwiftRL language models.
public enum PretrainedModel {
    /// The architectures ``load(directory:)`` understands, by `config.json` `model_type`.
    public static let supportedModelTypes = ["gpt2", "qwen2", "llama", "mistral"]

    /// The model in `directory`, its architecture chosen by `config.json`'s `model_type`.
    /// - Throws: ``LanguageModelError`` for a missing `config.json` or weights, an unsupported `model_type`, or
    ///   missing, unexpected or mis-shaped tensors.
    public static func load(directory: URL) throws(LanguageModelError) -> any CausalLanguageModel {
        let configURL = directory.appendingPathComponent("config.json")
        let data = try read(configURL, what: "config.json (the model's architecture)")
        struct ModelType: Decodable { var model_type: String? }
        let modelType: String?
        do { modelType = try JSONDecoder().decode(ModelType.self, from: data).model_type } catch {
            throw LanguageModelError("\(configURL.path): not valid JSON (\(error))")
        }
        guard let modelType else {
            throw LanguageModelError("\(configURL.path): no model_type; supported: \(supportedModelTypes.joined(separator: ", "))")
        }
        switch modelType {
        case "gpt2":
            let config: GPT2Configuration = try decode(data, configURL)
            do { try config.validate() } catch { throw LanguageModelError("\(configURL.path): \(error)") }
            let tensors = try loadTensors(directory: directory)
            try checkSizes(implied: config.impliedParameterCount, tensors: tensors, configURL)
            return try GPT2Model(configuration: config, tensors: tensors)
        case "qwen2", "llama", "mistral":
            let config: LlamaConfiguration = try decode(data, configURL)
            do { try config.validate() } catch { throw LanguageModelError("\(configURL.path): \(error)") }
            let tensors = try loadTensors(directory: directory)
            try checkSizes(implied: config.impliedParameterCount, tensors: tensors, configURL)
            return try LlamaModel(configuration: config, tensors: tensors)
        default:
            throw LanguageModelError(
                "\(configURL.path): model_type \"\(modelType)\" is not supported; SwiftRL loads \(supportedModelTypes.joined(separator: ", "))")
        }
    }

    /// Rejects a config.json whose sizes imply more parameters than the weights hold, before the model is
    /// allocated from those sizes (a damaged config would otherwise fail an allocation of terabytes).
    static func checkSizes(implied: Int?, tensors: [String: Tensor], _ url: URL) throws(LanguageModelError) {
        let stored = tensors.values.reduce(0) { $0 + $1.count }
        guard let implied, implied <= stored else {
            throw LanguageModelError(
                "\(url.path): the sizes need at least \(implied.map(String.init) ?? "more than Int.max") "
                    + "parameters but "
                    + "the weights hold \(stored); config.json does not describe these weights")
        }
    }

    /// Every tensor of the directory's `model.safetensors` (or of the shards listed in
    /// `model.safetensors.index.json`), by Hugging Face name, as Float tensors (BF16/F16 widened).
    /// - Throws: ``LanguageModelError`` if no weights file exists or one cannot be read.
    public static func loadTensors(directory: URL) throws(LanguageModelError) -> [String: Tensor] {
        let single = directory.appendingPathComponent("model.safetensors")
        let index = directory.appendingPathComponent("model.safetensors.index.json")
        var files: [URL] = []
        if FileManager.default.fileExists(atPath: single.path) {
            files = [single]
        } else if FileManager.default.fileExists(atPath: index.path) {
            struct Index: Decodable { var weight_map: [String: String] }
            let data = try read(index, what: "the shard index")
            let parsed: Index = try decode(data, index)
            files = Set(parsed.weight_map.values).sorted().map { directory.appendingPathComponent($0) }
        } else {
            throw LanguageModelError(
                "\(directory.path): no model.safetensors or model.safetensors.index.json; SwiftRL reads safetensors weights (convert pytorch_model.bin with `save_pretrained(safe_serialization=True)`)")
        }
        var tensors: [String: Tensor] = [:]
        for file in files {
            do {
                tensors.merge(try Checkpoint.load(from: file).tensors) { a, _ in a }
            } catch {
                throw LanguageModelError(error.description)
            }
        }
        return tensors
    }

    /// Copies `tensors` into `module`'s parameters by path (after `rename`, which returns nil to skip a tensor).
    /// - Throws: ``LanguageModelError`` listing missing, unexpected or mis-shaped tensors.
    static func assign(
        _ tensors: [String: Tensor], to module: Module, architecture: String,
        rename: (String) -> String? = { $0 }, transform: (String, Tensor) -> Tensor = { $1 }
    ) throws(LanguageModelError) {
        var byPath: [String: Tensor] = [:]
        for (name, tensor) in tensors {
            if let path = rename(name) { byPath[path] = transform(path, tensor) }
        }
        let parameters = module.namedParameters()
        let missing = parameters.map(\.path).filter { byPath[$0] == nil }
        if !missing.isEmpty {
            throw LanguageModelError(
                "\(architecture) weights lack \(missing.count) tensor(s) the config requires: \(list(missing)); was the checkpoint saved from a different architecture or config?")
        }
        let known = Set(parameters.map(\.path))
        let unexpected = byPath.keys.filter { !known.contains($0) }.sorted()
        if !unexpected.isEmpty {
            throw LanguageModelError(
                "\(architecture) weights have \(unexpected.count) tensor(s) this architecture does not use: \(list(unexpected)); the checkpoint is probably a different model family")
        }
        for (path, parameter) in parameters {
            guard let value = byPath[path] else { continue }
            guard value.shape == parameter.shape else {
                throw LanguageModelError(
                    "\(architecture) tensor `\(path)` has shape \(value.shape) in the checkpoint but \(parameter.shape) from config.json")
            }
            parameter.assign(value.cast(parameter.dtype))
        }
    }

    private static func list(_ names: [String]) -> String {
        names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
    }

    static func read(_ url: URL, what: String) throws(LanguageModelError) -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw LanguageModelError("\(url.path) is missing: the model directory needs \(what)")
        }
        do { return try Data(contentsOf: url) } catch {
            throw LanguageModelError("\(url.path): cannot read (\(error.localizedDescription))")
        }
    }

    static func decode<T: Decodable>(_ data: Data, _ url: URL) throws(LanguageModelError) -> T {
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw LanguageModelError("\(url.path): does not match the expected \(T.self) fields (\(error))")
        }
    }
}

extension GPT2Model {
    /// Conv1D weights stored `[in, out]` in Hugging Face GPT-2 checkpoints.
    private static let conv1DSuffixes = [".attn.c_attn.weight", ".attn.c_proj.weight", ".mlp.c_fc.weight", ".mlp.c_proj.weight"]

    /// A GPT-2 model with the weights of a Hugging Face checkpoint (names with or without the `transformer.`
    /// prefix; `Conv1D` weights transposed; the tied `lm_head.weight` and attention-mask buffers ignored).
    /// - Throws: ``LanguageModelError`` for an invalid config or missing/unexpected/mis-shaped tensors.
    public convenience init(configuration: GPT2Configuration, tensors: [String: Tensor]) throws(LanguageModelError) {
        var rng = Xoshiro256StarStar(seed: 0)
        try self.init(configuration: configuration, using: &rng)
        try PretrainedModel.assign(
            tensors, to: self, architecture: "GPT-2",
            rename: { name in
                if name == "lm_head.weight" || name.hasSuffix(".attn.bias") || name.hasSuffix(".attn.masked_bias") {
                    return nil
                }
                return name.hasPrefix("transformer.") ? name : "transformer." + name
            },
            transform: { path, tensor in
                Self.conv1DSuffixes.contains(where: path.hasSuffix) && tensor.rank == 2 ? tensor.transposed() : tensor
            })
    }
}

extension LlamaModel {
    /// A Qwen2/Llama model with the weights of a Hugging Face checkpoint (a tied model's `lm_head.weight`, if
    /// present, and rotary `inv_freq` buffers are ignored).
    /// - Throws: ``LanguageModelError`` for an invalid config or missing/unexpected/mis-shaped tensors.
    public convenience init(configuration: LlamaConfiguration, tensors: [String: Tensor]) throws(LanguageModelError) {
        var rng = Xoshiro256StarStar(seed: 0)
        try self.init(configuration: configuration, using: &rng)
        let tied = configuration.tie_word_embeddings ?? false
        try PretrainedModel.assign(
            tensors, to: self, architecture: configuration.model_type,
            rename: { name in
                if name.hasSuffix("rotary_emb.inv_freq") || (tied && name == "lm_head.weight") { return nil }
                return name
            })
    }
}
