import Tensor
import Yams

/// An untyped config tree (mappings, sequences, scalars kept as text), with the origin of each node for error
/// messages. Scalars are only interpreted when decoded into the config type, so `16`, `1e6`, `0.1`, `true`
/// become whatever the field asks for.
struct ConfigNode {
    /// One key of a mapping.
    struct Entry {
        var key: String
        var value: ConfigNode
    }

    indirect enum Kind {
        case null
        /// `plain` is false for quoted YAML scalars, which are never read as null.
        case scalar(String, plain: Bool)
        case sequence([ConfigNode])
        case mapping([Entry])
    }

    var kind: Kind
    /// Where the node came from: `defaults`, `file.yaml:3:7`, or `--set a.b=1`.
    var origin: String
    /// Whether the node comes from the encoded defaults rather than a file or override.
    var isDefault = false

    /// Whether this node or any node below it was given by a file or an override.
    var containsUserValue: Bool {
        if !isDefault { return true }
        switch kind {
        case .sequence(let items): return items.contains { $0.containsUserValue }
        case .mapping(let entries): return entries.contains { $0.value.containsUserValue }
        default: return false
        }
    }

    /// An empty mapping.
    static func emptyMapping(origin: String) -> ConfigNode { ConfigNode(kind: .mapping([]), origin: origin) }

    /// A short human description of the value, for error messages.
    var summary: String {
        switch kind {
        case .null: return "null"
        case let .scalar(text, _): return "`\(text)`"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// Recursively merges `other` into `self`: mappings merge key by key, anything else is replaced.
    mutating func merge(_ other: ConfigNode) {
        guard case .mapping(var entries) = kind, case .mapping(let incoming) = other.kind else {
            self = other
            return
        }
        for entry in incoming {
            if let index = entries.firstIndex(where: { $0.key == entry.key }) {
                entries[index].value.merge(entry.value)
            } else {
                entries.append(entry)
            }
        }
        kind = .mapping(entries)
    }

    /// Sets the node at a dotted `path` (numeric components index into lists), creating mappings as needed.
    mutating func set(path: ArraySlice<String>, to value: ConfigNode) {
        guard let head = path.first else {
            self = value
            return
        }
        switch kind {
        case .mapping(var entries):
            if let index = entries.firstIndex(where: { $0.key == head }) {
                entries[index].value.set(path: path.dropFirst(), to: value)
            } else {
                var child = ConfigNode.emptyMapping(origin: value.origin)
                child.set(path: path.dropFirst(), to: value)
                entries.append(Entry(key: head, value: child))
            }
            kind = .mapping(entries)
        case .sequence(var items) where Int(head).map { items.indices.contains($0) } == true:
            let index = Int(head) ?? 0
            items[index].set(path: path.dropFirst(), to: value)
            kind = .sequence(items)
        default:
            self = ConfigNode.emptyMapping(origin: value.origin)
            set(path: path, to: value)
        }
    }

    /// Parses YAML text; an empty document is an empty mapping.
    /// - Throws: `ConfigError.invalidYAML` if the text does not parse.
    static func parse(yaml text: String, source: String) throws(ConfigError) -> ConfigNode {
        let node: Node?
        do {
            try CheckedDecoding.checkBracketDepth(text, file: source)
            node = try Yams.compose(yaml: text)
        } catch {
            throw .invalidYAML(origin: source, reason: "\(error)")
        }
        guard let node else { return .emptyMapping(origin: source) }
        return try ConfigNode(yaml: node, source: source)
    }

    /// All `(dotted path, scalar text)` leaves in order; lists are written inline as `[a, b]`.
    func flattened(prefix: String = "") -> [(name: String, value: String)] {
        switch kind {
        case .mapping(let entries):
            return entries.flatMap { $0.value.flattened(prefix: prefix.isEmpty ? $0.key : "\(prefix).\($0.key)") }
        default:
            return [(prefix, inlineText)]
        }
    }

    private var inlineText: String {
        switch kind {
        case .null: return "null"
        case let .scalar(text, _): return text
        case let .sequence(items): return "[" + items.map(\.inlineText).joined(separator: ", ") + "]"
        case let .mapping(entries):
            return "{" + entries.map { "\($0.key): \($0.value.inlineText)" }.joined(separator: ", ") + "}"
        }
    }
}

extension ConfigNode {
    /// Converts a composed Yams node.
    /// - Throws: `ConfigError.invalidYAML` for aliases or non-scalar mapping keys.
    init(yaml node: Node, source: String, depth: Int = 0) throws(ConfigError) {
        let origin = node.mark.map { "\(source):\($0.line):\($0.column)" } ?? source
        guard depth <= CheckedDecoding.maximumNestingDepth else {
            throw .invalidYAML(
                origin: origin, reason: "nested deeper than \(CheckedDecoding.maximumNestingDepth) levels")
        }
        switch node {
        case .scalar(let scalar):
            let plain = scalar.style == .plain || scalar.style == .any
            let isNull = plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            self.init(kind: isNull ? .null : .scalar(scalar.string, plain: plain), origin: origin)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence { items.append(try ConfigNode(yaml: item, source: source, depth: depth + 1)) }
            self.init(kind: .sequence(items), origin: origin)
        case .mapping(let mapping):
            var entries: [Entry] = []
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw .invalidYAML(origin: origin, reason: "mapping keys must be plain strings")
                }
                let child = try ConfigNode(yaml: value, source: source, depth: depth + 1)
                entries.append(Entry(key: name, value: child))
            }
            self.init(kind: .mapping(entries), origin: origin)
        case .alias:
            throw .invalidYAML(
                origin: origin, reason: "YAML aliases (*name) are not supported in configs; write the value out")
        }
    }

    /// The node at a dotted path (numeric components index lists), if any.
    func node(at path: [String]) -> ConfigNode? {
        guard let head = path.first else { return self }
        switch kind {
        case .mapping(let entries): return entries.first { $0.key == head }?.value.node(at: Array(path.dropFirst()))
        case .sequence(let items):
            guard let index = Int(head), items.indices.contains(index) else { return nil }
            return items[index].node(at: Array(path.dropFirst()))
        default: return nil
        }
    }

    /// Sets `origin` (if given) and `isDefault` on this node and all its children (used for `--set` values, whose
    /// YAML positions are noise, and to mark the encoded defaults).
    mutating func relabel(origin: String? = nil, isDefault: Bool = false) {
        if let origin { self.origin = origin }
        self.isDefault = isDefault
        switch kind {
        case .sequence(var items):
            for index in items.indices { items[index].relabel(origin: origin, isDefault: isDefault) }
            kind = .sequence(items)
        case .mapping(var entries):
            for index in entries.indices { entries[index].value.relabel(origin: origin, isDefault: isDefault) }
            kind = .mapping(entries)
        default: break
        }
    }
}
