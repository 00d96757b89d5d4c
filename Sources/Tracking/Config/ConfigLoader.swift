import Foundation
import Tensor
import Yams

/// Loads any `Codable` config struct from defaults, an optional YAML file and dotted `--set` overrides.
///
/// ```swift
/// let config = try ConfigLoader.load(defaults: PPOConfig(), file: URL(fileURLWithPath: "cartpole.yaml"),
///                                    overrides: ["ppo.clipRange=0.1", "env.numEnvs=16"])
/// try run.writeConfig(try ConfigLoader.yaml(config))
/// ```
///
/// Steps: the defaults are encoded to a tree; the YAML file is merged into it (mappings key by key, lists and
/// scalars replaced); each override sets one dotted path (numeric components index lists) to a value parsed as
/// YAML (`16`, `0.1`, `true`, `text`, `[64, 64]`); the tree is decoded back. Keys the config type never asks for
/// are ``ConfigError/unknownKey(key:origin:suggestion:)`` with a "did you mean" by edit distance; values that do
/// not fit the field are ``ConfigError/typeMismatch(key:expected:found:origin:)``. Integers accept `1e6`.
///
/// Enums with associated values (`case gae(gamma:lambda:)`, encoded as `{gae: {gamma: …, lambda: …}}`) switch
/// case when the file or an override names another case (`--set advantage.groupRelative.eps=1e-6`): the case
/// given by the user wins over the default's.
public enum ConfigLoader {
    /// Loads a config from `defaults`, the YAML file at `file` (if any) and `overrides`.
    /// - Throws: `ConfigError` naming the key, origin and expected type of the first problem.
    public static func load<C: Codable>(
        defaults: C, file: URL? = nil, overrides: [String] = []
    ) throws(ConfigError) -> C {
        var yaml: String?
        if let file {
            do {
                yaml = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw .unreadableFile(path: file.path, reason: "\(error.localizedDescription); check the path")
            }
        }
        return try load(
            defaults: defaults, yaml: yaml, source: file?.lastPathComponent ?? "config", overrides: overrides)
    }

    /// Loads a config from `defaults`, YAML text (if any; `source` names it in errors) and `overrides`.
    /// - Throws: `ConfigError` naming the key, origin and expected type of the first problem.
    public static func load<C: Codable>(
        defaults: C, yaml: String?, source: String = "config", overrides: [String] = []
    ) throws(ConfigError) -> C {
        let defaultTree = try tree(defaults)
        let log = ConfigKeyLog()
        _ = try? decode(C.self, from: defaultTree, log: log)  // learn the keys the type asks for
        var merged = defaultTree
        if let yaml {
            let fileTree = try ConfigNode.parse(yaml: yaml, source: source)
            guard case .mapping = fileTree.kind else {
                throw .invalidYAML(origin: source, reason: "the top level must be a mapping of keys to values")
            }
            merged.merge(fileTree)
        }
        for text in overrides {
            let (path, value) = try parseOverride(text)
            merged.set(path: path[...], to: value)
        }
        do throws(ConfigError) {
            let config = try decode(C.self, from: merged, log: log)
            if let unknown = firstUnknownKey(in: merged, path: "", known: log.known) { throw unknown }
            return config
        } catch {
            if let unknown = firstUnknownKey(in: merged, path: "", known: log.known) { throw unknown }
            throw error
        }
    }

    /// The config as YAML, suitable for `config.yaml` (loading it back with these defaults gives the same value).
    /// - Throws: `ConfigError.encodingFailed` if the value cannot be encoded.
    public static func yaml<C: Encodable>(_ config: C) throws(ConfigError) -> String {
        do {
            return try YAMLEncoder().encode(config)
        } catch {
            throw .encodingFailed(reason: "\(error)")
        }
    }

    /// The config flattened to `(dotted key, value)` pairs, e.g. for ``MetricLogger/hyperparameters(_:)``.
    /// - Throws: `ConfigError.encodingFailed` if the value cannot be encoded.
    public static func flattened<C: Encodable>(_ config: C) throws(ConfigError) -> [(name: String, value: String)] {
        try tree(config).flattened()
    }

    /// Splits `key=value` into a dotted path and a value parsed as YAML.
    /// - Throws: `ConfigError.malformedOverride` without `=`, with an empty key or empty path component.
    static func parseOverride(_ text: String) throws(ConfigError) -> (path: [String], value: ConfigNode) {
        guard let equals = text.firstIndex(of: "=") else { throw .malformedOverride(text) }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, !path.contains("") else { throw .malformedOverride(text) }
        let origin = "--set \(text)"
        let rawValue = String(text[text.index(after: equals)...])
        var value = try ConfigNode.parse(yaml: rawValue, source: origin)
        if rawValue.trimmingCharacters(in: .whitespaces).isEmpty {
            value = ConfigNode(kind: .scalar("", plain: false), origin: origin)
        }
        value.relabel(origin: origin)
        return (path, value)
    }

    static func tree<C: Encodable>(_ config: C) throws(ConfigError) -> ConfigNode {
        var node = try ConfigNode.parse(yaml: try yaml(config), source: "defaults")
        node.relabel(isDefault: true)
        return node
    }

    private static func decode<C: Decodable>(
        _ type: C.Type, from node: ConfigNode, log: ConfigKeyLog
    ) throws(ConfigError) -> C {
        do {
            return try C(from: ConfigNodeDecoder(node: node, codingPath: [], log: log))
        } catch let error as ConfigError {
            throw error
        } catch let error as DecodingError {
            throw converted(error, root: node)
        } catch {
            throw .invalidValue(key: "", found: "", reason: "\(error)", origin: node.origin)
        }
    }

    /// Turns a `DecodingError` thrown by a type's own `init(from:)` (e.g. an enum's unknown raw value) into a
    /// ``ConfigError`` pointing at the offending node.
    private static func converted(_ error: DecodingError, root: ConfigNode) -> ConfigError {
        let context: DecodingError.Context
        switch error {
        case let .dataCorrupted(c), let .typeMismatch(_, c), let .valueNotFound(_, c), let .keyNotFound(_, c):
            context = c
        @unknown default: return .invalidValue(key: "", found: "", reason: "\(error)", origin: root.origin)
        }
        let node = root.node(at: context.codingPath.map(\.stringValue)) ?? root
        return .invalidValue(
            key: dottedPath(context.codingPath), found: node.summary, reason: context.debugDescription,
            origin: node.origin)
    }

    private static func firstUnknownKey(in node: ConfigNode, path: String, known: Set<String>) -> ConfigError? {
        switch node.kind {
        case .mapping(let entries):
            for entry in entries {
                let full = path.isEmpty ? entry.key : "\(path).\(entry.key)"
                guard known.contains(full) else {
                    let suggestion = EditDistance.suggestion(for: full, among: known.sorted())
                    return .unknownKey(key: full, origin: entry.value.origin, suggestion: suggestion)
                }
                if let error = firstUnknownKey(in: entry.value, path: full, known: known) { return error }
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                if let error = firstUnknownKey(in: item, path: "\(path).\(index)", known: known) { return error }
            }
        default: break
        }
        return nil
    }
}
