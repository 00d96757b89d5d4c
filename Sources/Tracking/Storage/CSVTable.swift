import Foundation

/// A parsed comma-separated file (RFC 4180: fields containing `,`, `"` or newlines are quoted, quotes doubled).
public struct CSVTable: Equatable, Sendable {
    /// The first row.
    public var header: [String]
    /// All following rows; each may be shorter than the header (missing trailing cells are empty).
    public var rows: [[String]]

    /// A table with the given header and rows.
    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// Parses CSV text. An empty text gives an empty header and no rows. A final line without a newline is kept.
    /// - Complexity: O(n) in the text length.
    public init(parsing text: String) {
        var all = CSVTable.parseRows(text)
        header = all.isEmpty ? [] : all.removeFirst()
        rows = all
    }

    /// The cell of `row` under `column`, or `nil` if the column does not exist or the cell is missing.
    public func cell(_ row: [String], _ column: String) -> String? {
        guard let index = header.firstIndex(of: column), index < row.count else { return nil }
        return row[index]
    }

    /// The table as CSV text, every line ending in `\n`.
    public func formatted() -> String {
        ([header] + rows).map(Self.formatRow).joined()
    }

    /// One CSV line including its newline.
    public static func formatRow(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    /// Quotes a field if it contains a comma, quote, or line break.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func parseRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var fieldStarted = false
        var iterator = text.unicodeScalars.makeIterator()
        var lookahead: Unicode.Scalar? = iterator.next()
        while let scalar = lookahead {
            lookahead = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if lookahead == "\"" {
                        field.unicodeScalars.append("\"")
                        lookahead = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": inQuotes = true; fieldStarted = true
            case ",": row.append(field); field = ""; fieldStarted = true
            case "\r": continue
            case "\n":
                row.append(field)
                rows.append(row)
                row = []; field = ""; fieldStarted = false
            default: field.unicodeScalars.append(scalar); fieldStarted = true
            }
        }
        if fieldStarted || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
