import Foundation
import Testing

@testable import Language

@Suite("pass@k, avg@k, maj@k")
struct PassAtKTests {
    @Test("n = 10, c = 3, k = 5 gives 1 − C(7,5)/C(10,5) = 1 − 21/252")
    func digestValue() throws {
        #expect(abs(try PassAtK.unbiased(n: 10, correct: 3, k: 5) - (1 - 21.0 / 252.0)) < 1e-12)
    }

    @Test("pass@1 is c/n", arguments: [(8, 0), (8, 3), (8, 8)])
    func passAtOne(n: Int, c: Int) throws {
        #expect(abs(try PassAtK.unbiased(n: n, correct: c, k: 1) - Double(c) / Double(n)) < 1e-12)
    }

    @Test("pass@k is 1 when fewer than k samples are wrong")
    func saturates() throws {
        #expect(try PassAtK.unbiased(n: 4, correct: 2, k: 3) == 1)
    }

    @Test("k > n is a clear error")
    func kTooLarge() {
        #expect(throws: PassAtK.ArgumentError.self) { try PassAtK.unbiased(n: 4, correct: 1, k: 5) }
    }

    @Test("mean over problems: (pass@2 of 4 with 1 correct = 0.5) and (4 of 4 = 1) → 0.75")
    func meanOverProblems() throws {
        #expect(abs(try PassAtK.mean([(4, 1), (4, 4)], k: 2) - 0.75) < 1e-12)
    }

    @Test("avg@k is the mean correctness over all samples")
    func average() {
        #expect(PassAtK.average([[true, false, false, false], [true, true, false, false]]) == 3.0 / 8.0)
    }

    @Test("maj@k takes the most frequent answer; nil answers do not vote")
    func majority() {
        let answers: [String?] = ["5", "7", "7", nil, nil, nil]
        #expect(!PassAtK.majorityCorrect(answers: answers, correct: [true, false, false, false, false, false], k: 6))
        #expect(PassAtK.majorityCorrect(answers: answers, correct: [true, false, false, false, false, false], k: 1))
    }
}

@Suite("Entropy metrics")
struct EntropyMetricsTests {
    @Test("uniform over 4 tokens has entropy log 4, from probabilities and from logits")
    func uniform() {
        #expect(abs(EntropyMetrics.entropy(probabilities: [0.25, 0.25, 0.25, 0.25]) - log(4.0)) < 1e-12)
        #expect(abs(EntropyMetrics.entropy(logits: [3, 3, 3, 3]) - log(4.0)) < 1e-12)
    }

    @Test("answer-level entropy of [a, a, b, nil] = −(½ log ½ + 2·¼ log ¼)")
    func answerLevel() {
        let expected = -(0.5 * log(0.5) + 2 * 0.25 * log(0.25))
        #expect(abs(EntropyMetrics.answerLevel(["a", "a", "b", nil]) - expected) < 1e-12)
    }

    @Test("token-level entropy is the mean over all tokens")
    func tokenLevel() {
        #expect(abs(EntropyMetrics.tokenLevel([[1, 2], [3]]) - 2) < 1e-12)
    }
}
