import Foundation
import Tensor

/// Writes a TensorBoard event file, `events.out.tfevents.<unixtime>.<host>`, readable by TensorBoard and by
/// `tensorboard.backend.event_processing.event_accumulator.EventAccumulator`.
///
/// The first record is `file_version = "brain.Event:2"`; each scalar is one `Event` with a `simple_value`; text
/// entries use the text plugin. Records are framed as TFRecords and appended with ``AppendFile`` (whole records,
/// one `write` + `fsync` per flush), so a killed run leaves at most a torn last record, which
/// ``RecordRecovery/truncateTornTFRecords(at:)`` removes.
public final class TensorBoardSink: MetricSink {
    /// The event file being written.
    public var url: URL { file.url }
    private let file: AppendFile
    private let clock: WallClock

    /// Creates `events.out.tfevents.<unixtime>.<host>` in `directory` (with `.1`, `.2`, … appended if that name
    /// already exists, e.g. after a resume within the same second) and writes the file-version record.
    /// - Parameters:
    ///   - directory: the run directory; created if missing.
    ///   - host: the host-name part of the file name (default: this machine's).
    ///   - clock: the source of event wall times.
    /// - Throws: `FileIOError` if the file cannot be created.
    public convenience init(directory: URL, host: String? = nil, clock: WallClock = .system) throws(FileIOError) {
        let base = Self.fileName(unixTime: Int(clock.now()), host: host ?? Posix.hostName())
        var candidate = directory.appendingPathComponent(base)
        var counter = 1
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = directory.appendingPathComponent("\(base).\(counter)")
            counter += 1
        }
        try self.init(url: candidate, clock: clock)
    }

    /// Appends to the event file at `url`, writing the file-version record if the file is new or empty. A torn
    /// last record left by a crash is cut first.
    /// - Throws: `FileIOError` if the file cannot be opened.
    public init(url: URL, clock: WallClock = .system) throws(FileIOError) {
        try RecordRecovery.truncateTornTFRecords(at: url)
        let isNew = ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0) == 0
        file = try AppendFile(url: url)
        self.clock = clock
        if isNew {
            file.append(TFRecord.frame(TensorBoardEvent.fileVersionRecord(wallTime: clock.now())))
            try file.flush()
        }
    }

    /// The conventional event file name.
    public static func fileName(unixTime: Int, host: String) -> String {
        "events.out.tfevents.\(unixTime).\(host)"
    }

    public func scalar(_ tag: String, _ value: Double, step: Int) throws(FileIOError) {
        file.append(
            TFRecord.frame(TensorBoardEvent.scalar(tag: tag, value: value, step: Int64(step), wallTime: clock.now())))
    }

    public func text(_ tag: String, _ text: String, step: Int) throws(FileIOError) {
        file.append(
            TFRecord.frame(TensorBoardEvent.text(tag: tag, text: text, step: Int64(step), wallTime: clock.now())))
    }

    public func flush() throws(FileIOError) {
        try file.flush()
    }

    public func close() throws(FileIOError) {
        try file.close()
    }
}
