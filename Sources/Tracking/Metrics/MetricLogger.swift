import Foundation
import Tensor

/// Fans every metric out to a list of sinks (console, CSV, JSONL, TensorBoard). This is what algorithms log to.
///
/// ```swift
/// let logger = MetricLogger(sinks: [ConsoleSink(), try CSVSink(url: run.metricsCSV, columns: MetricTag.ppo)])
/// try logger.scalar(MetricTag.stepsPerSecond, sps, step: globalStep)
/// try logger.flush()
/// ```
///
/// A failing sink does not stop the others: every sink is called, then the first error is thrown.
public final class MetricLogger {
    /// The sinks, in the order they are called.
    public private(set) var sinks: [any MetricSink]

    /// A logger writing to `sinks`.
    public init(sinks: [any MetricSink]) {
        self.sinks = sinks
    }

    /// Adds one more sink.
    public func add(_ sink: any MetricSink) {
        sinks.append(sink)
    }

    /// Logs one scalar to every sink.
    /// - Throws: the first `FileIOError` any sink raised.
    public func scalar(_ tag: String, _ value: Double, step: Int) throws(FileIOError) {
        try forEachSink { sink throws(FileIOError) in try sink.scalar(tag, value, step: step) }
    }

    /// Logs several scalars at one step, in the given order.
    /// - Throws: the first `FileIOError` any sink raised.
    public func scalars(_ values: KeyValuePairs<String, Double>, step: Int) throws(FileIOError) {
        for (tag, value) in values { try scalar(tag, value, step: step) }
    }

    /// Logs a text entry to every sink.
    /// - Throws: the first `FileIOError` any sink raised.
    public func text(_ tag: String, _ text: String, step: Int) throws(FileIOError) {
        try forEachSink { sink throws(FileIOError) in try sink.text(tag, text, step: step) }
    }

    /// Logs the hyper-parameters as a markdown table under ``MetricTag/hyperparameters`` at step 0, as CleanRL does.
    /// - Parameter parameters: `(name, value)` pairs in display order.
    /// - Throws: the first `FileIOError` any sink raised.
    public func hyperparameters(_ parameters: [(name: String, value: String)]) throws(FileIOError) {
        try text(MetricTag.hyperparameters, HyperparameterTable.markdown(parameters), step: 0)
    }

    /// Flushes every sink.
    /// - Throws: the first `FileIOError` any sink raised.
    public func flush() throws(FileIOError) {
        try forEachSink { sink throws(FileIOError) in try sink.flush() }
    }

    /// Closes every sink.
    /// - Throws: the first `FileIOError` any sink raised.
    public func close() throws(FileIOError) {
        try forEachSink { sink throws(FileIOError) in try sink.close() }
    }

    private func forEachSink(_ body: (any MetricSink) throws(FileIOError) -> Void) throws(FileIOError) {
        var firstError: FileIOError?
        for sink in sinks {
            do throws(FileIOError) {
                try body(sink)
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
    }
}
