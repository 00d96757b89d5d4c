/// A registered environment: its id, defaults applied by ``EnvironmentRegistry/make(_:options:)`` and
/// factories for a single (type-erased) environment and a fast vector environment.
///
/// Like Gymnasium's `EnvSpec`: `make` wraps the environment in ``PassiveEnvChecker`` (unless
/// `disableEnvChecker`), ``OrderEnforcing`` (if `orderEnforce`) and ``TimeLimit`` (if `maxEpisodeSteps`).
public struct EnvironmentSpec: Sendable {
    /// The id, `(namespace/)Name-vN`.
    public let id: String
    /// One-line description for `swiftrl env list`.
    public let summary: String
    /// The time limit added by `make`, if any.
    public let maxEpisodeSteps: Int?
    /// The return at which the task counts as solved.
    public let rewardThreshold: Double?
    /// Whether `make` adds ``OrderEnforcing``.
    public let orderEnforce: Bool
    /// Whether `make` skips ``PassiveEnvChecker``.
    public let disableEnvChecker: Bool
    /// Options accepted by the factory, with their defaults, for documentation (`swiftrl env list --verbose`).
    public let optionDefaults: [String: String]
    /// Why this build cannot make the environment and how to fix it (e.g. a package trait to enable), or nil.
    /// Such ids stay listed (`swiftrl env list` prints the reason); `make` throws the reason.
    public let unavailableReason: String?

    let makeSingle: @Sendable (EnvironmentOptions, Int?) throws(EnvironmentError) -> AnyEnvironment
    let makeVector:
        @Sendable (EnvironmentOptions, Int?, Int, AutoresetMode, VectorParallelism)
            throws(EnvironmentError) -> any FlatVectorEnvironment

    /// Registers an environment built by `make`, whose observations and actions have a flat float form.
    /// - Parameters:
    ///   - id: The id, e.g. `"CartPole-v1"`.
    ///   - summary: One line for listings.
    ///   - maxEpisodeSteps: Time limit added by `make`.
    ///   - rewardThreshold: Solved threshold.
    ///   - orderEnforce: Add ``OrderEnforcing`` (default true).
    ///   - disableEnvChecker: Skip ``PassiveEnvChecker`` (default false).
    ///   - optionDefaults: Documented options and defaults.
    ///   - unavailableReason: Non-nil when this build cannot make the environment (the message says how to fix it).
    ///   - make: Builds the unwrapped environment from options.
    public init<Env: Environment & Sendable>(
        id: String, summary: String, maxEpisodeSteps: Int? = nil, rewardThreshold: Double? = nil,
        orderEnforce: Bool = true, disableEnvChecker: Bool = false, optionDefaults: [String: String] = [:],
        unavailableReason: String? = nil,
        make: @escaping @Sendable (EnvironmentOptions) throws(EnvironmentError) -> Env
    ) where Env.Observation: FlatConvertible, Env.Action: FlatConvertible {
        self.id = id
        self.summary = summary
        self.maxEpisodeSteps = maxEpisodeSteps
        self.rewardThreshold = rewardThreshold
        self.orderEnforce = orderEnforce
        self.disableEnvChecker = disableEnvChecker
        self.optionDefaults = optionDefaults
        self.unavailableReason = unavailableReason
        let defaultLimit = maxEpisodeSteps
        let checker = !disableEnvChecker, order = orderEnforce
        makeSingle = { (options, limitOverride) throws(EnvironmentError) in
            var environment = AnyEnvironment(try make(options))
            if let limit = limitOverride ?? defaultLimit {
                environment = AnyEnvironment(try TimeLimit(environment, maxEpisodeSteps: limit))
            }
            if order { environment = AnyEnvironment(OrderEnforcing(environment)) }
            if checker { environment = AnyEnvironment(PassiveEnvChecker(environment)) }
            return environment
        }
        makeVector = { (options, limitOverride, count, mode, parallelism) throws(EnvironmentError) in
            if let limit = limitOverride ?? defaultLimit {
                return try VectorEnvironment(count: count, autoresetMode: mode, parallelism: parallelism) {
                    (_) throws(EnvironmentError) in try TimeLimit(try make(options), maxEpisodeSteps: limit)
                }
            }
            return try VectorEnvironment(count: count, autoresetMode: mode, parallelism: parallelism) {
                (_) throws(EnvironmentError) in try make(options)
            }
        }
    }

    /// The spec in the shape of Gymnasium's `EnvSpec.to_json()` (the `env_spec` field of Minari datasets):
    /// `id`, `entry_point` (`"swiftrl:<id>"`), `reward_threshold`, `nondeterministic`, `max_episode_steps`,
    /// `order_enforce`, `disable_env_checker`, `kwargs` (the given options, or the documented defaults),
    /// `additional_wrappers`, `vector_entry_point`.
    public func json(options: EnvironmentOptions? = nil) -> JSONValue {
        let kwargs = options?.values ?? optionDefaults
        return .object([
            ("id", .string(id)),
            ("entry_point", .string("swiftrl:\(id)")),
            ("reward_threshold", rewardThreshold.map { .number($0) } ?? .null),
            ("nondeterministic", .bool(false)),
            ("max_episode_steps", maxEpisodeSteps.map { .number(Double($0)) } ?? .null),
            ("order_enforce", .bool(orderEnforce)),
            ("disable_env_checker", .bool(disableEnvChecker)),
            ("kwargs", .object(kwargs.keys.sorted().map { ($0, .string(kwargs[$0] ?? "")) })),
            ("additional_wrappers", .array([])),
            ("vector_entry_point", .null),
        ])
    }

    /// ``json(options:)`` with the documented defaults.
    public var json: JSONValue { json(options: nil) }
}

/// Construction options (Gymnasium's `kwargs`), as strings parsed by each environment, e.g.
/// `["map_name": "8x8", "is_slippery": "false"]`.
public struct EnvironmentOptions: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The raw key/value pairs.
    public var values: [String: String]

    /// Creates options from pairs.
    public init(_ values: [String: String] = [:]) { self.values = values }

    public init(dictionaryLiteral elements: (String, String)...) {
        values = Dictionary(elements, uniquingKeysWith: { $1 })
    }

    /// A boolean option (`true/false/1/0/yes/no`).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the text is not a boolean.
    public func bool(_ key: String, default value: Bool) throws(EnvironmentError) -> Bool {
        guard let text = values[key] else { return value }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw .invalidOption("option \(key)=\(text): expected true or false")
        }
    }

    /// A real-valued option.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the text is not a number.
    public func double(_ key: String, default value: Double) throws(EnvironmentError) -> Double {
        guard let text = values[key] else { return value }
        guard let number = Double(text) else { throw .invalidOption("option \(key)=\(text): expected a number") }
        return number
    }

    /// An integer option.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the text is not an integer.
    public func int(_ key: String, default value: Int) throws(EnvironmentError) -> Int {
        guard let text = values[key] else { return value }
        guard let number = Int(text) else { throw .invalidOption("option \(key)=\(text): expected an integer") }
        return number
    }

    /// A string option.
    public func string(_ key: String, default value: String) -> String { values[key] ?? value }

    /// Throws if a key is not among `known` (catches typos such as `is_slipery`).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` naming the closest known key.
    public func validate(known: [String], id: String) throws(EnvironmentError) {
        for key in values.keys.sorted() where !known.contains(key) {
            let hint = closestMatch(to: key, in: known).map { " Did you mean `\($0)`?" } ?? ""
            throw .invalidOption(
                "\(id) has no option `\(key)`; known options: \(known.sorted().joined(separator: ", ")).\(hint)")
        }
    }
}
