import RealModule

extension Tensor {
    /// Uniform samples in `[low, high)`.
    public static func uniform<G: RandomNumberGenerator>(
        _ shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32, using rng: inout G
    ) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Double](repeating: 0, count: n)
        for i in 0..<n { values[i] = low + (high - low) * rng.nextDouble() }
        return Tensor(values, shape: shape).cast(dtype)
    }

    /// Normal samples with the given mean and standard deviation.
    public static func normal<G: RandomNumberGenerator>(
        _ shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32, using rng: inout G
    ) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Double](repeating: 0, count: n)
        for i in 0..<n { values[i] = mean + std * rng.normal() }
        return Tensor(values, shape: shape).cast(dtype)
    }
}

/// A uniformly random permutation of `0..<n` (Fisher–Yates).
public func randomPermutation<G: RandomNumberGenerator>(_ n: Int, using rng: inout G) -> [Int] {
    var p = Array(0..<n)
    if n > 1 {
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(rng.next(upperBound: UInt64(i + 1)))
            p.swapAt(i, j)
        }
    }
    return p
}

/// One category per row of `logits` (`[B, K]`, or `[K]` for a single draw), sampled from softmax(logits) by
/// inverse-CDF on one uniform per row.
public func sampleCategorical<G: RandomNumberGenerator>(logits: Tensor, using rng: inout G) -> [Int] {
    let k = logits.shape[logits.rank - 1]
    let probs = withNoGrad { softmax(logits, axis: -1) }.doubles
    let rows = probs.count / Swift.max(k, 1)
    var out = [Int](repeating: 0, count: rows)
    for r in 0..<rows {
        let u = rng.nextDouble()
        var c = 0.0
        var chosen = (0..<k).last { probs[r * k + $0] > 0 } ?? (k - 1)  // fallback for rounding at u ≈ 1
        for j in 0..<k {
            c += probs[r * k + j]
            if u < c {
                chosen = j
                break
            }
        }
        out[r] = chosen
    }
    return out
}
