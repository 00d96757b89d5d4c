import Foundation
import Tensor

/// The JSON file format of an ``EpisodicMDP`` (`swiftrl theory mdp` writes it, `swiftrl theory run --mdp` reads it):
///
/// ```json
/// {"format": "swiftrl.episodic-mdp", "version": 1, "states": 2, "actions": 1, "horizon": 3,
///  "transitions": [[[[0.5, 0.5]], [[0, 1]]]],
///  "rewards": [[[0.2], [1]]],
///  "initial": [1, 0]}
/// ```
///
/// `transitions[k][s][a][s']` and `rewards[k][s][a]` (and the optional `utilities[k][s][a]`, the constraint
/// signal) hold one table (`k = 0`, stationary) or one per stage (`k = 0..<H`). The reader checks every shape,
/// that probabilities are finite, non-negative and sum to 1 per row (tolerance 1e-6), that rewards and utilities
/// are finite and in [0, 1], that `horizon ≥ 1`, and the size limits of ``EpisodicMDPSpec``; each error names the
/// file and the field.
public enum EpisodicMDPFile {
    /// The `format` value.
    public static let format = "swiftrl.episodic-mdp"
    /// Largest file accepted (bytes).
    public static let maximumBytes = 1 << 30
    /// Row-sum tolerance.
    public static let tolerance = 1e-6

    struct Document: Codable {
        var format: String
        var version: Int
        var states: Int
        var actions: Int
        var horizon: Int
        var transitions: [[[[Double]]]]
        var rewards: [[[Double]]]
        var utilities: [[[Double]]]?
        var initial: [Double]
    }

    /// The JSON text of `mdp` (sorted keys, one stage table per line at most).
    /// - Throws: ``FileIOError`` never; encoding errors only for non-finite values.
    public static func encode(_ mdp: EpisodicMDP) throws -> Data {
        let (s, a) = (mdp.stateCount, mdp.actionCount)
        func nest(_ table: [Double]) -> [[Double]] { (0..<s).map { Array(table[($0 * a)..<(($0 + 1) * a)]) } }
        let document = Document(
            format: format, version: 1, states: s, actions: a, horizon: mdp.horizon,
            transitions: mdp.transitions.map { table in
                (0..<s).map { state in
                    (0..<a).map { action in
                        let base = (state * a + action) * s
                        return Array(table[base..<(base + s)])
                    }
                }
            },
            rewards: mdp.rewards.map(nest), utilities: mdp.utilities?.map(nest), initial: mdp.initialDistribution)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(document)
    }

    /// Writes `mdp` to `url` atomically.
    /// - Throws: ``FileIOError`` when the write fails.
    public static func write(_ mdp: EpisodicMDP, to url: URL) throws {
        try AtomicFile.write(try encode(mdp), to: url)
    }

    /// Reads and validates the MDP at `url`.
    /// - Throws: ``InputValidationError`` naming the file and field, or ``FileIOError`` when it cannot be read.
    public static func read(_ url: URL) throws -> EpisodicMDP {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = attributes?[.size] as? Int, size > maximumBytes {
            throw InputValidationError(
                file: url.path, field: "(file)", expected: "at most \(maximumBytes) bytes", found: "\(size) bytes")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputValidationError(file: url.path, field: "(file)", expected: "a readable file", found: "\(error)")
        }
        return try decode(data, file: url.path)
    }

