import Tracking

/// Saves a checkpoint every `every` environment steps (checked at iteration ends) and when training finishes;
/// with a `RunSession`, also when Ctrl-C / SIGTERM asked to stop (then it stops training cleanly).
public final class CheckpointCallback: TrainingCallback {
    private let every: Int
    private let save: (TrainingCheckpoint) throws -> Void
    private let stopRequested: () -> Bool
    private var nextStep: Int?
    private var lastSaved: Int?

    /// Checkpoints through `save`.
    /// - Parameters:
    ///   - every: steps between checkpoints (≤ 0: only at the end).
    ///   - stopRequested: polled at iteration ends; `true` saves and stops.
    ///   - save: writes the checkpoint.
    public init(every: Int, stopRequested: @escaping () -> Bool = { false }, save: @escaping (TrainingCheckpoint) throws -> Void) {
        self.every = every
        self.save = save
        self.stopRequested = stopRequested
    }

    /// Checkpoints into a run directory through `session` (which prunes old checkpoints).
    public convenience init(every: Int, session: RunSession) {
        self.init(every: every, stopRequested: { session.stopRequested }) { checkpoint in
            try checkpoint.save(in: session)
        }
    }

    public func handle(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision {
        switch event {
        case let .started(step):
            nextStep = every > 0 ? (step / every + 1) * every : nil
            lastSaved = step
        case let .iterationFinished(step, _):
            if stopRequested() {
                try saveOnce(algorithm, step: step)
                return .stop
            }
            if let next = nextStep, step >= next {
                try saveOnce(algorithm, step: step)
                nextStep = (step / every + 1) * every
            }
        case let .finished(step):
            try saveOnce(algorithm, step: step)
        case .episodeFinished:
            break
        }
        return .continue
    }

    private func saveOnce(_ algorithm: any Algorithm, step: Int) throws {
        guard lastSaved != step else { return }
        try save(try algorithm.checkpoint())
        lastSaved = step
    }
}
