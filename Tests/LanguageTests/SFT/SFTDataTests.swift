import Foundation
import Tensor
import Testing

@testable import Language

/// Reference solutions, style mixtures and noise of the SFT data.
@Suite struct SFTDataTests {
    @Test func workedStepsMatchHandDerivations() {
        func steps(_ prompt: String, _ kind: SyntheticTask.Kind) -> String? {
            WorkedSolution.steps(for: TaskProblem(prompt: prompt, groundTruth: ""), kind: kind)
        }
        #expect(steps("47+85=", .addition) == "7+5+0=12,4+8+1=13")
        #expect(steps("5+123=", .addition) == "5+3+0=8,0+2+0=2,0+1+0=1")
        #expect(steps("47*85=", .multiplication) == "47*5=235,47*80=3760")
        #expect(steps("(12*34+5)%97=", .modular) == "12*34=408,408+5=413,413%97=25")
        #expect(steps("3*x+4=19, x=", .linear) == "19-4=15,15/3=5")
        #expect(steps("-2*x-6=4, x=", .linear) == "4+6=10,10/-2=-5")
        #expect(steps("sort 3,1:", .sorting) == nil)
        let p = TaskProblem(prompt: "47+85=", groundTruth: "132")
        #expect(WorkedSolution.text(for: p, kind: .addition, style: .direct, answer: "132") == "Answer: 132")
        #expect(WorkedSolution.text(for: p, kind: .addition, style: .boxed, answer: "132") == "\\boxed{132}")
        #expect(
            WorkedSolution.text(for: p, kind: .addition, style: .steps, answer: "132")
                == "7+5+0=12,4+8+1=13;Answer: 132")
    }

    @Test func styleMixParsesAndSamplesInProportion() throws {
        let mix = try StyleMix(parsing: "direct=3,steps=1")
        #expect(mix.probability(of: .direct) == 0.75)
        #expect(mix.probability(of: .boxed) == 0)
        #expect(mix.text == "direct=3,steps=1")
        #expect(throws: TaskConfigurationError.self) { try StyleMix(parsing: "cot=1") }
        #expect(throws: TaskConfigurationError.self) { try StyleMix(parsing: "direct=0") }
        var rng = Xoshiro256StarStar(seed: 1)
        let draws = (0..<4000).map { _ in mix.sample(using: &rng) }
        let direct = Double(draws.filter { $0 == .direct }.count) / 4000
        #expect(abs(direct - 0.75) < 0.03)
    }

    @Test func noiseCorruptsTheRequestedFractionAndTheVerifierSeesIt() throws {
        let task = try SyntheticTask(kind: .addition, difficulty: 2)
        let data = try SFTExampleGenerator(
            task: task, styleMix: try StyleMix(parsing: "direct=1,steps=1"), noise: 0.4, malformedShare: 0.5)
        let verifier = ExactAnswerVerifier()
        var rng = Xoshiro256StarStar(seed: 2)
        var counts: [SFTExample.Corruption: Int] = [:]
        let n = 3000
        for _ in 0..<n {
            let e = data.example(using: &rng)
            counts[e.corruption, default: 0] += 1
            // the ground truth is recomputed from the prompt
            let parts = e.prompt.dropLast().split(separator: "+").compactMap { Int($0) }
            let truth = String(parts[0] + parts[1])
            let check = verifier.verify(prompt: e.prompt, completion: e.completion, groundTruth: truth)
            switch e.corruption {
            case .none: #expect(check.correct, "\(e)")
            case .wrongAnswer: #expect(check.formatOK && !check.correct, "\(e)")
            case .malformed: #expect(!check.formatOK, "\(e)")
            }
            #expect(throws: Never.self) { _ = try SyntheticTask.tokenizer.encode(e.prompt + e.completion) }
        }
        #expect(abs(Double(counts[.wrongAnswer, default: 0]) / Double(n) - 0.2) < 0.03)
        #expect(abs(Double(counts[.malformed, default: 0]) / Double(n) - 0.2) < 0.03)
    }

    @Test func everyTaskKindYieldsVerifiableReferenceSolutions() throws {
        for kind in SyntheticTask.Kind.allCases {
            let task = try SyntheticTask(kind: kind, difficulty: 2)
            let data = try SFTExampleGenerator(task: task, styleMix: try StyleMix(parsing: "direct,steps"), noise: 0)
            var rng = Xoshiro256StarStar(seed: 3)
            for _ in 0..<50 {
                let problem = data.problem(using: &rng)
                for style in [SolutionStyle.direct, .steps] {
                    let answer = WorkedSolution.referenceAnswer(for: problem, kind: kind)
                    let text = WorkedSolution.text(for: problem, kind: kind, style: style, answer: answer)
                    #expect(data.verifier.verify(prompt: problem.prompt, completion: text, groundTruth: problem.groundTruth).correct)
                    #expect(throws: Never.self) { _ = try SyntheticTask.tokenizer.encode(problem.prompt + text) }
                }
            }
        }
        #expect(throws: TaskConfigurationError.self) { try SyntheticTask(named: "count-down") }
        #expect(throws: TaskConfigurationError.self) { try SyntheticTask(kind: .countdown, difficulty: 5) }
        #expect(throws: TaskConfigurationError.self) { try SyntheticTask(kind: .multiplication, difficulty: 5) }
    }

    @Test func heldOutProblemsNeverAppearInTrainingData() throws {
        let task = try SyntheticTask(kind: .addition, difficulty: 1)  // only 100 distinct prompts
        let data = try SFTExampleGenerator(task: task, styleMix: .direct, noise: 0)
        var rng = Xoshiro256StarStar(seed: 9)
        let trained = Set((0..<2000).map { _ in data.example(using: &rng).prompt })
        let held = Set((0..<500).map { _ in data.heldOutProblem(using: &rng).prompt })
        #expect(trained.isDisjoint(with: held))
        #expect(held.count >= 5 && trained.count >= 60, "\(held.count) held out, \(trained.count) trained")
        #expect(held.allSatisfy { data.split.isHeldOut(TaskProblem(prompt: $0, groundTruth: "")) })
    }

    @Test func countdownSolverFindsTheHandSolutionsAndEveryGeneratedProblem() throws {
        let solution = try #require(CountdownSolver.solve(target: 24, numbers: [3, 4, 2]))
        // the fixed search order: 3+4 fails, 3*4 = 12 then 2*12 = 24
        #expect(solution.expression == "2*(3*4)")
        #expect(solution.steps == ["3*4=12", "2*12=24"])
        #expect(CountdownSolver.solve(target: 7, numbers: [2, 2]) == nil)  // 4, 4, 0, 1: never 7
        #expect(CountdownSolver.solve(target: 5, numbers: [5])?.expression == "5")
        // 10 − (2 + 3) needs the combined value on the right of a subtraction
        let right = try #require(CountdownSolver.solve(target: 5, numbers: [10, 2, 3]))
        let rightValue = try ArithmeticExpression.evaluate(right.expression).value
        #expect(rightValue == 5)
        let verifier = CountdownVerifier()
        for count in 2...5 {
            let task = try CountdownTask(count: count, maxNumber: 10)
            var rng = Xoshiro256StarStar(seed: UInt64(count))
            for _ in 0..<40 {
                let problem = task.generate(using: &rng)
                let found = try #require(
                    CountdownVerifier.parseGroundTruth(problem.groundTruth).flatMap {
                        CountdownSolver.solve(target: $0.target, numbers: $0.numbers)
                    }, "\(problem.prompt)")
                let check = verifier.verify(
                    prompt: problem.prompt, completion: "Answer: \(found.expression)", groundTruth: problem.groundTruth)
                #expect(check.correct, "\(problem.prompt) → \(found.expression)")
                #expect(found.steps.count == count - 1)
            }
        }
    }

    @Test func countdownExamplesAreCorrectWrongOrMalformedAsLabelled() throws {
        let hand = TaskProblem(prompt: "make 14 with 3 4 2:", groundTruth: "14|3 4 2")
        let answer = WorkedSolution.referenceAnswer(for: hand, kind: .countdown)
        let value = try ArithmeticExpression.evaluate(answer).value
        #expect(value == 14)
        let steps = try #require(WorkedSolution.steps(for: hand, kind: .countdown))
        #expect(steps.split(separator: ",").count == 2 && steps.hasSuffix("=14"))
        let task = try SyntheticTask(kind: .countdown, difficulty: 2)
        let data = try SFTExampleGenerator(
            task: task, styleMix: try StyleMix(parsing: "direct=1,steps=1"), noise: 0.5, malformedShare: 0.4)
        var rng = Xoshiro256StarStar(seed: 4)
        var seen: Set<SFTExample.Corruption> = []
        for _ in 0..<300 {
            let e = data.example(using: &rng)
            seen.insert(e.corruption)
            // the ground truth is read back from the prompt `make T with a b c:`
            let words = e.prompt.dropLast().split(separator: " ")
            let truth = "\(words[1])|\(words[3...].joined(separator: " "))"
            let check = data.verifier.verify(prompt: e.prompt, completion: e.completion, groundTruth: truth)
            switch e.corruption {
            case .none: #expect(check.correct, "\(e)")
            case .wrongAnswer: #expect(check.formatOK && !check.correct, "\(e)")
            case .malformed: #expect(!check.formatOK, "\(e)")
            }
            #expect(throws: Never.self) { _ = try SyntheticTask.tokenizer.encode(e.prompt + e.completion) }
        }
        #expect(seen == [.none, .wrongAnswer, .malformed])
    }
}
