import Foundation
import Tensor
import Testing

@testable import Language

@Suite("Task generators")
struct TaskGeneratorTests {
    static func tasks() throws -> [any TaskGenerator] {
        [
            try ArithmeticTask(operation: .addition, minDigits: 2, maxDigits: 4),
            try ArithmeticTask(operation: .multiplication, minDigits: 1, maxDigits: 3),
            try CountdownTask(count: 4, maxNumber: 12), try SortingTask(), try ModularArithmeticTask(),
            try LinearEquationTask(),
        ]
    }

    @Test("the ground truth is accepted by the task's own verifier")
    func groundTruthVerifies() throws {
        var rng = SplitMix64(seed: 7)
        for task in try Self.tasks() {
            for problem in task.problems(count: 50, using: &rng) {
                let answer = task.name == "countdown" ? try Self.countdownSolution(problem) : problem.groundTruth
                let result = task.verifier.verify(
                    prompt: problem.prompt, completion: "Answer: \(answer)", groundTruth: problem.groundTruth)
                #expect(result.correct, "\(task.name): \(problem.prompt) -> \(answer)")
            }
        }
    }

    @Test("same seed, same problems")
    func seeded() throws {
        for task in try Self.tasks() {
            var a = SplitMix64(seed: 3), b = SplitMix64(seed: 3)
            #expect(task.problems(count: 5, using: &a) == task.problems(count: 5, using: &b))
        }
    }

    @Test("addition respects the digit knob")
    func digits() throws {
        var rng = SplitMix64(seed: 1)
        let task = try ArithmeticTask(minDigits: 5, maxDigits: 5)
        for p in task.problems(count: 20, using: &rng) {
            let operands = p.prompt.dropLast().split(separator: "+")
            #expect(operands.allSatisfy { $0.count == 5 })
            #expect(Int(operands[0]).flatMap { a in Int(operands[1]).map { a + $0 } } == Int(p.groundTruth))
        }
    }

    @Test("invalid knobs are clear errors")
    func invalidKnobs() {
        #expect(throws: TaskConfigurationError.self) { try ArithmeticTask(minDigits: 3, maxDigits: 2) }
        #expect(throws: TaskConfigurationError.self) { try ArithmeticTask(operation: .multiplication, maxDigits: 12) }
        #expect(throws: TaskConfigurationError.self) { try CountdownTask(count: 9) }
        #expect(throws: TaskConfigurationError.self) { try ModularArithmeticTask(modulus: 1) }
    }

    /// Brute-force a solution (exhaustive over orders and operations, left-to-right) for the countdown check.
    static func countdownSolution(_ problem: TaskProblem) throws -> String {
        let truth = try #require(CountdownVerifier.parseGroundTruth(problem.groundTruth))
        func search(_ value: Int, _ expr: String, _ rest: [Int]) -> String? {
            if rest.isEmpty { return value == truth.target ? expr : nil }
            for (i, n) in rest.enumerated() {
                var remaining = rest
                remaining.remove(at: i)
                var options = [(value + n, "(\(expr)+\(n))"), (value * n, "(\(expr))*\(n)")]
                if value - n >= 0 { options.append((value - n, "(\(expr)-\(n))")) }
                if value % n == 0 { options.append((value / n, "(\(expr))/\(n)")) }
                for (v, e) in options { if let found = search(v, e, remaining) { return found } }
            }
            return nil
        }
        for (i, first) in truth.numbers.enumerated() {
            var rest = truth.numbers
            rest.remove(at: i)
            if let found = search(first, String(first), rest) { return found }
        }
        throw RLVRInputError("no solution for \(problem.prompt)")
    }
}

@Suite("Prompt datasets (JSONL)")
struct PromptDatasetTests {
    @Test("write then read round-trips, with TRL/verl field names")
    func roundTrip() throws {
        let problems = [TaskProblem(prompt: "1+2=", groundTruth: "3"), TaskProblem(prompt: "a\"b", groundTruth: "x")]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("h8-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try PromptDataset.write(problems, to: url)
        #expect(try PromptDataset.read(from: url) == problems)
        #expect(PromptDataset.encode(problems).contains("\"ground_truth\":\"3\""))
    }

    @Test("numeric ground truths and extra fields are accepted")
    func lenient() throws {
        let text = "{\"prompt\": \"2*3=\", \"ground_truth\": 6, \"data_source\": \"x\"}\n\n"
        #expect(try PromptDataset.decode(text) == [TaskProblem(prompt: "2*3=", groundTruth: "6")])
    }

    @Test("a bad line names its line number and the missing field")
    func badLine() {
        let text = "{\"prompt\": \"a\", \"ground_truth\": \"b\"}\n{\"prompt\": \"c\"}\n"
        #expect(
            throws: PromptDataset.DatasetError(
                path: "<memory>", line: 2, reason: "missing field `ground_truth` (a string or a number)")
        ) { try PromptDataset.decode(text) }
        #expect(throws: PromptDataset.DatasetError.self) { try PromptDataset.decode("not json\n") }
    }
}
