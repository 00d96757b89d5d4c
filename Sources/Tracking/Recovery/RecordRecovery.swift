import Foundation
import Tensor

/// Repairs append-only metric files after a crash and rewinds them for a resume.
///
/// Sinks append whole records with one `write` + `fsync` per flush (``AppendFile``), so after a `SIGKILL` or a
/// power loss only the *last* record can be incomplete. These functions detect that torn tail and cut it off,
/// and drop records logged after the checkpoint a run resumes from, so the resumed run's files equal an
/// uninterrupted run's. Every rewrite goes through `AtomicFile.write` (temp file + rename).
public enum RecordRecovery {
    /// Cuts a final line that does not end in `\n` (CSV, JSONL). Missing files are left alone.
    /// - Returns: the number of bytes removed.
    /// - Throws: `FileIOError` if the file cannot be read or rewritten.
    @discardableResult
    public static func truncateTornLines(at url: URL) throws(FileIOError) -> Int {
        guard let bytes = try read(url), let last = bytes.last, last != UInt8(ascii: "\n") else { return 0 }
        let keep = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        try AtomicFile.write(Data(bytes[0..<keep]), to: url)
        return bytes.count - keep
    }

    /// Cuts everything after the last well-formed TFRecord (length, length CRC, data and data CRC all intact).
    /// - Returns: the number of bytes removed.
    /// - Throws: `FileIOError` if the file cannot be read or rewritten.
    @discardableResult
    public static func truncateTornTFRecords(at url: URL) throws(FileIOError) -> Int {
        guard let bytes = try read(url) else { return 0 }
        let valid = TFRecord.scan(bytes).validLength
        guard valid < bytes.count else { return 0 }
        try AtomicFile.write(Data(bytes[0..<valid]), to: url)
        return bytes.count - valid
    }

    /// Keeps the header and the rows of a metrics CSV whose `step` is at most `step` (a torn tail is cut too).
    /// - Returns: the number of rows removed.
    /// - Throws: `FileIOError` if the file cannot be read or rewritten.
    @discardableResult
    public static func rewindCSV(at url: URL, toStep step: Int) throws(FileIOError) -> Int {
        try truncateTornLines(at: url)
        guard let bytes = try read(url) else { return 0 }
        let table = CSVTable(parsing: String(decoding: bytes, as: UTF8.self))
        let kept = table.rows.filter { row in (table.cell(row, "step").flatMap { Int($0) } ?? Int.max) <= step }
        guard kept.count < table.rows.count else { return 0 }
        try AtomicFile.write(CSVTable(header: table.header, rows: kept).formatted(), to: url)
        return table.rows.count - kept.count
    }

    /// Keeps the JSONL lines whose `"step"` is at most `step` (a torn tail is cut too).
    /// - Returns: the number of lines removed.
    /// - Throws: `FileIOError` if the file cannot be read or rewritten.
    @discardableResult
    public static func rewindJSONL(at url: URL, toStep step: Int) throws(FileIOError) -> Int {
        try truncateTornLines(at: url)
        guard let bytes = try read(url) else { return 0 }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        let kept = lines.filter { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            return ((object?["step"] as? NSNumber)?.intValue ?? Int.max) <= step
        }
        guard kept.count < lines.count else { return 0 }
        var out = Data()
        for line in kept { out.append(contentsOf: line); out.append(UInt8(ascii: "\n")) }
        try AtomicFile.write(out, to: url)
        return lines.count - kept.count
    }

    /// Keeps the TFRecords of an event file whose `Event.step` is at most `step` (the file-version record has
    /// step 0 and is always kept; a torn tail is cut too).
    /// - Returns: the number of records removed.
    /// - Throws: `FileIOError` if the file cannot be read or rewritten.
    @discardableResult
    public static func rewindEvents(at url: URL, toStep step: Int) throws(FileIOError) -> Int {
        guard let bytes = try read(url) else { return 0 }
        let scan = TFRecord.scan(bytes)
        let kept = scan.records.filter { record in (eventStep(record) ?? Int64.max) <= Int64(step) }
        guard kept.count < scan.records.count || scan.validLength < bytes.count else { return 0 }
        try AtomicFile.write(Data(kept.flatMap(TFRecord.frame)), to: url)
        return scan.records.count - kept.count
    }

    /// The `step` field (2) of an encoded `Event`; 0 when absent (protobuf default), `nil` if undecodable.
    static func eventStep(_ record: [UInt8]) -> Int64? {
        guard let fields = try? ProtobufReader.fields(record) else { return nil }
        for (field, value) in fields where field == 2 {
            if case .varint(let raw) = value { return Int64(bitPattern: raw) }
        }
        return 0
    }

    private static func read(_ url: URL) throws(FileIOError) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw FileIOError(path: url.path, reason: "cannot read (\(error.localizedDescription))")
        }
    }
}
