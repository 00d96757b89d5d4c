import Foundation
import Tensor

extension RunDirectory {
    /// What ``prepareForResume(fromStep:)`` changed.
    public struct ResumeRepair: Equatable, Sendable {
        /// CSV rows dropped (logged after the checkpoint, or torn).
        public var csvRowsRemoved = 0
        /// JSONL lines dropped.
        public var jsonlLinesRemoved = 0
        /// TensorBoard records dropped across all event files.
        public var eventsRemoved = 0
    }

    /// Makes the metric files consistent with a resume from the checkpoint at `step`: cuts torn tails left by a
    /// killed process and drops everything logged after `step`, so the resumed run's files equal an uninterrupted
    /// run's. Call before opening sinks for the resumed run.
    /// - Throws: `FileIOError` if a file cannot be read or rewritten.
    @discardableResult
    public func prepareForResume(fromStep step: Int) throws(FileIOError) -> ResumeRepair {
        var repair = ResumeRepair()
        repair.csvRowsRemoved = try RecordRecovery.rewindCSV(at: metricsCSV, toStep: step)
        repair.jsonlLinesRemoved = try RecordRecovery.rewindJSONL(at: metricsJSONL, toStep: step)
        for file in try eventFiles() {
            repair.eventsRemoved += try RecordRecovery.rewindEvents(at: file, toStep: step)
        }
        return repair
    }

    /// The standard file sinks of a run: `metrics.csv` with `columns` declared up front, a new TensorBoard event
    /// file, and optionally `metrics.jsonl`. Add a ``ConsoleSink`` for terminal output.
    /// - Throws: `FileIOError` if a file cannot be opened.
    public func openSinks(
        columns: [String], jsonl: Bool = false, clock: WallClock = .system
    ) throws(FileIOError) -> [any MetricSink] {
        var sinks: [any MetricSink] = [
            try CSVSink(url: metricsCSV, columns: columns),
            try TensorBoardSink(directory: url, clock: clock),
        ]
        if jsonl { sinks.append(try JSONLSink(url: metricsJSONL, clock: clock)) }
        return sinks
    }
}
