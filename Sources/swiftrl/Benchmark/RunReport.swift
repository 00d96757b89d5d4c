import Foundation
import RLCore
import Tensor

/// The machine-readable result of one training run (`train --summary-json`), collected by `swiftrl benchmark`.
struct RunReport: Codable {
    var runDirectory: String
    var finalStep: Int
    var wallSeconds: Double
    var finalMean: Double?
    var finalStd: Double?
    /// Step and wall seconds of the first evaluation that reached `evaluation.stopAtReturn`.
    var reachedStep: Int?
    var reachedSeconds: Double?
    var evaluations: [EvaluationRecord]

    init(outcome: TrainingOutcome) {
        runDirectory = outcome.run.url.path
        finalStep = outcome.finalStep
        wallSeconds = outcome.wallSeconds
        finalMean = outcome.evaluations.last?.result.mean
        finalStd = outcome.evaluations.last?.result.standardDeviation
        reachedStep = outcome.firstReached?.step
        reachedSeconds = outcome.firstReached?.wallSeconds
        evaluations = outcome.evaluations
    }

    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: url)
    }
}
