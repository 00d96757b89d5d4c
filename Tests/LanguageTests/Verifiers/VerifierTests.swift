import Testing

@testable import Language

@Suite("Answer extraction")
struct AnswerExtractorTests {
    @Test(
        "each extractor reads the intended answer",
        arguments: [
            (AnswerExtractor.answerLine, "think 1+2\nAnswer: 42\nbye", "42"),
            (.afterMarker("####"), "work #### 7", "7"),
            (.tagged(open: "<answer>", close: "</answer>"), "<answer>1</answer> <answer> 3 </answer>", "3"),
            (.boxed, "so \\boxed{\\frac{1}{2}} done", "\\frac{1}{2}"),
            (.lastNumber, "we get 1,234 then -5.5.", "-5.5"),
            (.firstLine, "579\nextra", "579"),
        ])
    func extracts(extractor: AnswerExtractor, completion: String, expected: String) {
        #expect(extractor.extract(from: completion) == expected)
    }

    @Test("a missing marker yields nil, not a guess")
    func missing() {
        #expect(AnswerExtractor.answerLine.extract(from: "42") == nil)
        #expect(AnswerExtractor.answerLine.extract(from: "Answer:   ") == nil)
    }
}

@Suite("Verifiers")
struct VerifierTests {
    @Test("exact verifier: correct, wrong and unformatted get the scheme's rewards")
    func exactRewards() {
        let v = ExactAnswerVerifier(rewards: .plusMinusOne)
        #expect(v.verify(prompt: "1+1=", completion: "Answer: 2", groundTruth: "2").reward == 1)
        #expect(v.verify(prompt: "1+1=", completion: "Answer: 3", groundTruth: "2").reward == -1)
        let none = v.verify(prompt: "1+1=", completion: "2", groundTruth: "2")
        #expect(!none.formatOK && none.reward == -1 && none.answer == nil)
    }

    @Test("format credit rewards a parseable wrong answer")
    func formatCredit() {
        let v = ExactAnswerVerifier(rewards: .withFormatCredit)
        #expect(v.verify(prompt: "", completion: "Answer: 3", groundTruth: "2").reward == 0.1)
    }

    @Test("numeric answers compare as numbers and lists ignore spaces after commas")
    func normalisation() {
        let v = ExactAnswerVerifier()
        #expect(v.verify(prompt: "", completion: "Answer: 2.0", groundTruth: "2").correct)
        #expect(v.verify(prompt: "", completion: "Answer: 1, 2,  3", groundTruth: "1,2,3").correct)
    }

    @Test("countdown: a valid expression using all numbers reaches the target")
    func countdownCorrect() {
        let v = CountdownVerifier()
        #expect(v.verify(prompt: "", completion: "Answer: (4-2)*3*4", groundTruth: "24|3 4 2 4").correct)
        #expect(v.verify(prompt: "", completion: "Answer: 3*4*2", groundTruth: "24|3 4 2").correct)
    }

    @Test("countdown: reusing a number or leaving one out is wrong")
    func countdownWrongUse() {
        let v = CountdownVerifier()
        #expect(!v.verify(prompt: "", completion: "Answer: 4*4+8", groundTruth: "24|3 4 8").correct)
        #expect(!v.verify(prompt: "", completion: "Answer: 3*8", groundTruth: "24|3 4 8").correct)
        #expect(
            CountdownVerifier(mustUseAll: false).verify(prompt: "", completion: "Answer: 3*8", groundTruth: "24|3 4 8")
                .correct)
    }

    @Test("countdown: a malformed expression is unformatted")
    func countdownMalformed() {
        #expect(!CountdownVerifier().verify(prompt: "", completion: "Answer: (3+", groundTruth: "3|3").formatOK)
    }

    @Test("expression evaluator respects precedence and reports errors")
    func evaluator() throws {
        #expect(try ArithmeticExpression.evaluate("2+3*4").value == 14)
        #expect(try ArithmeticExpression.evaluate("-(2+3)*4").numbersUsed == [2, 3, 4])
        #expect(throws: ArithmeticExpression.ParseError.divisionByZero) { try ArithmeticExpression.evaluate("1/0") }
    }
}
