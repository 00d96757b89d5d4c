import Foundation
import Tensor

/// Writes `metrics.csv`: a header `step,<tag>,<tag>,…` and one row per log step, with an empty cell for a tag
/// not logged at that step.
///
/// **Stable columns.** Declare the tags up front (e.g. ``MetricTag/ppo``) and the header never changes. A tag
/// that was not declared is added as a new column on the right, and at the next ``flush()`` the whole file is
/// rewritten atomically (temp file + rename) with the wider header, older rows getting empty cells; appends then
/// continue. So the file is always a valid rectangular CSV and existing columns never move.
///
/// **Rows.** Scalars with the same step go into one row. Logging a tag twice at the same step (e.g. two episodes
/// ending in the same vector step) starts a second row with that step rather than losing a value.
///
/// **Crash safety.** Rows are appended with ``AppendFile`` (one `write` + `fsync` per flush). Opening an existing
/// file first cuts a torn last line (``RecordRecovery/truncateTornLines(at:)``), so a run killed with `SIGKILL`
/// resumes onto a clean file. Text entries are not written to CSV.
public final class CSVSink: MetricSink {
    /// The CSV file.
    public let url: URL
    /// Tag columns in header order (the first column, `step`, is not included).
    public private(set) var columns: [String]
    private var file: AppendFile
    private var columnsOnDisk: [String]?
    private var rows: [(step: Int, values: [String: Double])] = []
    private var pendingStep: Int?
    private var pendingValues: [String: Double] = [:]

    /// Opens `url` for appending, creating it with a header of `columns` if it is new or empty.
    /// - Parameters:
    ///   - columns: tags declared up front, in column order; more may appear later (see the type's notes).
    /// - Throws: `FileIOError` if the file cannot be read, repaired or opened, or its header does not start with
    ///   `step`.
    public init(url: URL, columns: [String] = []) throws(FileIOError) {
        self.url = url
        var known: [String] = []
        if FileManager.default.fileExists(atPath: url.path) {
            _ = try RecordRecovery.truncateTornLines(at: url)
            let header = try Self.readTable(url).header
            if !header.isEmpty {
                guard header.first == "step" else {
                    let reason =
                        "not a metrics CSV: the first column is `\(header[0])`, expected `step`; "
                        + "move the file away or choose another run directory"
                    throw FileIOError(path: url.path, reason: reason)
                }
                known = Array(header.dropFirst())
                columnsOnDisk = known
            }
        }
        for column in columns where !known.contains(column) { known.append(column) }
        self.columns = known
        file = try AppendFile(url: url)
        if columnsOnDisk == nil && !known.isEmpty {
            file.append(CSVTable.formatRow(["step"] + known))
            try file.flush()
            columnsOnDisk = known
        }
    }

    public func scalar(_ tag: String, _ value: Double, step: Int) throws(FileIOError) {
        if let current = pendingStep, current != step || pendingValues[tag] != nil { commitPending() }
        if !columns.contains(tag) { columns.append(tag) }
        pendingStep = step
        pendingValues[tag] = value
    }

    /// Text entries have no place in a CSV of scalars; they are ignored.
    public func text(_ tag: String, _ text: String, step: Int) throws(FileIOError) {}

    public func flush() throws(FileIOError) {
        commitPending()
        if let onDisk = columnsOnDisk, onDisk != columns {
            try rewriteWithCurrentColumns()
        } else {
            if columnsOnDisk == nil {
                if rows.isEmpty { return }
                file.append(CSVTable.formatRow(["step"] + columns))
                columnsOnDisk = columns
            }
            for row in rows { file.append(format(row)) }
            rows.removeAll()
            try file.flush()
        }
    }

    public func close() throws(FileIOError) {
        try flush()
        try file.close()
    }

    private func commitPending() {
        guard let step = pendingStep else { return }
        rows.append((step, pendingValues))
        pendingStep = nil
        pendingValues = [:]
    }

    private func format(_ row: (step: Int, values: [String: Double])) -> String {
        CSVTable.formatRow([String(row.step)] + columns.map { row.values[$0].map(Self.formatValue) ?? "" })
    }

    /// Shortest round-trip decimal form; `nan`, `inf`, `-inf` for non-finite values (what Python's `float` reads).
    static func formatValue(_ value: Double) -> String {
        "\(value)"
    }

    private func rewriteWithCurrentColumns() throws(FileIOError) {
        try file.flush()
        let old = try Self.readTable(url)
        var text = CSVTable.formatRow(["step"] + columns)
        for oldRow in old.rows {
            text += CSVTable.formatRow((["step"] + columns).map { old.cell(oldRow, $0) ?? "" })
        }
        for row in rows { text += format(row) }
        try file.close()
        var writeError: FileIOError?
        do {
            try AtomicFile.write(text, to: url)
        } catch {
            writeError = error  // rows stay buffered; the next flush retries the rewrite
        }
        file = try AppendFile(url: url)
        if let writeError { throw writeError }
        rows.removeAll()
        columnsOnDisk = columns
    }

    private static func readTable(_ url: URL) throws(FileIOError) -> CSVTable {
        do {
            return CSVTable(parsing: try String(contentsOf: url, encoding: .utf8))
        } catch {
            throw FileIOError(path: url.path, reason: "cannot read as UTF-8 CSV (\(error.localizedDescription))")
        }
    }
}
