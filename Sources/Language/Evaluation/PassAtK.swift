import Foundation

/// Sampling-based evaluation metrics for verifiable tasks (Chen et al. 2021, arXiv:2107.03374; DAPO avg@k).
public enum PassAtK {
    /// Invalid evaluation arguments.
    public struct ArgumentError: Error, Equatable, CustomStringConvertible {
        /// What was wrong and how to fix it.
        public var message: String
        public var description: String { message }
    }

    /// The unbiased pass@k for one problem: `1 − C(n−c, k)/C(n, k)`, computed as `1 − Π_{i=n−c+1}^{n} (1 − k/i)`.
    /// - Parameters:
    ///   - n: samples drawn.
    ///   - correct: how many were correct (c).
    ///   - k: the budget, `1 ≤ k ≤ n`.
    /// - Throws: ``ArgumentError`` unless `1 ≤ k ≤ n` and `0 ≤ c ≤ n`.
    public static func unbiased(n: Int, correct c: Int, k: Int) throws(ArgumentError) -> Double {
        guard k >= 1, k <= n else { throw ArgumentError(message: "pass@k needs 1 ≤ k ≤ n; got k = \(k), n = \(n)") }
        guard c >= 0, c <= n else { throw ArgumentError(message: "pass@k needs 0 ≤ correct ≤ n; got \(c) of \(n)") }
        if n - c < k { return 1 }
        var product = 1.0
        for i in (n - c + 1)...max(n, n - c + 1) where c > 0 { product *= 1 - Double(k) / Double(i) }
        return 1 - product
    }

    /// Mean unbiased pass@k over problems, each given as `(n, correct)`.
    /// - Throws: ``ArgumentError`` if any problem has fewer than `k` samples.
    public static func mean(_ problems: [(n: Int, correct: Int)], k: Int) throws(ArgumentError) -> Double {
        guard !problems.isEmpty else { return 0 }
        var total = 0.0
        for p in problems { total += try unbiased(n: p.n, correct: p.correct, k: k) }
        return total / Double(problems.count)
    }

    /// avg@k: the mean correctness over all samples of all problems (DAPO reports avg@32).
    public static func average(_ correctness: [[Bool]]) -> Double {
        let all = correctness.flatMap { $0 }
        return all.isEmpty ? 0 : Double(all.filter { $0 }.count) / Double(all.count)
    }

    /// maj@k for one problem: whether the most frequent extracted answer among the first `k` samples is correct.
    /// Ties go to the answer seen first; samples without an answer (`nil`) do not vote.
    public static func majorityCorrect(answers: [String?], correct: [Bool], k: Int) -> Bool {
        var votes: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        var isCorrect: [String: Bool] = [:]
        for i in 0..<min(k, answers.count, correct.count) {
            guard let a = answers[i] else { continue }
            votes[a, default: 0] += 1
            if firstSeen[a] == nil { firstSeen[a] = i }
            isCorrect[a] = isCorrect[a] ?? correct[i]
        }
        let winner = votes.max { x, y in
            x.value != y.value ? x.value < y.value : (firstSeen[x.key] ?? 0) > (firstSeen[y.key] ?? 0)
        }
        return winner.flatMap { isCorrect[$0.key] } ?? false
    }
}
