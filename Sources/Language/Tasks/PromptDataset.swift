import Foundation
import Tensor

/// Reads and writes prompt datasets as JSONL, one `{"prompt": …, "ground_truth": …}` object per line
/// (the TRL/verl convention). Extra fields are ignored; blank lines are skipped.
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

    /// Decodes JSONL text.
    /// - Throws: ``DatasetError`` naming the first bad line.
    public static func decode(_ text: String, path: String = "<memory>") throws(DatasetError) -> [TaskProblem] {
        var problems: [TaskProblem] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(trimmed.utf8))
            } catch {
                throw DatasetError(path: path, line: index + 1, reason: "not valid JSON; each line must be one object")
            }
            guard let dictionary = object as? [String: Any] else {
                throw DatasetError(path: path, line: index + 1, reason: "expected a JSON object, got another value")
            }
            guard let prompt = dictionary["prompt"] as? String else {
                throw DatasetError(path: path, line: index + 1, reason: "missing string field `prompt`")
            }
            let truth: String
            switch dictionary["ground_truth"] {
            case let s as String: truth = s
            case let n as NSNumber: truth = n.stringValue
            default:
                throw DatasetError(
                    path: path, line: index + 1, reason: "missing field `ground_truth` (a string or a number)")
            }
            problems.append(TaskProblem(prompt: prompt, groundTruth: truth))
        }
        return problems
    }

    /// Encodes problems as JSONL (sorted keys, one object per line, trailing newline).
    public static func encode(_ problems: [TaskProblem]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return problems.map { problem in
            (try? encoder.encode(problem)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        }.joined(separator: "\n") + (problems.isEmpty ? "" : "\n")
    }

    /// Reads a JSONL file.
    /// - Throws: ``DatasetError`` if the file is unreadable or a line is malformed.
    public static func read(from url: URL) throws(DatasetError) -> [TaskProblem] {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw DatasetError(path: url.path, line: 0, reason: "cannot read the file as UTF-8 text; check the path")
        }
        return try decode(text, path: url.path)
    }

    /// Writes a JSONL file atomically.
    /// - Throws: `FileIOError` if the file cannot be written.
    public static func write(_ problems: [TaskProblem], to url: URL) throws(FileIOError) {
        try AtomicFile.write(Data(encode(problems).utf8), to: url)
    }
}
