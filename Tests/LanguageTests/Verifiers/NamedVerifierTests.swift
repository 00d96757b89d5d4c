import Testing

@testable import Language

@Suite("Named verifiers (--verifier)")
struct NamedVerifierTests {
    static func check(_ name: String, _ completion: String, _ truth: String, tolerance: Double = 1e-6) throws
        -> VerificationResult
    {
        try VerifierName.parse(name).verifier(tolerance: tolerance).verify(
            prompt: "", completion: completion, groundTruth: truth)
    }

    @Test(
        "exact: the whole completion, trimmed, equals the ground truth",
        arguments: [
            ("  42 \n", "42", true), ("42.", "42", false), ("The answer is 42", "42", false), ("Paris", " Paris", true),
        ])
    func exact(completion: String, truth: String, correct: Bool) throws {
        #expect(try Self.check("exact", completion, truth).correct == correct)
    }

    @Test(
        "numeric: the last number, with commas and a trailing period, compared with the tolerance",
        arguments: [
            ("so the total is 1,234.", "1234", true),
            ("so the total is 1234", "1,234", true),
            ("x = -0.5", "-0.5", true),
            ("about 1000.0005", "1000", true),  // relative: 5e-4 ≤ 1e-6 · 1000
            ("about 0.0005", "0", false),  // absolute below 1: 5e-4 > 1e-6
            ("first 7 then 8", "7", false),
            ("$12.50 each", "12.5", true),
        ])
    func numeric(completion: String, truth: String, correct: Bool) throws {
        #expect(try Self.check("numeric", completion, truth).correct == correct)
    }

    @Test("numeric: no number is unformatted, and the answer key is the shortest spelling")
    func numericFormat() throws {
        let none = try Self.check("numeric", "I do not know", "3")
        #expect(!none.formatOK && none.answer == nil && none.reward == 0)
        #expect(try Self.check("numeric", "it is 1,234.0", "1234").answer == "1234")
    }

