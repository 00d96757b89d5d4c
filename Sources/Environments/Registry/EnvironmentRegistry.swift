/// A set of registered environments, like Gymnasium's `registry` (`gym.make`, `gym.make_vec`, `gym.spec`).
///
/// ``standard`` holds every built-in environment. It is an immutable value; make a copy and
/// ``register(_:)`` to add your own, or ``registerShared(_:)`` to add it to ``shared``, the process-wide registry
/// that training, evaluation and the CLI make environments from.
public struct EnvironmentRegistry: Sendable {
    /// Specs by id.
    public private(set) var specs: [String: EnvironmentSpec]

    /// Creates a registry holding `specs`.
    public init(_ specs: [EnvironmentSpec] = []) {
        self.specs = Dictionary(specs.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
    }

    /// Adds or replaces a spec.
    public mutating func register(_ spec: EnvironmentSpec) { specs[spec.id] = spec }

    /// All ids, sorted.
    public var ids: [String] { specs.keys.sorted() }

    /// The ids this build can make (those whose spec has no ``EnvironmentSpec/unavailableReason``), sorted.
    public var availableIds: [String] { ids.filter { specs[$0]?.unavailableReason == nil } }

    /// The spec for `id`.
    /// - Throws: ``EnvironmentError/unknownEnvironment(_:)`` with a "did you mean" suggestion.
    public func spec(_ id: String) throws(EnvironmentError) -> EnvironmentSpec {
        if let spec = specs[id] { return spec }
        if let windowed = try historySpec(id) { return windowed }
        var message = "no environment with id `\(id)`."
        let name = id.split(separator: "-").first.map(String.init) ?? id
        let sameName = ids.filter { $0.split(separator: "-").first.map(String.init) == name }
        if !sameName.isEmpty {
            message += " Available versions: \(sameName.joined(separator: ", "))."
        } else if let guess = closestMatch(to: id, in: ids) {
            message += " Did you mean `\(guess)`?"
        }
        message += " Run `swiftrl env list` to see all ids."
        throw .unknownEnvironment(message)
    }

    /// Builds an environment like `gymnasium.make`: the environment wrapped in ``TimeLimit``,
    /// ``OrderEnforcing`` and ``PassiveEnvChecker`` as its spec says.
    /// - Parameters:
    ///   - id: The environment id.
    ///   - options: Construction options (Gymnasium's kwargs).
    ///   - maxEpisodeSteps: Overrides the spec's time limit.
    /// - Throws: ``EnvironmentError/unknownEnvironment(_:)`` or option errors.
    public func make(_ id: String, options: EnvironmentOptions = [:], maxEpisodeSteps: Int? = nil)
        throws(EnvironmentError) -> AnyEnvironment
    {
        try spec(id).makeSingle(options, maxEpisodeSteps)
    }

    /// Builds a fast vector environment like `gymnasium.make_vec` (each sub-environment with the spec's
    /// ``TimeLimit``; no checker or order wrappers).
    /// - Parameters:
    ///   - id: The environment id.
    ///   - count: The number of sub-environments.
    ///   - options: Construction options.
    ///   - autoresetMode: Next-step by default.
    ///   - parallelism: ``VectorParallelism/budget`` by default (threads per ``ThreadBudget``; results do not depend
    ///     on it).
    ///   - maxEpisodeSteps: Overrides the spec's time limit.
    /// - Throws: ``EnvironmentError/unknownEnvironment(_:)`` or option errors.
    public func makeVector(
        _ id: String, count: Int, options: EnvironmentOptions = [:],
        autoresetMode: AutoresetMode = .nextStep, parallelism: VectorParallelism = .budget,
        maxEpisodeSteps: Int? = nil
    ) throws(EnvironmentError) -> any FlatVectorEnvironment {
        try spec(id).makeVector(options, maxEpisodeSteps, count, autoresetMode, parallelism)
    }
}
