import Foundation
import Tensor

/// Reads and writes prompt datasets as JSONL, one `{"prompt": …, "ground_truth": …}` object per line
/// (the TRL/verl convention). Extra fields are ignored; blank lines are skipped. ``Options`` rename the fields
/// (dotted paths reach nested objects) and choose whether a bad line stops the read or is skipped and reported.
public enum PromptDataset {
    /// A dataset file could not be read or a line is malformed.
    public struct DatasetError: Error, Equatable, CustomStringConvertible {
        /// The file.
        public var path: String
        /// 1-based line number, or 0 for whole-file problems.
        public var line: Int
        /// What was wrong and how to fix it.
        public var reason: String
        public var description: String { line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)" }
    }

    /// Decodes JSONL text with the default field names, stopping at the first bad line.
    /// - Throws: ``DatasetError`` naming the first bad line.
    public static func decode(_ text: String, path: String = "<memory>") throws(DatasetError) -> [TaskProblem] {
        try decode(text, path: path, options: Options()).problems
    }

    /// Decodes JSONL text: one object per line with the prompt and answer at `options`' fields; blank lines are
    /// ignored; extra fields are ignored.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - path: the file name used in messages.
    ///   - options: field names and the bad-line policy.
    /// - Returns: the problems and, under ``BadLinePolicy/skip``, every skipped line with its reason.
    /// - Throws: ``DatasetError`` for the first bad line under ``BadLinePolicy/stop``, or when no line holds a
    ///   problem (an empty file, or every line bad).
    /// - Complexity: O(n) in the length of `text`.
    public static func decode(_ text: String, path: String, options: Options) throws(DatasetError) -> Loaded {
        var loaded = Loaded(problems: [], skipped: [])
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            switch problem(in: trimmed, options: options) {
            case let .success(problem):
                loaded.problems.append(problem)
            case let .failure(reason):
                let error = DatasetError(path: path, line: index + 1, reason: reason.text)
                if options.onBadLine == .stop { throw error }
                loaded.skipped.append(error)
            }
        }
        guard !loaded.problems.isEmpty else {
            if let first = loaded.skipped.first {
                throw DatasetError(
                    path: path, line: 0,
                    reason:
                        "all \(loaded.skipped.count) non-blank lines are bad; the first, line \(first.line): \(first.reason)"
                )
            }
            throw DatasetError(
                path: path, line: 0,
                reason: "no prompts: the file is empty or blank; write one JSON object per line, e.g. "
                    + #"{"\#(options.promptField)": "2+2=", "\#(options.answerField)": "4"}"#)
        }
        return loaded
    }

    /// The problem on one non-blank line, or why there is none.
    private static func problem(in line: String, options: Options) -> Result<TaskProblem, ReasonText> {
        let value: JSONLineValue
        do { value = try JSONDecoder().decode(JSONLineValue.self, from: Data(line.utf8)) } catch {
            return .failure(ReasonText("not valid JSON; each line must be one JSON object"))
        }
        guard case .object = value else {
            return .failure(ReasonText("expected a JSON object, got \(value.kindName)"))
        }
        let prompt: String
        switch value.value(at: options.promptField) {
        case let .string(text)?:
            prompt = text
        case .array?:
            return .failure(
                ReasonText(
                    "field `\(options.promptField)` is a list (conversational format); SwiftRL needs the prompt as one "
                        + "string: store the user message's text, the chat template is applied from the model directory"
                ))
        case let other?:
            return .failure(ReasonText("field `\(options.promptField)` is \(other.kindName); it must be a string"))
        case nil:
            return .failure(
                ReasonText(
                    missing(
                        options.promptField, kind: "string", in: value, candidates: promptNames, role: "--prompt-field")
                ))
        }
        let answer = value.value(at: options.answerField)
        if let truth = answer?.scalarText { return .success(TaskProblem(prompt: prompt, groundTruth: truth)) }
        if let answer {
            return .failure(
                ReasonText("field `\(options.answerField)` is \(answer.kindName); it must be a string or a number"))
        }
        return .failure(
            ReasonText(
                missing(
                    options.answerField, kind: "string or a number", in: value, candidates: answerNames,
                    role: "--answer-field")))
    }

    /// Field names that often hold the prompt, for hints.
    static let promptNames = ["prompt", "question", "problem", "query", "input", "instruction"]
    /// Field names that often hold the answer, for hints (the last is verl's layout).
    static let answerNames = ["ground_truth", "answer", "solution", "target", "label", "reward_model.ground_truth"]

    /// "missing field `x` (a …)", plus a hint naming the likely fields this line does have.
    private static func missing(
        _ field: String, kind: String, in line: JSONLineValue, candidates: [String], role: String
    ) -> String {
        let message = "missing field `\(field)` (a \(kind))"
        let present = candidates.filter { $0 != field && line.value(at: $0) != nil }
        guard !present.isEmpty else { return message }
        return message + "; this line has " + present.map { "`\($0)`" }.joined(separator: ", ")
            + ": pass \(role) NAME (a dotted path reaches nested fields)"
    }

    /// A failure reason (a `String` wrapper, since `Result` needs an `Error`).
    private struct ReasonText: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    /// Encodes problems as JSONL (sorted keys, one object per line, trailing newline).
    public static func encode(_ problems: [TaskProblem]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return problems.map { problem in
            (try? encoder.encode(problem)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        }.joined(separator: "\n") + (problems.isEmpty ? "" : "\n")
    }

    /// Reads a JSONL file with the default field names, stopping at the first bad line.
    /// - Throws: ``DatasetError`` if the file is unreadable, not UTF-8, empty, or a line is malformed.
    public static func read(from url: URL) throws(DatasetError) -> [TaskProblem] {
        try read(from: url, options: Options()).problems
    }

    /// Reads a JSONL file with `options`.
    /// - Returns: the problems and the skipped lines (see ``decode(_:path:options:)``).
    /// - Throws: ``DatasetError`` if the file is missing, unreadable, not UTF-8 or has no problems, or for the
    ///   first bad line under ``BadLinePolicy/stop``.
    public static func read(from url: URL, options: Options) throws(DatasetError) -> Loaded {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DatasetError(path: url.path, line: 0, reason: "no such file; check the path")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DatasetError(path: url.path, line: 0, reason: "cannot read the file (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetError(
                path: url.path, line: 0, reason: "not UTF-8 text; convert it, e.g. `iconv -t UTF-8 FILE > FILE.utf8`")
        }
        return try decode(text, path: url.path, options: options)
    }

    /// Writes a JSONL file atomically.
    /// - Throws: `FileIOError` if the file cannot be written.
    public static func write(_ problems: [TaskProblem], to url: URL) throws(FileIOError) {
        try AtomicFile.write(Data(encode(problems).utf8), to: url)
    }
}