    /// Decodes and validates an MDP from JSON `data`; `file` names the source in errors.
    /// - Throws: ``InputValidationError``.
    public static func decode(_ data: Data, file: String) throws(InputValidationError) -> EpisodicMDP {
        guard data.count <= maximumBytes else {
            throw InputValidationError(
                file: file, field: "(file)", expected: "at most \(maximumBytes) bytes", found: "\(data.count) bytes")
        }
        try CheckedDecoding.checkBracketDepth(String(decoding: data, as: UTF8.self), limit: 16, file: file)
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw InputValidationError(
                file: file, field: path(context.codingPath + [key]), expected: "a value", found: "nothing")
        } catch let DecodingError.typeMismatch(type, context) {
            throw InputValidationError(
                file: file, field: path(context.codingPath), expected: "a \(type)", found: "another type")
        } catch let DecodingError.valueNotFound(type, context) {
            throw InputValidationError(
                file: file, field: path(context.codingPath), expected: "a \(type)", found: "null")
        } catch let DecodingError.dataCorrupted(context) {
            throw InputValidationError(
                file: file, field: path(context.codingPath), expected: "valid JSON numbers and structure",
                found: context.debugDescription)
        } catch {
            throw InputValidationError(file: file, field: "(document)", expected: "an episodic-MDP JSON object",
                                       found: "\(error)")
        }
        return try validate(document, file: file)
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }

    static func validate(_ d: Document, file: String) throws(InputValidationError) -> EpisodicMDP {
        func fail(_ field: String, _ expected: String, _ found: String) -> InputValidationError {
            InputValidationError(file: file, field: field, expected: expected, found: found)
        }
        guard d.format == format else { throw fail("format", "\"\(format)\"", "\"\(d.format.prefix(40))\"") }
        guard d.version == 1 else { throw fail("version", "1", "\(d.version)") }
        let s = try CheckedDecoding.count(d.states, maximum: EpisodicMDPSpec.maximumStates, field: "states", file: file)
        let a = try CheckedDecoding.count(
            d.actions, maximum: EpisodicMDPSpec.maximumActions, field: "actions", file: file)
        let h = try CheckedDecoding.count(
            d.horizon, maximum: EpisodicMDPSpec.maximumHorizon, field: "horizon", file: file)
        guard s >= 1 else { throw fail("states", "≥ 1", "\(s)") }
        guard a >= 1 else { throw fail("actions", "≥ 1", "\(a)") }
        guard h >= 1 else { throw fail("horizon", "≥ 1", "\(h)") }
        let tables = d.transitions.count
        guard tables == 1 || tables == h else {
            throw fail("transitions", "1 table (stationary) or horizon = \(h) tables", "\(tables)")
        }
        guard s * a * s * tables <= EpisodicMDPSpec.maximumTransitionEntries else {
            throw fail("transitions", "at most \(EpisodicMDPSpec.maximumTransitionEntries) entries", "S·A·S·tables "
                       + "= \(s * a * s * tables)")
        }
        var transitions: [[Double]] = []
        for (k, table) in d.transitions.enumerated() {
            guard table.count == s else { throw fail("transitions[\(k)]", "\(s) states", "\(table.count)") }
            var flat: [Double] = []
            flat.reserveCapacity(s * a * s)
            for (state, rows) in table.enumerated() {
                guard rows.count == a else {
                    throw fail("transitions[\(k)][\(state)]", "\(a) actions", "\(rows.count)")
                }
                for (action, row) in rows.enumerated() {
                    let field = "transitions[\(k)][\(state)][\(action)]"
                    guard row.count == s else { throw fail(field, "\(s) next-state probabilities", "\(row.count)") }
                    var sum = 0.0
                    for (next, p) in row.enumerated() {
                        guard p.isFinite, p >= 0 else { throw fail(field + "[\(next)]", "a probability ≥ 0", "\(p)") }
                        sum += p
                    }
                    guard abs(sum - 1) <= tolerance else {
                        throw fail(field, "probabilities summing to 1 (±\(tolerance))", "a sum of \(sum)")
                    }
                    flat += row
                }
            }
            transitions.append(flat)
        }
        func signal(_ name: String, _ tables: [[[Double]]]) throws(InputValidationError) -> [[Double]] {
            guard tables.count == transitions.count else {
                throw fail(name, "\(transitions.count) table(s), as many as transitions", "\(tables.count)")
            }
            var out: [[Double]] = []
            for (k, table) in tables.enumerated() {
                guard table.count == s else { throw fail("\(name)[\(k)]", "\(s) states", "\(table.count)") }
                var flat: [Double] = []
                for (state, row) in table.enumerated() {
                    guard row.count == a else { throw fail("\(name)[\(k)][\(state)]", "\(a) actions", "\(row.count)") }
                    for (action, value) in row.enumerated() where !(value.isFinite && (0...1).contains(value)) {
                        throw fail("\(name)[\(k)][\(state)][\(action)]", "a finite value in [0, 1] (rescale rewards "
                                   + "to [0, 1]; the bonuses assume it)", "\(value)")
                    }
                    flat += row
                }
                out.append(flat)
            }
            return out
        }
        let rewards = try signal("rewards", d.rewards)
        let utilities = try d.utilities.map { (tables) throws(InputValidationError) in try signal("utilities", tables) }
        guard d.initial.count == s else { throw fail("initial", "\(s) probabilities", "\(d.initial.count)") }
        for (state, p) in d.initial.enumerated() where !(p.isFinite && p >= 0) {
            throw fail("initial[\(state)]", "a probability ≥ 0", "\(p)")
        }
        let total = d.initial.reduce(0, +)
        guard abs(total - 1) <= tolerance else {
            throw fail("initial", "probabilities summing to 1 (±\(tolerance))", "a sum of \(total)")
        }
        return EpisodicMDP(
            stateCount: s, actionCount: a, horizon: h, transitions: transitions, rewards: rewards,
            utilities: utilities, initialDistribution: d.initial)
    }
}
