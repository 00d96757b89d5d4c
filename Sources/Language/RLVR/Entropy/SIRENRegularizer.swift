import Tensor

/// SIREN's selective entropy regulariser ("Rethinking Entropy Regularization in Large Reasoning
/// Models", arXiv:2509.25133; code `Linn3a/siren`, `dp_actor.py`): the entropy is taken over the nucleus only
/// (top-p mask over actions), at the highest-entropy positions of each response only (peak mask over states), and
/// held near its initial value by a quadratic, `L = L_PG + c·(H_sel − H₀)²`, instead of the monotone `−α·H` that
/// spreads mass over the whole vocabulary.
///
/// - Top-p entropy `Hᵖ_t`: sort π(·|s_t), keep the (at most `topK`) tokens ranked before the one at which the
///   cumulative probability reaches `topP` (SIREN's `searchsorted` cut-off, here per row rather than the code's
///   micro-batch maximum), renormalise them to q, `Hᵖ_t = −Σ q log q`; 0 when no token is kept.
/// - Peak mask: positions whose `Hᵖ_t` is strictly above the per-response `peakQuantile` quantile (linear
///   interpolation as `torch.nanquantile`) over the response's valid tokens (`mask_by_quantile`).
/// - `H_sel = AGG_seq-mean-token-mean(Hᵖ ⊙ peak)`; H₀ is `H_sel` of the first minibatch under the initial policy.
public struct SIRENRegularizer: Codable, Equatable, Sendable {
    /// c, the coefficient of `(H_sel − H₀)²`, default 0 (off); the paper 0.005 (`entropy_coeff`).
    public var coefficient: Double
    /// p of the top-p mask (`entropy_topp`), default 0.8.
    public var topP: Double
    /// At most this many tokens enter the nucleus (`entropy_topk`), default 10,000.
    public var topK: Int
    /// The peak-entropy mask keeps positions above this per-response quantile (`mask_ratio`), default 0.8.
    public var peakQuantile: Double
    /// Whether the peak-entropy mask is applied, default true. One-token responses (bandits) need it off: the
    /// quantile of a single value is the value itself, so no position would be kept.
    public var peakMask: Bool

    /// Creates a setting (off by default; `SIRENRegularizer.paper` has the paper's coefficient).
    public init(
        coefficient: Double = 0, topP: Double = 0.8, topK: Int = 10_000, peakQuantile: Double = 0.8,
        peakMask: Bool = true
    ) {
        self.coefficient = coefficient
        self.topP = topP
        self.topK = topK
        self.peakQuantile = peakQuantile
        self.peakMask = peakMask
    }

    /// The paper's setting: c 0.005, top-p 0.8, top-k 10,000, quantile 0.8.
    public static let paper = SIRENRegularizer(coefficient: 0.005)

    /// Whether the regulariser is active.
    public var isEnabled: Bool { coefficient != 0 }

    /// Checks the knobs.
    /// - Throws: ``RLVRInputError`` naming the invalid field.
    public func validate() throws(RLVRInputError) {
        func check(_ ok: Bool, _ message: String) throws(RLVRInputError) {
            if !ok { throw RLVRInputError("RLVRConfig.objective.siren: \(message)") }
        }
        try check(coefficient >= 0 && coefficient.isFinite, "coefficient must be ≥ 0 (got \(coefficient))")
        try check(topP > 0 && topP <= 1, "topP must be in (0, 1] (got \(topP))")
        try check(topK >= 1, "topK must be ≥ 1 (got \(topK))")
        try check(peakQuantile >= 0 && peakQuantile < 1, "peakQuantile must be in [0, 1) (got \(peakQuantile))")
    }

    /// The tokens of one next-token distribution that form SIREN's nucleus (indices into `probabilities`, most
    /// probable first; ties by index). Peaked distributions take a few max-passes; flat ones one sort.
    public func nucleus(_ probabilities: UnsafeBufferPointer<Float>) -> [Int] {
        let limit = min(topK, probabilities.count)
        var kept: [Int] = [], cumulative = 0.0
        var previous: (value: Float, index: Int) = (.infinity, -1)
        // a few passes picking the next maximum (strictly after `previous` in the (value desc, index asc) order)
        for _ in 0..<min(limit, 4) {
            var best = -1
            var bestValue: Float = -1
            for i in 0..<probabilities.count {
                let v = probabilities[i]
                let after = v < previous.value || (v == previous.value && i > previous.index)
                if after && (v > bestValue) {
                    best = i
                    bestValue = v
                }
            }
            guard best >= 0 else { return kept }
            cumulative += Double(bestValue)
            if cumulative >= topP { return kept }
            kept.append(best)
            previous = (bestValue, best)
        }
        guard kept.count < limit else { return kept }
        // flat distribution: sort the rest once
        let order = probabilities.indices.sorted {
            probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1
        }
        for index in order.dropFirst(kept.count).prefix(limit - kept.count) {
            cumulative += Double(probabilities[index])
            if cumulative >= topP { break }
            kept.append(index)
        }
        return kept
    }

    /// The peak mask of one response: `values[t] > quantile_q(values)` (linear interpolation), over all given values.
    public func peakPositions(_ values: [Double]) -> [Bool] {
        guard peakMask else { return Array(repeating: true, count: values.count) }
        guard !values.isEmpty else { return [] }
        let sorted = values.sorted()
        let position = peakQuantile * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        let threshold = sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
        return values.map { $0 > threshold }
    }

    /// `[B, T]` top-p entropies (differentiable in `logProbabilities`) and the `[B, T]` 0/1 selection mask
    /// (peak positions among `mask`'s valid tokens, constant).
    /// - Parameters:
    ///   - logProbabilities: `[B, T, V]` log π(·|s_t) at the temperature of the loss.
    ///   - mask: `[B, T]` valid-token mask.
    public func selectedEntropy(logProbabilities: Tensor, mask: Tensor) -> (entropy: Tensor, selection: Tensor) {
        let shape = logProbabilities.shape
        let rows = shape[0], width = shape[1], vocabulary = shape[2]
        var nucleusMask = [Float](repeating: 0, count: rows * width * vocabulary)
        let probabilities = exp(stopGradient(logProbabilities))
        probabilities.withFloats { p in
            for position in 0..<(rows * width) {
                let row = UnsafeBufferPointer(rebasing: p[(position * vocabulary)..<((position + 1) * vocabulary)])
                for index in nucleus(row) { nucleusMask[position * vocabulary + index] = 1 }
            }
        }
        let entropy = maskedEntropy(
            logProbabilities: logProbabilities, mask: Tensor(nucleusMask, shape: shape).cast(logProbabilities.dtype))
        let values = entropy.doubles, valid = mask.doubles
        var selection = [Double](repeating: 0, count: rows * width)
        for b in 0..<rows {
            let positions = (0..<width).filter { valid[b * width + $0] > 0 }
            let peaks = peakPositions(positions.map { values[b * width + $0] })
            for (t, isPeak) in zip(positions, peaks) where isPeak { selection[b * width + t] = 1 }
        }
        return (entropy, Tensor(selection, shape: [rows, width]).cast(logProbabilities.dtype))
    }
}
