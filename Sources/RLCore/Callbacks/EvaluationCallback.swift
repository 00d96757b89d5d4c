import Foundation
import Tracking

/// One periodic evaluation: when, how long after the start, and the result.
public struct EvaluationRecord: Codable, Equatable, Sendable {
    /// Global step at the evaluation.
    public var step: Int
    /// Wall seconds since training started (evaluation time included).
    public var wallSeconds: Double
    /// The episodes' returns.
    public var result: EvaluationResult
}

/// Evaluates every `every` steps on a separately seeded environment (``Evaluation``), logs
/// `eval/mean_return` and `eval/std_return`, keeps the history, and optionally stops training once the mean
/// return reaches a threshold (SB3 `EvalCallback` + `StopTrainingOnRewardThreshold`).
public final class EvaluationCallback: TrainingCallback {
    /// Tag of the mean evaluation return.
    public static let meanReturnTag = "eval/mean_return"
    /// Tag of the standard deviation of evaluation returns.
    public static let stdReturnTag = "eval/std_return"

    /// Every evaluation so far.
    public private(set) var history: [EvaluationRecord] = []
    /// The first evaluation whose mean reached ``stopAtReturn``.
    public var firstReached: EvaluationRecord? {
        stopAtReturn.flatMap { threshold in history.first { $0.result.mean >= threshold } }
    }
    /// Stop once the mean evaluation return is at least this.
    public let stopAtReturn: Double?

    private let every: Int
    private let episodes: Int
    private let seed: UInt64
    private let deterministic: Bool
    private let logger: MetricLogger?
    private let evaluateAtEnd: Bool
    private var nextStep = 0
    private var startTime = Date()
    private var lastStep: Int?

    /// - Parameters:
    ///   - every: steps between evaluations (checked at iteration ends).
    ///   - episodes: episodes per evaluation.
    ///   - seed: evaluation seed (keep it apart from the training seed).
    ///   - deterministic: evaluate the distribution's mode.
    ///   - stopAtReturn: stop training when the mean reaches it.
    ///   - evaluateAtEnd: also evaluate when training finishes.
    ///   - logger: where to log the results, if anywhere.
    public init(
        every: Int, episodes: Int = 10, seed: UInt64, deterministic: Bool = true, stopAtReturn: Double? = nil,
        evaluateAtEnd: Bool = true, logger: MetricLogger? = nil
    ) {
        self.every = max(every, 1)
        self.episodes = episodes
        self.seed = seed
        self.deterministic = deterministic
        self.stopAtReturn = stopAtReturn
        self.evaluateAtEnd = evaluateAtEnd
        self.logger = logger
    }

    public func handle(_ event: TrainingEvent, algorithm: any Algorithm) throws -> CallbackDecision {
        switch event {
        case let .started(step):
            startTime = Date()
            nextStep = (step / every + 1) * every
        case let .iterationFinished(step, _):
            guard step >= nextStep else { return .continue }
            nextStep = (step / every + 1) * every
            return try evaluate(algorithm, step: step)
        case let .finished(step):
            if evaluateAtEnd && lastStep != step { _ = try evaluate(algorithm, step: step) }
        case .episodeFinished:
            break
        }
        return .continue
    }

    private func evaluate(_ algorithm: any Algorithm, step: Int) throws -> CallbackDecision {
        let result = try Evaluation.run(algorithm, episodes: episodes, seed: seed, deterministic: deterministic)
        history.append(EvaluationRecord(step: step, wallSeconds: Date().timeIntervalSince(startTime), result: result))
        lastStep = step
        if let logger {
            try logger.scalar(Self.meanReturnTag, result.mean, step: step)
            try logger.scalar(Self.stdReturnTag, result.standardDeviation, step: step)
        }
        if let stopAtReturn, result.mean >= stopAtReturn { return .stop }
        return .continue
    }
}
