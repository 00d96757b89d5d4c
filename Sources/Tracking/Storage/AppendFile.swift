import Foundation
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An append-only file for record streams (CSV rows, JSONL lines, TFRecords) that survives `SIGKILL`.
///
/// Records are buffered in memory and written by ``flush()`` with one `write(2)` call on an `O_APPEND`
/// descriptor followed by `fsync(2)`, so the file only ever grows by whole batches of whole records. A process
/// killed mid-flush can at worst leave a torn *last* record, which the readers in ``RecordRecovery`` detect and
/// cut off before a run resumes.
public final class AppendFile {
    /// The file being appended to.
    public let url: URL
    private var descriptor: Int32
    private var pending: [UInt8] = []

    /// Opens (creating if needed) `url` for appending; intermediate directories are created.
    /// - Throws: `FileIOError` if the directory or file cannot be created or opened.
    public init(url: URL) throws(FileIOError) {
        self.url = url
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FileIOError(path: directory.path, reason: "cannot create directory (\(error.localizedDescription))")
        }
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        if fd < 0 {
            let text = FileIOError.describe(errno: errno)
            throw FileIOError(path: url.path, reason: "cannot open for appending (\(text)); check permissions")
        }
        descriptor = fd
    }

    deinit {
        if descriptor >= 0 { Posix.closeQuietly(descriptor) }
    }

    /// Number of bytes buffered but not yet written.
    public var pendingByteCount: Int { pending.count }

    /// Buffers one whole record; nothing reaches the disk until ``flush()``.
    public func append(_ record: [UInt8]) {
        pending.append(contentsOf: record)
    }

    /// Buffers one whole UTF-8 record.
    public func append(_ record: String) {
        pending.append(contentsOf: record.utf8)
    }

    /// Writes all buffered records with a single `write` and makes them durable with `fsync`.
    /// - Throws: `FileIOError` if the file was closed or the write or sync fails (for example a full disk).
    public func flush() throws(FileIOError) {
        guard descriptor >= 0 else {
            throw FileIOError(path: url.path, reason: "file already closed; open a new AppendFile to write more")
        }
        if pending.isEmpty { return }
        if let code = Posix.writeAll(descriptor, pending) {
            let text = FileIOError.describe(errno: code)
            throw FileIOError(path: url.path, reason: "write failed (\(text)); check free disk space")
        }
        pending.removeAll(keepingCapacity: true)
        if fsync(descriptor) != 0 {
            throw FileIOError(path: url.path, reason: "fsync failed (\(FileIOError.describe(errno: errno)))")
        }
    }

    /// Flushes and closes the file. Further writes throw.
    /// - Throws: `FileIOError` if the final flush fails.
    public func close() throws(FileIOError) {
        guard descriptor >= 0 else { return }
        defer {
            Posix.closeQuietly(descriptor)
            descriptor = -1
        }
        try flush()
    }
}
