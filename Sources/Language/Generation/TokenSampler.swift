import Foundation
import Tensor

/// Picks one token from a row of logits under a ``GenerationConfig`` and reports the token's log-probability and
/// the entropy of the (temperature-scaled, unfiltered) distribution.
struct TokenSampler: Sendable {
    let config: GenerationConfig

    /// The chosen token, its log-probability and the entropy, from `logits` (one row of V values).
    func sample<G: RandomNumberGenerator>(
        _ logits: UnsafeBufferPointer<Float>, using rng: inout G
    ) -> (token: Int, logProbability: Double, entropy: Double) {
        let v = logits.count
        let temperature = config.temperature > 0 ? config.temperature : 1
        var scaled = [Double](repeating: 0, count: v)
        var maxLogit = -Double.infinity
        for j in 0..<v {
            scaled[j] = Double(logits[j]) / temperature
            maxLogit = max(maxLogit, scaled[j])
        }
        var sum = 0.0
        for j in 0..<v { sum += Foundation.exp(scaled[j] - maxLogit) }
        let logZ = maxLogit + Foundation.log(sum)
        var entropy = 0.0
        for j in 0..<v {
            let lp = scaled[j] - logZ
            if lp > -Double.infinity { entropy -= Foundation.exp(lp) * lp }
        }
        let token: Int
        if config.temperature == 0 {
            token = Self.argmax(scaled)
        } else {
            token = filteredDraw(scaled, logZ: logZ, using: &rng)
        }
        return (token, scaled[token] - logZ, entropy)
    }

    /// First index of the largest value (ties go to the lowest id, as `torch.argmax`).
    static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for j in 1..<max(values.count, 1) where values[j] > values[best] { best = j }
        return best
    }

    /// A draw from the distribution after top-k and top-p filtering (one uniform).
    private func filteredDraw<G: RandomNumberGenerator>(_ scaled: [Double], logZ: Double, using rng: inout G) -> Int {
        let v = scaled.count
        let k = config.topK ?? 0
        let needsFilter = (k > 0 && k < v) || config.topP < 1
        var candidates = Array(0..<v)
        if needsFilter {
            // descending probability, ties by id (stable)
            candidates.sort { scaled[$0] > scaled[$1] || (scaled[$0] == scaled[$1] && $0 < $1) }
            if k > 0 && k < v { candidates.removeSubrange(k...) }
            if config.topP < 1 {
                // keep tokens until the cumulative probability reaches topP (always at least one)
                var cumulative = 0.0, keep = 0
                for id in candidates {
                    keep += 1
                    cumulative += Foundation.exp(scaled[id] - logZ)
                    if cumulative >= config.topP { break }
                }
                candidates.removeSubrange(keep...)
            }
        }
        let weights = candidates.map { Foundation.exp(scaled[$0] - logZ) }
        let total = weights.reduce(0, +)
        let u = rng.nextDouble() * total
        var c = 0.0
        for (i, w) in weights.enumerated() {
            c += w
            if u < c { return candidates[i] }
        }
        return candidates.last ?? 0
    }
}
