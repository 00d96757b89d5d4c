import Foundation
import RLCore
import Tensor

/// The machine-readable result of one training run (`swiftrl train --summary-json` / `--result-line`), what
/// `benchmark` and `sweep` aggregate.
public struct RunReport: Codable, Sendable, Equatable {
    /// The run directory (as the job saw it).
    public var runDirectory: String
    /// Environment steps trained.
    public var finalStep: Int
    /// Wall seconds of the run.
    public var wallSeconds: Double
    /// Mean return of the last evaluation.
    public var finalMean: Double?
    /// Standard deviation of the last evaluation's returns.
    public var finalStd: Double?
    /// Step of the first evaluation that reached `evaluation.stopAtReturn`.
    public var reachedStep: Int?
    /// Wall seconds at that evaluation.
    public var reachedSeconds: Double?
    /// Every evaluation (the learning curve).
    public var evaluations: [EvaluationRecord]

    /// A report.
    public init(
        runDirectory: String, finalStep: Int, wallSeconds: Double, finalMean: Double?, finalStd: Double?,
        reachedStep: Int?, reachedSeconds: Double?, evaluations: [EvaluationRecord]
    ) {
        self.runDirectory = runDirectory
        self.finalStep = finalStep
        self.wallSeconds = wallSeconds
        self.finalMean = finalMean
        self.finalStd = finalStd
        self.reachedStep = reachedStep
        self.reachedSeconds = reachedSeconds
        self.evaluations = evaluations
    }

    /// Pretty JSON, written atomically.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: url)
    }

    /// The report as a ``ResultLine`` (single-line JSON).
    public func resultLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return ResultLine.format(try encoder.encode(self))
    }
}
