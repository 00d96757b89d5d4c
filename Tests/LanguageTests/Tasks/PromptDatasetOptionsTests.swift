import Foundation
import Testing

@testable import Language

@Suite("Prompt datasets: fields, bad lines, files, split")
struct PromptDatasetOptionsTests {
    static let text = """
        {"question": "1+1=", "extra": {"answer": 2}}
        {"question": "2+2=", "answer": "4"}

        not json
        {"question": "3+3=", "extra": {"answer": "6"}}
        {"question": ["user", "hi"], "extra": {"answer": "x"}}
        """

    static func temporaryFile(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("byod-\(UUID().uuidString).jsonl")
        try data.write(to: url)
        return url
    }

    @Test("custom and dotted field names; numbers become text")
    func customFields() throws {
        let options = PromptDataset.Options(promptField: "question", answerField: "extra.answer", onBadLine: .skip)
        let loaded = try PromptDataset.decode(Self.text, path: "p.jsonl", options: options)
        #expect(
            loaded.problems == [
                TaskProblem(prompt: "1+1=", groundTruth: "2"), TaskProblem(prompt: "3+3=", groundTruth: "6"),
            ])
    }

    @Test("answers: decimals keep their spelling, integral numbers lose `.0`, booleans are refused")
    func answerKinds() throws {
        let text = #"{"prompt": "a", "ground_truth": 2.5}"# + "\n" + #"{"prompt": "b", "ground_truth": 3.0}"#
        #expect(try PromptDataset.decode(text).map(\.groundTruth) == ["2.5", "3"])
        let error = #expect(throws: PromptDataset.DatasetError.self) {
            try PromptDataset.decode(#"{"prompt": "a", "ground_truth": true}"#)
        }
        #expect(error?.reason == "field `ground_truth` is a boolean; it must be a string or a number")
    }

    @Test("skip: every bad line is kept with its number and reason, and summarised")
    func skip() throws {
        let options = PromptDataset.Options(promptField: "question", answerField: "extra.answer", onBadLine: .skip)
        let loaded = try PromptDataset.decode(Self.text, path: "p.jsonl", options: options)
        #expect(loaded.skipped.map(\.line) == [2, 4, 6])
        #expect(loaded.skipped[0].reason.contains("missing field `extra.answer`"))
        #expect(loaded.skipped[0].reason.contains("this line has `answer`: pass --answer-field"))
        #expect(loaded.skipped[1].reason.contains("not valid JSON"))
        #expect(loaded.skipped[2].reason.contains("is a list"))
        let summary = try #require(loaded.skippedSummary())
        #expect(summary.hasPrefix("p.jsonl: skipped 3 bad lines of 5 (line 2, 4, 6); first: missing field"))
    }

    @Test("stop: the first bad line is the error, with its number")
    func stop() {
        let options = PromptDataset.Options(promptField: "question", answerField: "extra.answer", onBadLine: .stop)
        let error = #expect(throws: PromptDataset.DatasetError.self) {
            try PromptDataset.decode(Self.text, path: "p.jsonl", options: options)
        }
        #expect(error?.line == 2)
        #expect(error?.description.hasPrefix("p.jsonl:2: missing field `extra.answer`") == true)
    }

    @Test("every line bad, an empty file and a non-UTF-8 file are errors naming the file")
    func wholeFileErrors() throws {
        let allBad = #expect(throws: PromptDataset.DatasetError.self) {
            try PromptDataset.decode("x\ny\n", path: "bad.jsonl", options: .init(onBadLine: .skip))
        }
        #expect(allBad?.description.hasPrefix("bad.jsonl: all 2 non-blank lines are bad") == true)
        let empty = try Self.temporaryFile(Data("\n  \n".utf8))
        defer { try? FileManager.default.removeItem(at: empty) }
        let emptyError = #expect(throws: PromptDataset.DatasetError.self) { try PromptDataset.read(from: empty) }
        #expect(emptyError?.description.contains("\(empty.path): no prompts") == true)
        let latin1 = try Self.temporaryFile(Data([0x7B, 0x22, 0xE9, 0xFF, 0x22, 0x7D]))
        defer { try? FileManager.default.removeItem(at: latin1) }
        let encoding = #expect(throws: PromptDataset.DatasetError.self) { try PromptDataset.read(from: latin1) }
        #expect(encoding?.description.contains("\(latin1.path): not UTF-8") == true)
        let missing = #expect(throws: PromptDataset.DatasetError.self) {
            try PromptDataset.read(from: URL(fileURLWithPath: "/nonexistent/p.jsonl"))
        }
        #expect(missing?.description == "/nonexistent/p.jsonl: no such file; check the path")
    }

    @Test("the split is seeded, disjoint, complete and keeps file order")
    func split() throws {
        let problems = (0..<20).map { TaskProblem(prompt: "p\($0)", groundTruth: "\($0)") }
        let a = try PromptDataset.split(problems, heldOutFraction: 0.25, seed: 3)
        let b = try PromptDataset.split(problems, heldOutFraction: 0.25, seed: 3)
        let c = try PromptDataset.split(problems, heldOutFraction: 0.25, seed: 4)
        #expect(a.train == b.train && a.heldOut == b.heldOut)
        #expect(a.heldOut.count == 5 && a.train.count == 15)
        #expect(Set(a.train + a.heldOut) == Set(problems))
        #expect(a.heldOut != c.heldOut)
        #expect(a.heldOut == a.heldOut.sorted { Int($0.groundTruth) ?? 0 < Int($1.groundTruth) ?? 0 })
        #expect(throws: PromptDataset.DatasetError.self) {
            try PromptDataset.split(Array(problems.prefix(1)), heldOutFraction: 0.5, seed: 0)
        }
        #expect(throws: PromptDataset.DatasetError.self) {
            try PromptDataset.split(problems, heldOutFraction: 1, seed: 0)
        }
    }
}