    @Test(
        "boxed: the last \\boxed{…} with nested braces, compared as text or number",
        arguments: [
            (#"so \boxed{\frac{1}{2}}"#, #"\frac{1}{2}"#, true),
            (#"\boxed{{a}+{b}} then"#, "{a}+{b}", true),
            (#"\boxed{3} no, \boxed{4}"#, "4", true),
            (#"\boxed{1,234}"#, "1234", true),
            (#"\boxed{5}"#, "6", false),
        ])
    func boxed(completion: String, truth: String, correct: Bool) throws {
        #expect(try Self.check("boxed", completion, truth).correct == correct)
    }

    @Test("boxed: an unclosed box is unformatted")
    func boxedUnclosed() throws {
        #expect(try !Self.check("boxed", #"\boxed{\frac{1}{2}"#, "1/2").formatOK)
    }

    @Test(
        "choice letters: the documented forms, lower case where accepted",
        arguments: [
            ("Answer: C", "C"), ("The answer is (B).", "B"), ("(d)", "D"), ("answer: e", "E"), ("b", "B"),
            ("I think so (A), then the answer is D", "D"), ("Let me see.\nC) is the one", "C"),
            ("the answer is (c)", "C"),
        ])
    func choiceForms(completion: String, letter: String) {
        #expect(ChoiceLetter.extract(from: completion) == letter)
    }

    @Test(
        "choice: prose that only looks like a letter is no answer",
        arguments: ["the answer is a guess", "Answer: Cats", "none"])
    func choiceRejects(completion: String) {
        #expect(ChoiceLetter.extract(from: completion) == nil)
    }

    @Test("choice: a lower-case or parenthesised ground truth matches")
    func choiceTruth() throws {
        #expect(try Self.check("choice", "Answer: C", "c").correct)
        #expect(try Self.check("choice", "Answer: (C)", "(C)").correct)
        #expect(try !Self.check("choice", "Answer: B", "C").correct)
    }

    @Test("regex: group 1 of the first match is the answer")
    func regex() throws {
        #expect(try Self.check(#"regex:Final: (\d+)"#, "Final: 12 … Final: 13", "12").correct)
        #expect(try !Self.check(#"regex:Final: (\d+)"#, "no final", "12").formatOK)
        #expect(try VerifierName.parse(#"regex:<answer>(.*?)</answer>"#).description == "regex:<answer>(.*?)</answer>")
    }

    @Test("bad names list the valid ones; patterns need a capture group and must compile")
    func parseErrors() {
        let unknown = #expect(throws: VerifierName.ParseError.self) { try VerifierName.parse("bxoed") }
        #expect(unknown?.description.contains("boxed, choice, regex:PATTERN") == true)
        #expect(unknown?.description.contains("Did you mean `boxed`?") == true)
        let noGroup = #expect(throws: VerifierName.ParseError.self) { try VerifierName.parse("regex:abc") }
        #expect(noGroup?.description.contains("no capture group") == true)
        let invalid = #expect(throws: VerifierName.ParseError.self) { try VerifierName.parse("regex:(") }
        #expect(invalid?.description.contains("not a valid regular expression") == true)
        #expect(throws: Never.self) { try VerifierName.parse(" NUMERIC ") }
    }
}

@Suite("Reward terms (--reward name=weight)")
struct RewardTermTests {
    @Test("parse name=weight, with a bare name meaning weight 1 and negative weights allowed")
    func parse() throws {
        #expect(try RewardTerm.parse("format=0.2") == RewardTerm(.format, weight: 0.2))
        #expect(try RewardTerm.parse("correctness") == RewardTerm(.correctness, weight: 1))
        #expect(try RewardTerm.parse("length=-0.5") == RewardTerm(.length, weight: -0.5))
        let unknown = #expect(throws: RewardTerm.ParseError.self) { try RewardTerm.parse("acuracy=1") }
        #expect(unknown?.description.contains("correctness, format, length") == true)
        let weight = #expect(throws: RewardTerm.ParseError.self) { try RewardTerm.parse("format=abc") }
        #expect(weight?.description.contains("not a number") == true)
        #expect(try RewardTerm.parse(list: ["format=0.2", "correctness=1"]).map(\.kind) == [.format, .correctness])
        let twice = #expect(throws: RewardTerm.ParseError.self) { try RewardTerm.parse(list: ["format", "format=2"]) }
        #expect(twice?.description.contains("given twice") == true)
    }

    @Test("correctness comes first whatever the order; if absent it is added with weight 1")
    func order() throws {
        let verifier = VerifierName.numeric.verifier()
        let rewards = try RewardTerm.weightedRewards(
            [RewardTerm(.format, weight: 0.2), RewardTerm(.correctness, weight: 2)], correctness: verifier,
            extractor: .lastNumber)
        #expect(rewards.map(\.name) == ["correctness", "format"] && rewards.map(\.weight) == [2, 0.2])
        let formatOnly = try RewardTerm.weightedRewards(
            [RewardTerm(.format, weight: 1)], correctness: verifier, extractor: .lastNumber)
        #expect(formatOnly.map(\.name) == ["correctness", "format"] && formatOnly[0].weight == 1)
        #expect(try RewardTerm.weightedRewards([], correctness: verifier, extractor: .lastNumber).map(\.weight) == [1])
        #expect(throws: RewardTerm.ParseError.self) {
            try RewardTerm.weightedRewards(
                [RewardTerm(.format, weight: 1), RewardTerm(.format, weight: 2)], correctness: verifier,
                extractor: .lastNumber)
        }
    }

    @Test("the length penalty is −min(1, characters / scale)")
    func length() {
        let v = LengthPenaltyVerifier(scale: 10)
        #expect(v.verify(prompt: "", completion: "12345", groundTruth: "").reward == -0.5)
        #expect(v.verify(prompt: "", completion: String(repeating: "x", count: 30), groundTruth: "").reward == -1)
    }
}
