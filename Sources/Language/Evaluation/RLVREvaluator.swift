import Tensor

/// Metrics of sampling `samples` completions per held-out problem (the backend of `swiftrl rlvr eval`).
public struct EvaluationReport: Codable, Equatable, Sendable {
    /// Unbiased pass@k per k.
    public var passAtK: [Int: Double]
    /// maj@k per k (majority vote over extracted answers of the first k samples).
    public var majorityAtK: [Int: Double]
    /// avg@n: mean correctness over all samples.
    public var averageAtN: Double
    /// Fraction of problems with at least one correct sample (pass@n).
    public var coverage: Double
    /// Mean completion length in tokens.
    public var meanLength: Double
    /// Mean over tokens of the sampling distribution's entropy (nats).
    public var tokenEntropy: Double
    /// Mean over problems of the entropy of the extracted-answer distribution (nats).
    public var answerEntropy: Double
    /// Problems evaluated.
    public var problems: Int
    /// Samples per problem.
    public var samples: Int
    /// Correct samples per problem, in problem order (support comparisons: a problem is in the empirical support
    /// when at least one of its samples is correct).
    public var correctCounts: [Int] = []
    /// The Invisible Leash's token entropy (arXiv:2507.14843 §5.1): the mean over sequences of each sequence's mean
    /// token entropy (``tokenEntropy`` pools all tokens instead).
    public var sequenceTokenEntropy: Double = 0

    private enum CodingKeys: String, CodingKey {
        case passAtK, majorityAtK, averageAtN, coverage, meanLength, tokenEntropy, answerEntropy, problems, samples
        case correctCounts, sequenceTokenEntropy
    }

    /// Creates a report.
    public init(
        passAtK: [Int: Double], majorityAtK: [Int: Double], averageAtN: Double, coverage: Double, meanLength: Double,
        tokenEntropy: Double, answerEntropy: Double, problems: Int, samples: Int, correctCounts: [Int] = [],
        sequenceTokenEntropy: Double = 0
    ) {
        self.passAtK = passAtK
        self.majorityAtK = majorityAtK
        self.averageAtN = averageAtN
        self.coverage = coverage
        self.meanLength = meanLength
        self.tokenEntropy = tokenEntropy
        self.answerEntropy = answerEntropy
        self.problems = problems
        self.samples = samples
        self.correctCounts = correctCounts
        self.sequenceTokenEntropy = sequenceTokenEntropy
    }

    /// Decodes a report; the per-problem counts and sequence entropy may be absent (older files).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        passAtK = try c.decode([Int: Double].self, forKey: .passAtK)
        majorityAtK = try c.decode([Int: Double].self, forKey: .majorityAtK)
        averageAtN = try c.decode(Double.self, forKey: .averageAtN)
        coverage = try c.decode(Double.self, forKey: .coverage)
        meanLength = try c.decode(Double.self, forKey: .meanLength)
        tokenEntropy = try c.decode(Double.self, forKey: .tokenEntropy)
        answerEntropy = try c.decode(Double.self, forKey: .answerEntropy)
        problems = try c.decode(Int.self, forKey: .problems)
        samples = try c.decode(Int.self, forKey: .samples)
        correctCounts = try c.decodeIfPresent([Int].self, forKey: .correctCounts) ?? []
        sequenceTokenEntropy = try c.decodeIfPresent(Double.self, forKey: .sequenceTokenEntropy) ?? 0
    }
}

/// Samples completions for held-out problems and scores them with a verifier.
public struct RLVREvaluator: Sendable {
    /// Samples per problem (n).
    public var samples: Int
    /// Budgets for pass@k and maj@k; values above `samples` are skipped.
    public var ks: [Int]
    /// Sampling settings (max new tokens, temperature, top-k/top-p, stop and pad tokens).
    public var generation: GenerationConfig
    /// Completions generated per model call (rows of one batch).
    public var batchSize: Int

    /// Creates an evaluator.
    public init(samples: Int = 16, ks: [Int] = [1, 2, 4, 8, 16], generation: GenerationConfig, batchSize: Int = 64) {
        self.samples = samples
        self.ks = ks
        self.generation = generation
        self.batchSize = batchSize
    }

