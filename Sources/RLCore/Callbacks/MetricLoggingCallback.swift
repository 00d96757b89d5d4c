import Tracking

/// Writes training events to a `MetricLogger` with CleanRL's tags: each finished episode as
/// `charts/episodic_return` / `charts/episodic_length`, each iteration's metrics as reported; flushes per iteration.
/// A NaN/Inf metric throws `NonFiniteValueError` naming it and the step.
public final class MetricLoggingCallback: TrainingCallback {
    private let logger: MetricLogger

    /// Logs to `logger` (e.g. `RunSession.logger`).
    public init(logger: MetricLogger) {
        self.logger = logger
    }

    public func handle(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision {
        switch event {
        case let .episodeFinished(step, episodeReturn, length):
            try logger.scalar(MetricTag.episodicReturn, episodeReturn, step: step)
            try logger.scalar(MetricTag.episodicLength, Double(length), step: step)
        case let .iterationFinished(step, metrics):
            for metric in metrics {
                guard metric.value.isFinite else {
                    throw NonFiniteValueError(quantity: metric.tag, step: step, value: metric.value)
                }
                try logger.scalar(metric.tag, metric.value, step: step)
            }
            try logger.flush()
        case .started, .finished:
            try logger.flush()
        }
        return .continue
    }
}
