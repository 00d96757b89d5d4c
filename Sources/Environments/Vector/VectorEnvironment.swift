import Dispatch

/// Gymnasium 1.x vector environment over `count` copies of a typed environment, serial or multi-threaded.
///
/// - Next-step autoreset (default, ``AutoresetMode/nextStep``): after a sub-environment's episode ends, its next
///   step resets it and reports the reset observation with reward 0 and both flags false; the action is ignored.
/// - Same-step autoreset: the sub-environment is reset in the step that ended the episode; the returned row is the
///   reset observation and ``finalObservations`` / ``hasFinalObservation`` hold the last observation
///   (Gymnasium's `info["final_obs"]`, `info["_final_obs"]`).
/// - Disabled: stepping a finished sub-environment throws; call ``reset(indices:)``.
///
/// The inner loop is specialised for `Env`, writes observations straight into one float buffer and does not
/// allocate (unless ``collectInfo`` is set).
public struct VectorEnvironment<Env: Environment> where Env.Observation: FlatConvertible {
    /// The sub-environments.
    public internal(set) var environments: [Env]
    /// How finished sub-environments are reset.
    public let autoresetMode: AutoresetMode
    /// Serial or threaded stepping.
    public let parallelism: VectorParallelism
    /// Whether to keep each sub-environment's info dictionary in ``infos`` (costs allocations).
    public var collectInfo = false

    public let observationSize: Int
    public internal(set) var observations: [Float]
    public internal(set) var rewards: [Double]
    public internal(set) var terminations: [Bool]
    public internal(set) var truncations: [Bool]
    public internal(set) var finishedEpisodes: [FinishedEpisode] = []
    /// Same-step mode: last observations of episodes that ended in the last step (rows valid where
    /// ``hasFinalObservation`` is true).
    public internal(set) var finalObservations: [Float]
    /// Same-step mode: which rows of ``finalObservations`` are valid.
    public internal(set) var hasFinalObservation: [Bool]
    /// Per-sub-environment info of the last reset/step when ``collectInfo`` is set.
    public internal(set) var infos: [Info]

    var needsReset: [Bool]
    var episodeReturns: [Double]
    var episodeLengths: [Int]
    var finishedFlags: [Bool]
    var schedule = AdaptiveSchedule()
    var finishedReturns: [Double]
    var finishedLengths: [Int]

    /// Creates `count` sub-environments with `make(i)`.
    /// - Parameters:
    ///   - count: The number of sub-environments (`num_envs`).
    ///   - autoresetMode: Gymnasium's autoreset mode; next-step by default.
    ///   - parallelism: Serial (default) or threaded.
    ///   - make: Builds sub-environment `i`.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for a non-positive count or an observation space without
    ///   a fixed flat size; errors thrown by `make`.
    public init(
        count: Int, autoresetMode: AutoresetMode = .nextStep, parallelism: VectorParallelism = .serial,
        make: (Int) throws(EnvironmentError) -> Env
    ) throws(EnvironmentError) {
        guard count > 0 else { throw .invalidOption("VectorEnvironment: count must be positive, got \(count)") }
        var environments: [Env] = []
        environments.reserveCapacity(count)
        for index in 0..<count { environments.append(try make(index)) }
        guard let size = environments[0].observationSpace.flatObservationSize else {
            throw .invalidOption(
                "VectorEnvironment: observation space \(environments[0].observationSpace) has no fixed float size")
        }
        self.environments = environments
        self.autoresetMode = autoresetMode
        self.parallelism = parallelism
        observationSize = size
        observations = Array(repeating: 0, count: count * size)
        finalObservations = Array(repeating: 0, count: count * size)
        hasFinalObservation = Array(repeating: false, count: count)
        rewards = Array(repeating: 0, count: count)
        terminations = Array(repeating: false, count: count)
        truncations = Array(repeating: false, count: count)
        needsReset = Array(repeating: false, count: count)
        episodeReturns = Array(repeating: 0, count: count)
        episodeLengths = Array(repeating: 0, count: count)
        infos = Array(repeating: [:], count: count)
        finishedFlags = Array(repeating: false, count: count)
        finishedReturns = Array(repeating: 0, count: count)
        finishedLengths = Array(repeating: 0, count: count)
    }