    /// Evaluates `model` on `problems`.
    /// - Parameters:
    ///   - encode: prompt text → token ids.
    ///   - decode: completion ids → text for the verifier.
    /// - Throws: ``PassAtK/ArgumentError`` if `samples < 1`; tokenizer and ``GenerationError`` errors.
    public func evaluate<M: CausalLanguageModel, G: RandomNumberGenerator>(
        model: M, problems: [TaskProblem], verifier: any Verifier, encode: (String) throws -> [Int],
        decode: ([Int]) -> String, using rng: inout G
    ) throws -> EvaluationReport {
        guard samples >= 1, batchSize >= 1 else {
            throw PassAtK.ArgumentError(message: "evaluation needs samples ≥ 1 and batchSize ≥ 1")
        }
        var correct: [[Bool]] = [], answers: [[String?]] = []
        var lengthSum = 0.0, entropySum = 0.0, tokenCount = 0.0, sequenceEntropySum = 0.0
        for problem in problems {
            let prompt = try encode(problem.prompt)
            var problemCorrect: [Bool] = [], problemAnswers: [String?] = []
            var remaining = samples
            while remaining > 0 {
                let rows = min(remaining, batchSize)
                let result = try model.generate(
                    prompts: Array(repeating: prompt, count: rows), config: generation, using: &rng)
                for (tokens, entropies) in zip(result.tokens, result.entropies) {
                    let check = verifier.verify(
                        prompt: problem.prompt, completion: decode(tokens), groundTruth: problem.groundTruth)
                    problemCorrect.append(check.correct)
                    problemAnswers.append(check.answer)
                    lengthSum += Double(tokens.count)
                    entropySum += entropies.reduce(0, +)
                    tokenCount += Double(entropies.count)
                    if !entropies.isEmpty { sequenceEntropySum += entropies.reduce(0, +) / Double(entropies.count) }
                }
                remaining -= rows
            }
            correct.append(problemCorrect)
            answers.append(problemAnswers)
        }
        var report = try Self.report(
            correct: correct, answers: answers, ks: ks,
            meanLength: lengthSum / Double(max(1, samples * problems.count)),
            tokenEntropy: tokenCount > 0 ? entropySum / tokenCount : 0)
        report.sequenceTokenEntropy = sequenceEntropySum / Double(max(1, samples * problems.count))
        return report
    }

    /// The report for per-problem correctness and extracted answers (all problems with the same sample count).
    /// - Throws: ``PassAtK/ArgumentError`` if problems have different sample counts.
    public static func report(
        correct: [[Bool]], answers: [[String?]], ks: [Int], meanLength: Double = 0, tokenEntropy: Double = 0
    ) throws(PassAtK.ArgumentError) -> EvaluationReport {
        let n = correct.first?.count ?? 0
        guard correct.allSatisfy({ $0.count == n }) else {
            throw PassAtK.ArgumentError(message: "every problem needs the same number of samples")
        }
        let counts = correct.map { (n: n, correct: $0.filter { $0 }.count) }
        var pass: [Int: Double] = [:], majority: [Int: Double] = [:]
        for k in ks where k >= 1 && k <= n {
            pass[k] = try PassAtK.mean(counts, k: k)
            let votes = zip(answers, correct).map { PassAtK.majorityCorrect(answers: $0, correct: $1, k: k) }
            majority[k] = votes.isEmpty ? 0 : Double(votes.filter { $0 }.count) / Double(votes.count)
        }
        let covered = counts.filter { $0.correct > 0 }.count
        let answerEntropy =
            answers.isEmpty ? 0 : answers.map(EntropyMetrics.answerLevel).reduce(0, +) / Double(answers.count)
        return EvaluationReport(
            passAtK: pass, majorityAtK: majority, averageAtN: PassAtK.average(correct),
            coverage: correct.isEmpty ? 0 : Double(covered) / Double(correct.count), meanLength: meanLength,
            tokenEntropy: tokenEntropy, answerEntropy: answerEntropy, problems: correct.count, samples: n,
            correctCounts: counts.map(\.correct))
    }
}
