import RLCore
import ScaleOut

extension RunReport {
    /// The summary of a finished training run.
    init(outcome: TrainingOutcome) {
        self.init(
            runDirectory: outcome.run.url.path, finalStep: outcome.finalStep, wallSeconds: outcome.wallSeconds,
            finalMean: outcome.evaluations.last?.result.mean,
            finalStd: outcome.evaluations.last?.result.standardDeviation, reachedStep: outcome.firstReached?.step,
            reachedSeconds: outcome.firstReached?.wallSeconds, evaluations: outcome.evaluations)
    }
}
