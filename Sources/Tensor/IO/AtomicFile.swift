import Foundation

/// An error while reading or writing a file, naming the path and what to do about it.
public struct FileIOError: Error, CustomStringConvertible, Sendable {
    /// The file involved.
    public var path: String
    /// What went wrong and how to fix it.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }

    /// The system's text for an `errno` value with the number, e.g. `Read-only file system, errno 30`.
    public static func describe(errno code: Int32) -> String {
        "\(String(cString: strerror(code))), errno \(code)"
    }
}

/// Atomic file writes: the data goes to a temporary file in the same directory, which is then renamed over the
/// destination, so a reader (or a process killed mid-write) never sees a partial file.
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating intermediate directories.
    /// - Throws: `FileIOError` if the directory cannot be created or the file cannot be written or renamed.
    public static func write(_ data: Data, to url: URL) throws(FileIOError) {
        let directory = url.deletingLastPathComponent()
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FileIOError(path: directory.path, reason: "cannot create directory (\(error.localizedDescription))")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try data.write(to: temporary)
        } catch {
            try? manager.removeItem(at: temporary)
            throw FileIOError(path: url.path, reason: "cannot write (\(error.localizedDescription)); check permissions and free disk space")
        }
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? manager.removeItem(at: temporary)
            let text = FileIOError.describe(errno: code)
            throw FileIOError(path: url.path, reason: "cannot rename temporary file into place (\(text))")
        }
    }

    /// Writes a UTF-8 string atomically. See ``write(_:to:)``.
    public static func write(_ text: String, to url: URL) throws(FileIOError) {
        try write(Data(text.utf8), to: url)
    }
}
