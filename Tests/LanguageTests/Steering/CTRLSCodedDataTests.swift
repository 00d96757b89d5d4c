import Foundation
import Tensor
import Testing

@testable import Language

/// The coded SFT style: every step carries its operator's code, the arithmetic is valid, and the verifier reads
/// the answer line.
@Suite("CTRLS coded data")
struct CTRLSCodedDataTests {
    /// Checks one coded completion; returns the value of its last step.
    static func checkSteps(_ completion: String, numbers: [Int]) -> Int? {
        let parts = completion.components(separatedBy: ";Answer: ")
        guard parts.count == 2 else { return nil }
        var available = numbers
        var last: Int?
        for step in parts[0].split(separator: ",") {
            let chars = Array(step)
            guard let code = chars.first, let opIndex = chars.dropFirst(2).firstIndex(where: { "+-*/".contains($0) }),
                let eq = chars.firstIndex(of: "="),
                let a = Int(String(chars[1..<opIndex])), let b = Int(String(chars[(opIndex + 1)..<eq])),
                let value = Int(String(chars[(eq + 1)...]))
            else { return nil }
            let op = chars[opIndex]
            guard CodedSolution.code(for: op) == code else { return nil }
            let expected: Int? = switch op {
            case "+": a + b
            case "-": a - b >= 0 ? a - b : nil
            case "*": a * b
            default: b != 0 && a % b == 0 ? a / b : nil
            }
            guard expected == value else { return nil }
            for n in [a, b] {
                guard let i = available.firstIndex(of: n) else { return nil }
                available.remove(at: i)
            }
            available.append(value)
            last = value
        }
        return available.count == 1 ? last : nil
    }

    @Test func codedExamplesParseAndVerify() throws {
        let task = try SyntheticTask(kind: .countdown, difficulty: 2)
        let data = try SFTExampleGenerator(task: task, styleMix: try StyleMix(parsing: "coded=1"), noise: 0)
        var rng = Xoshiro256StarStar(seed: 7)
        var correct = 0
        let n = 200
        for _ in 0..<n {
            let example = data.example(using: &rng)
            #expect(example.style == .coded)
            let truth = try #require(CountdownVerifier.parseGroundTruth(example.prompt.groundTruthOfPrompt))
            let last = try #require(Self.checkSteps(example.completion, numbers: truth.numbers))
            let answer = try #require(example.completion.components(separatedBy: "Answer: ").last)
            #expect(abs(try ArithmeticExpression.evaluate(answer).value - Double(last)) < 1e-9)
            let check = data.verifier.verify(
                prompt: example.prompt, completion: example.completion, groundTruth: "\(truth.target)|"
                    + truth.numbers.map(String.init).joined(separator: " "))
            #expect(check.formatOK)
            #expect(check.correct == (last == truth.target))
            if check.correct { correct += 1 }
        }
        // half solver solutions (always right) plus the random traces that happen to hit the target
        #expect(correct > n / 2 - 30 && correct < n - 20)
    }

    @Test func referenceCodedTextPrefixesEveryStep() throws {
        let problem = TaskProblem(prompt: "make 24 with 3 4 2:", groundTruth: "24|3 4 2")
        let solution = try #require(CountdownSolver.solve(target: 24, numbers: [3, 4, 2]))
        #expect(solution.steps == ["3*4=12", "2*12=24"])
        let text = WorkedSolution.text(for: problem, kind: .countdown, style: .coded, answer: solution.expression)
        #expect(text == "m3*4=12,m2*12=24;Answer: \(solution.expression)")
        let addition = TaskProblem(prompt: "47+85=", groundTruth: "132")
        #expect(WorkedSolution.text(for: addition, kind: .addition, style: .coded, answer: "132")
            == WorkedSolution.text(for: addition, kind: .addition, style: .steps, answer: "132"))
    }

    @Test func solverEnumeratesDistinctVerifiedSolutions() {
        let all = CountdownSolver.solutions(target: 24, numbers: [3, 4, 2], limit: 16)
        #expect(all.count >= 2)
        #expect(Set(all.map(\.steps)).count == all.count)
        #expect(all == CountdownSolver.solutions(target: 24, numbers: [3, 4, 2], limit: 16))
        let verifier = CountdownVerifier()
        for solution in all {
            let check = verifier.verify(prompt: "", completion: "Answer: \(solution.expression)", groundTruth: "24|3 4 2")
            #expect(check.correct)
        }
        #expect(CountdownSolver.solutions(target: 24, numbers: [3, 4, 2], limit: 1).count == 1)
    }
}

extension String {
    /// `make 24 with 3 4 2:` → `24|3 4 2`.
    fileprivate var groundTruthOfPrompt: String {
        let words = dropLast().split(separator: " ")
        return "\(words[1])|" + words.dropFirst(3).joined(separator: " ")
    }
}
