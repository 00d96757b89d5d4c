/// The CleanRL-style run directory name `<env>__<algo>__<seed>__<unixtime>`, e.g. `CartPole-v1__ppo__1__1764230000`.
///
/// A `/` in an environment id (`ALE/Pong-v5`) becomes `-` so the run stays one directory. When two runs start in
/// the same second with the same seed, the later one gets a suffix on the time part: `…__1764230000-1`.
public struct RunName: Hashable, Sendable, CustomStringConvertible {
    /// Environment id as it appears in the name (`/` replaced by `-`).
    public var environment: String
    /// Algorithm name, e.g. `ppo`.
    public var algorithm: String
    /// Run seed.
    public var seed: UInt64
    /// Start time, seconds since 1970.
    public var unixTime: Int
    /// Disambiguating counter for runs started in the same second (0 = none).
    public var collisionIndex: Int

    /// A run name; `/` in `environment` is replaced by `-`.
    public init(environment: String, algorithm: String, seed: UInt64, unixTime: Int, collisionIndex: Int = 0) {
        self.environment = environment.replacingSlashes()
        self.algorithm = algorithm
        self.seed = seed
        self.unixTime = unixTime
        self.collisionIndex = collisionIndex
    }

    /// Parses a directory name; `nil` if it does not follow `<env>__<algo>__<seed>__<unixtime>[-n]`.
    public init?(parsing name: String) {
        let parts = name.split(separator: "__", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4 else { return nil }
        let timeParts = parts[parts.count - 1].split(separator: "-", omittingEmptySubsequences: false)
        guard let seed = UInt64(parts[parts.count - 2]), let time = Int(timeParts[0]), timeParts.count <= 2 else {
            return nil
        }
        var index = 0
        if timeParts.count == 2 {
            guard let parsed = Int(timeParts[1]), parsed > 0 else { return nil }
            index = parsed
        }
        let environment = parts[0..<(parts.count - 3)].joined(separator: "__")
        let algorithm = parts[parts.count - 3]
        guard !environment.isEmpty, !algorithm.isEmpty else { return nil }
        self.init(environment: environment, algorithm: algorithm, seed: seed, unixTime: time, collisionIndex: index)
    }

    /// The directory name.
    public var description: String {
        "\(environment)__\(algorithm)__\(seed)__\(unixTime)" + (collisionIndex > 0 ? "-\(collisionIndex)" : "")
    }

    /// The `(environment, algorithm)` pair runs are grouped by when several seeds are compared.
    public var experiment: String { "\(environment)__\(algorithm)" }
}

extension String {
    fileprivate func replacingSlashes() -> String {
        String(map { $0 == "/" ? "-" : $0 })
    }
}
