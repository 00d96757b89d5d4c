/// A reinforcement-learning environment with Gymnasium 1.x semantics.
///
/// - `reset(seed:options:)` starts an episode. A non-nil `seed` re-seeds the environment's own generator
///   (NumPy-compatible, like `env.np_random`); a nil seed continues the current stream, so only the first
///   reset of a run needs a seed.
/// - `step(_:)` advances one step. `terminated` means the MDP reached a terminal state (do not bootstrap);
///   `truncated` means an external cut such as a time limit (bootstrap from the next observation).
/// - Calling `step(_:)` before the first `reset` throws ``EnvironmentError/resetNeeded(_:)``.
///
/// Observations and actions are typed (`SIMD4<Float>` for CartPole, `Int` for discrete actions, …), so generic
/// code such as ``VectorEnvironment`` is specialised per environment with no existential dispatch.
/// ``AnyEnvironment`` erases the types to ``SpaceValue`` for registries, command-line tools and the checker.
public protocol Environment {
    /// The observation type; its values lie in ``observationSpace``.
    associatedtype Observation
    /// The action type; valid values lie in ``actionSpace``.
    associatedtype Action

    /// The space every observation belongs to.
    var observationSpace: Space { get }
    /// The space of valid actions.
    var actionSpace: Space { get }
    /// Render modes, frame rate and similar static facts.
    var metadata: EnvironmentMetadata { get }

    /// Starts a new episode.
    /// - Parameters:
    ///   - seed: Re-seeds the environment's generator when non-nil; nil continues the stream.
    ///   - options: Environment-specific reset options (e.g. `low`/`high` for classic control).
    /// - Returns: The first observation and an info dictionary.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when an option is malformed.
    mutating func reset(seed: UInt64?, options: ResetOptions) throws(EnvironmentError) -> Reset<Observation>

    /// Advances the environment by one step.
    /// - Parameter action: An element of ``actionSpace``.
    /// - Returns: The next observation, reward, termination and truncation flags, and info.
    /// - Throws: ``EnvironmentError`` if the environment was not reset or the action is invalid.
    mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation>

    /// Renders the current state, or returns nil when the environment cannot render.
    func render() -> Frame?
}

extension Environment {
    /// Starts a new episode with no options. See ``reset(seed:options:)``.
    /// - Throws: ``EnvironmentError`` from the environment.
    public mutating func reset(seed: UInt64? = nil) throws(EnvironmentError) -> Reset<Observation> {
        try reset(seed: seed, options: [:])
    }

    /// Default: no rendering.
    public func render() -> Frame? { nil }

    /// Default metadata: no render modes.
    public var metadata: EnvironmentMetadata { EnvironmentMetadata() }
}

/// Options passed to `reset`, keyed like Gymnasium's `options` dictionary (e.g. `"low"`, `"high"`, `"x_init"`).
public typealias ResetOptions = [String: Double]

/// The result of `reset`: the first observation and an info dictionary.
public struct Reset<Observation> {
    /// The first observation of the episode.
    public var observation: Observation
    /// Extra information (Gymnasium's `info`).
    public var info: Info

    /// Creates a reset result.
    public init(observation: Observation, info: Info = [:]) {
        self.observation = observation
        self.info = info
    }
}

/// The result of `step`: Gymnasium's `(obs, reward, terminated, truncated, info)`.
public struct Step<Observation> {
    /// The observation after the step.
    public var observation: Observation
    /// The reward for the transition.
    public var reward: Double
    /// The MDP reached a terminal state; do not bootstrap.
    public var terminated: Bool
    /// The episode was cut externally (e.g. time limit); bootstrap from `observation`.
    public var truncated: Bool
    /// Extra information (Gymnasium's `info`).
    public var info: Info

    /// Creates a step result.
    public init(observation: Observation, reward: Double, terminated: Bool, truncated: Bool, info: Info = [:]) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
        self.info = info
    }

    /// `terminated || truncated`.
    public var isDone: Bool { terminated || truncated }

    /// The same step with its observation transformed.
    public func mapObservation<T>(_ transform: (Observation) throws(EnvironmentError) -> T) throws(EnvironmentError)
        -> Step<T>
    {
        Step<T>(
            observation: try transform(observation), reward: reward, terminated: terminated,
            truncated: truncated, info: info)
    }
}

extension Reset {
    /// The same reset result with its observation transformed.
    public func mapObservation<T>(_ transform: (Observation) throws(EnvironmentError) -> T) throws(EnvironmentError)
        -> Reset<T>
    {
        Reset<T>(observation: try transform(observation), info: info)
    }
}

extension Reset: Sendable where Observation: Sendable {}
extension Step: Sendable where Observation: Sendable {}
