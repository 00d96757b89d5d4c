/// How unique (state, action) rows are counted: exactly (a hash set of the discretised rows) or with a
/// ``HyperLogLog`` sketch of a given standard error (the study: `HyperLogLog(0.01)`).
public enum UniqueCounting: Codable, Equatable, Sendable, CustomStringConvertible {
    /// A set of the discretised rows: exact, O(unique rows) memory.
    case exact
    /// HyperLogLog with standard error ≤ `error` (1.04/√m).
    case hyperLogLog(error: Double)

    /// The study's setting: HyperLogLog with error 0.01.
    public static let paper = UniqueCounting.hyperLogLog(error: 0.01)

    /// Parses `exact`, `hll` (error 0.01) or `hll:<error>`.
    /// - Throws: ``DatasetError`` naming the accepted forms.
    public init(parsing text: String) throws(DatasetError) {
        let lower = text.lowercased()
        if lower == "exact" { self = .exact; return }
        if lower == "hll" || lower == "hyperloglog" { self = .paper; return }
        if lower.hasPrefix("hll:"), let error = Double(lower.dropFirst(4)), error > 0 {
            self = .hyperLogLog(error: error)
            return
        }
        throw DatasetError(
            .invalidArgument, "unknown counting `\(text)`; use exact, hll or hll:<error> (e.g. hll:0.01)")
    }

    public var description: String {
        switch self {
        case .exact: "exact"
        case .hyperLogLog(let error): "hll:\(error)"
        }
    }

    /// The number of distinct keys among `keys` (exact or estimated, rounded).
    /// - Throws: ``DatasetError`` for an invalid HyperLogLog error.
    public func count(_ keys: some Sequence<[Int32]>) throws(DatasetError) -> Int {
        switch self {
        case .exact:
            var seen = Set<[Int32]>()
            for key in keys { seen.insert(key) }
            return seen.count
        case .hyperLogLog(let error):
            var sketch = try HyperLogLog(error: error)
            for key in keys { sketch.insert(hash: HyperLogLog.hash(key)) }
            return Int(sketch.estimate.rounded())
        }
    }
}