    /// Creates `count` sub-environments with a `make` closure that may throw any error (errors other than
    /// ``EnvironmentError`` are reported as ``EnvironmentError/invalidOption(_:)``).
    /// - Throws: ``EnvironmentError`` as the typed initialiser does.
    @_disfavoredOverload
    public init(
        count: Int, autoresetMode: AutoresetMode = .nextStep, parallelism: VectorParallelism = .serial,
        make: (Int) throws -> Env
    ) throws(EnvironmentError) {
        try self.init(count: count, autoresetMode: autoresetMode, parallelism: parallelism) {
            (index) throws(EnvironmentError) -> Env in
            do {
                return try make(index)
            } catch let error as EnvironmentError {
                throw error
            } catch {
                throw .invalidOption("VectorEnvironment: building sub-environment \(index) failed: \(error)")
            }
        }
    }

    public var count: Int { environments.count }
    public var singleObservationSpace: Space { environments[0].observationSpace }
    public var singleActionSpace: Space { environments[0].actionSpace }
    public var actionSize: Int { singleActionSpace.flatActionSize ?? 1 }
    public var metadata: EnvironmentMetadata {
        var metadata = environments[0].metadata
        metadata.autoresetMode = autoresetMode
        return metadata
    }

    public func withObservations<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try observations.withUnsafeBufferPointer(body)
    }

    public mutating func reset(seed: UInt64?) throws(EnvironmentError) {
        try reset(seeds: (0..<count).map { index in seed.map { $0 &+ UInt64(index) } })
    }

    /// Resets with one seed (or nil) per sub-environment.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when `seeds.count != count`; sub-environment errors.
    public mutating func reset(seeds: [UInt64?], options: ResetOptions = [:]) throws(EnvironmentError) {
        guard seeds.count == count else {
            throw .invalidOption("reset: got \(seeds.count) seeds for \(count) sub-environments")
        }
        finishedEpisodes.removeAll(keepingCapacity: true)
        for index in 0..<count { try resetOne(index, seed: seeds[index], options: options) }
    }

    /// Resets only the listed sub-environments (Gymnasium's `options["reset_mask"]`).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for an index out of range; sub-environment errors.
    public mutating func reset(indices: [Int], seed: UInt64? = nil) throws(EnvironmentError) {
        for index in indices {
            guard index >= 0, index < count else {
                throw .invalidOption("reset(indices:): index \(index) is outside 0..<\(count)")
            }
            try resetOne(index, seed: seed.map { $0 &+ UInt64(index) }, options: [:])
        }
    }

    private mutating func resetOne(_ index: Int, seed: UInt64?, options: ResetOptions) throws(EnvironmentError) {
        let result = try environments[index].reset(seed: seed, options: options)
        observations.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { result.observation.writeFlat(to: base + index * observationSize) }
        }
        rewards[index] = 0
        terminations[index] = false
        truncations[index] = false
        needsReset[index] = false
        hasFinalObservation[index] = false
        episodeReturns[index] = 0
        episodeLengths[index] = 0
        if collectInfo { infos[index] = result.info }
    }

    /// Steps every sub-environment with its typed action.
    /// - Throws: ``EnvironmentError/invalidAction(_:)`` when `actions.count != count`; sub-environment errors
    ///   (the first one, after all chunks finish).
    public mutating func step(_ actions: [Env.Action]) throws(EnvironmentError) {
        guard actions.count == count else {
            throw .invalidAction("step: got \(actions.count) actions for \(count) sub-environments")
        }
        try actions.withUnsafeBufferPointer { (buffer) throws(EnvironmentError) in
            guard let base = buffer.baseAddress else { return }
            try stepAll { index in base[index] }
        }
    }
}
