import Foundation
import Tensor

/// Writes one JSON object per line (`metrics.jsonl`):
/// `{"step":2048,"tag":"charts/SPS","value":1234.5,"wall_time":1764230000.25}` for scalars and
/// `{"step":0,"tag":"hyperparameters","text":"…","wall_time":…}` for text.
///
/// Non-finite values are written as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`. Lines are appended with
/// ``AppendFile`` (one `write` + `fsync` per flush); ``RecordRecovery/truncateTornLines(at:)`` removes a torn
/// last line after a crash.
public final class JSONLSink: MetricSink {
    /// The JSONL file being written.
    public var url: URL { file.url }
    private let file: AppendFile
    private let clock: WallClock
    private let includeWallTime: Bool

    /// Appends to `url` (created if missing; a torn last line left by a crash is cut first).
    /// - Parameters:
    ///   - clock: the source of `wall_time`.
    ///   - includeWallTime: set to `false` for byte-reproducible files (e.g. resume-equality tests).
    /// - Throws: `FileIOError` if the file cannot be opened.
    public init(url: URL, clock: WallClock = .system, includeWallTime: Bool = true) throws(FileIOError) {
        try RecordRecovery.truncateTornLines(at: url)
        file = try AppendFile(url: url)
        self.clock = clock
        self.includeWallTime = includeWallTime
    }

    private func line(_ step: Int, _ tag: String, _ field: String) -> String {
        var text = "{\"step\":\(step),\"tag\":\(JSONText.quoted(tag)),\(field)"
        if includeWallTime { text += ",\"wall_time\":\(JSONText.number(clock.now()))" }
        return text + "}\n"
    }

    public func scalar(_ tag: String, _ value: Double, step: Int) throws(FileIOError) {
        file.append(line(step, tag, "\"value\":\(JSONText.number(value))"))
    }

    public func text(_ tag: String, _ text: String, step: Int) throws(FileIOError) {
        file.append(line(step, tag, "\"text\":\(JSONText.quoted(text))"))
    }

    public func flush() throws(FileIOError) {
        try file.flush()
    }

    public func close() throws(FileIOError) {
        try file.close()
    }
}
