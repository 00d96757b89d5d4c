import Foundation

/// Token-level and answer-level entropy (digest §4: "local stochasticity without global exploration").
public enum EntropyMetrics {
    /// Entropy (nats) of one next-token distribution given as probabilities; zero probabilities contribute 0.
    public static func entropy(probabilities p: [Double]) -> Double {
        -p.reduce(0) { $0 + ($1 > 0 ? $1 * Foundation.log($1) : 0) }
    }

    /// Entropy (nats) of one next-token distribution given as logits (softmax with max subtraction).
    public static func entropy(logits: [Double]) -> Double {
        guard let top = logits.max() else { return 0 }
        let exps = logits.map { Foundation.exp($0 - top) }
        let z = exps.reduce(0, +)
        return entropy(probabilities: exps.map { $0 / z })
    }

    /// Token-level entropy: the mean of per-token entropies over the valid tokens of all responses.
    public static func tokenLevel(_ perToken: [[Double]]) -> Double {
        let all = perToken.flatMap { $0 }
        return all.isEmpty ? 0 : all.reduce(0, +) / Double(all.count)
    }

    /// Answer-level entropy for one problem: the entropy of the empirical distribution of distinct extracted
    /// answers among its samples (samples without an answer count as one extra "no answer" outcome).
    public static func answerLevel(_ answers: [String?]) -> Double {
        guard !answers.isEmpty else { return 0 }
        var counts: [String?: Int] = [:]
        for a in answers { counts[a, default: 0] += 1 }
        let n = Double(answers.count)
        return entropy(probabilities: counts.values.map { Double($0) / n })
    }
}
