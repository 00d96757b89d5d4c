/// One named scalar an algorithm reports (tags from `MetricTag`, e.g. `losses/approx_kl`).
public struct Metric: Equatable, Sendable {
    /// The tag.
    public var tag: String
    /// The value.
    public var value: Double

    /// A metric.
    public init(_ tag: String, _ value: Double) {
        self.tag = tag
        self.value = value
    }
}

/// What happened during `learn`, handed to every ``TrainingCallback`` in order. Values, never the algorithm's locals.
public enum TrainingEvent: Equatable, Sendable {
    /// `learn` began at this step (0, or the checkpoint's step when resuming).
    case started(step: Int)
    /// A training episode ended; `step` is the global step after it.
    case episodeFinished(step: Int, episodeReturn: Double, length: Int)
    /// An update (PPO iteration, DQN log interval, …) finished; `metrics` use CleanRL's tags.
    case iterationFinished(step: Int, metrics: [Metric])
    /// `learn` is returning (budget reached or a callback stopped it).
    case finished(step: Int)

    /// The global step of the event.
    public var step: Int {
        switch self {
        case let .started(step), let .episodeFinished(step, _, _), let .iterationFinished(step, _),
            let .finished(step):
            return step
        }
    }
}

/// A callback's answer: keep training or stop after this event.
public enum CallbackDecision: Equatable, Sendable {
    /// Keep training.
    case `continue`
    /// Stop `learn` (after every callback has seen the event).
    case stop
}

/// Receives ``TrainingEvent`` values during `learn` (SB3 callbacks without access to locals).
public protocol TrainingCallback: AnyObject {
    /// Handles one event.
    /// - Parameters:
    ///   - event: what happened.
    ///   - algorithm: the algorithm being trained (to evaluate, predict or checkpoint).
    /// - Returns: ``CallbackDecision/stop`` to end training.
    /// - Throws: any error, which ends `learn` with that error.
    func handle(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision
}

extension Array where Element == any TrainingCallback {
    /// Sends `event` to every callback in order; `.stop` if any asked to stop.
    /// - Throws: the first error a callback threw (later callbacks are not called).
    public func dispatch(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision {
        var decision = CallbackDecision.continue
        for callback in self where try callback.handle(event, algorithm: algorithm) == .stop { decision = .stop }
        return decision
    }
}

/// A callback from a closure (tests, quick hooks).
public final class ClosureCallback: TrainingCallback {
    private let body: (TrainingEvent, any Algorithm) throws -> CallbackDecision

    /// Calls `body` for every event.
    public init(_ body: @escaping (TrainingEvent, any Algorithm) throws -> CallbackDecision) {
        self.body = body
    }

    public func handle(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision {
        try body(event, algorithm)
    }
}

/// Collects every event (tests: "same seed twice ⇒ identical metrics").
public final class EventRecorder: TrainingCallback {
    /// The events seen so far.
    public private(set) var events: [TrainingEvent] = []

    /// An empty recorder.
    public init() {}

    public func handle(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision {
        events.append(event)
        return .continue
    }
}
