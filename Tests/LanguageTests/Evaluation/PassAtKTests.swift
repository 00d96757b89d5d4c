import Foundation
import Tensor
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

@Suite("RLVR evaluator")
struct RLVREvaluatorTests {
    @Test("report from hand-made samples: pass@k, maj@k, avg, coverage")
    func report() throws {
        let correct = [[true, false, false, false], [false, false, false, false]]
        let answers: [[String?]] = [["3", "4", "4", nil], ["1", "1", "1", "1"]]
        let r = try RLVREvaluator.report(correct: correct, answers: answers, ks: [1, 2, 8])
        #expect(abs((r.passAtK[1] ?? -1) - 0.125) < 1e-12)  // (1/4 + 0) / 2
        #expect(abs((r.passAtK[2] ?? -1) - 0.25) < 1e-12)  // (1 − C(3,2)/C(4,2) = 0.5 + 0) / 2
        #expect(r.passAtK[8] == nil)  // k > n is skipped
        #expect(r.majorityAtK[1] == 0.5 && r.majorityAtK[2] == 0.5)  // k = 2: tie "3"/"4" → first seen "3"
        #expect(r.averageAtN == 0.125 && r.coverage == 0.5)
        #expect(abs(r.answerEntropy - (-(0.25 * log(0.25) * 2 + 0.5 * log(0.5))) / 2) < 1e-12)
    }

    @Test("evaluating a tiny model runs and reports n samples per problem")
    func evaluateModel() throws {
        let tokenizer = CharacterTokenizer(characters: "0123456789x")
        var rng = SplitMix64(seed: 4)
        let model = try GPT2Model(
            configuration: GPT2Configuration(
                vocabularySize: tokenizer.vocabularySize, contextLength: 16, hiddenSize: 8, layers: 1, heads: 2),
            using: &rng)
        let evaluator = RLVREvaluator(
            samples: 6, ks: [1, 4], generation: GenerationConfig(maxNewTokens: 2, stopTokens: [2]), batchSize: 4)
        let report = try evaluator.evaluate(
            model: model, problems: [TaskProblem(prompt: "x", groundTruth: "1")],
            verifier: ExactAnswerVerifier(extractor: .firstLine),
            encode: { try tokenizer.encode($0, addBeginning: true) },
            decode: { tokenizer.decode($0) }, using: &rng)
        #expect(report.samples == 6 && report.problems == 1 && report.passAtK.keys.sorted() == [1, 4])
        #expect(report.meanLength >= 1 && report.meanLength <= 2)
    }
}
