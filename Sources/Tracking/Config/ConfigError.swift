/// A config that cannot be loaded. Each message names the key, where it came from (a file position or a
/// `--set` argument), what was expected, and how to fix it.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// A key that the config type does not have; `suggestion` is the closest known key, if any is close.
    case unknownKey(key: String, origin: String, suggestion: String?)
    /// A value that cannot be read as the field's type.
    case typeMismatch(key: String, expected: String, found: String, origin: String)
    /// A value of the right type that the config type rejected (e.g. an unknown enum case).
    case invalidValue(key: String, found: String, reason: String, origin: String)
    /// A field the config type requires but neither the defaults nor the inputs provide.
    case missingKey(key: String)
    /// A `--set` argument not of the form `key=value`.
    case malformedOverride(String)
    /// A YAML file or text that does not parse, or whose top level is not a mapping.
    case invalidYAML(origin: String, reason: String)
    /// A config file that cannot be read.
    case unreadableFile(path: String, reason: String)
    /// The config could not be encoded (to build defaults, or to write `config.yaml`).
    case encodingFailed(reason: String)

    public var description: String {
        switch self {
        case let .unknownKey(key, origin, suggestion):
            return "\(origin): unknown config key `\(key)`." + (suggestion.map { " Did you mean `\($0)`?" } ?? "")
                + " See the run's config.yaml or `--help` for valid keys."
        case let .typeMismatch(key, expected, found, origin):
            return "\(origin): `\(key)` must be \(expected), but got \(found)."
        case let .invalidValue(key, found, reason, origin):
            return "\(origin): invalid value \(found) for `\(key)`: \(reason)"
        case let .missingKey(key):
            return "config: required key `\(key)` is missing; add it to the YAML file or pass --set \(key)=<value>."
        case let .malformedOverride(text):
            return "--set \(text): expected key=value with a dotted key, e.g. --set ppo.clipRange=0.1"
        case let .invalidYAML(origin, reason):
            return "\(origin): invalid YAML config: \(reason)"
        case let .unreadableFile(path, reason):
            return "\(path): cannot read config file: \(reason)"
        case let .encodingFailed(reason):
            return "config: cannot encode config: \(reason)"
        }
    }
}
