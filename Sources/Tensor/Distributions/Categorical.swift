/// A categorical distribution over `K` classes per row, from unnormalised logits `[..., K]` (PyTorch
/// `Categorical(logits=…)`), with an optional action mask: masked classes get logit −10⁸ (as SB3-contrib's
/// `MaskableCategorical`), so they have probability 0, are never sampled, add nothing to the entropy, and their
/// logits receive no gradient.
public struct Categorical: EntropyDistribution, Sendable {
    /// Normalised log-probabilities `[..., K]` (log-softmax of the masked logits).
    public let logProbabilities: Tensor

    /// Logit given to masked classes.
    public static let maskedLogit = -1e8

    /// - Parameters:
    ///   - logits: unnormalised scores `[..., K]` (at least one dimension).
    ///   - mask: optional 0/1 tensor shaped like `logits`, 1 where the class is allowed.
    public init(logits: Tensor, mask: Tensor? = nil) {
        precondition(
            logits.rank >= 1 && logits.shape[logits.rank - 1] > 0,
            "Categorical: logits need a non-empty last dimension, got \(logits.shape)")
        var masked = logits
        if let mask {
            precondition(
                mask.shape == logits.shape, "Categorical: mask \(mask.shape) must match logits \(logits.shape)")
            let fill = Tensor(repeating: Self.maskedLogit, shape: logits.shape, dtype: logits.dtype)
            masked = `where`(mask.cast(logits.dtype), logits, fill)
        }
        logProbabilities = logSoftmax(masked, axis: -1)
    }

    /// - Parameters:
    ///   - logits: unnormalised scores `[..., K]`.
    ///   - mask: `true` where the class is allowed, row-major in the shape of `logits`.
    public init(logits: Tensor, mask: [Bool]) {
        precondition(mask.count == logits.count, "Categorical: \(mask.count) mask entries for logits \(logits.shape)")
        self.init(logits: logits, mask: Tensor(mask.map { $0 ? 1.0 : 0.0 }, shape: logits.shape).cast(logits.dtype))
    }

    /// Number of classes K.
    public var classCount: Int { logProbabilities.shape[logProbabilities.rank - 1] }

    /// Shape of the batch (all but the last dimension of the logits).
    public var batchShape: [Int] { Array(logProbabilities.shape.dropLast()) }

    /// Probabilities `[..., K]`.
    public var probabilities: Tensor { exp(logProbabilities) }

    /// log p(action) for one action per row, shaped ``batchShape``.
    /// - Complexity: O(rows).
    public func logProb(_ actions: [Int]) -> Tensor {
        let rows = logProbabilities.count / classCount
        precondition(actions.count == rows, "Categorical.logProb: \(actions.count) actions for \(rows) rows")
        return logProbabilities.gather(indices: actions, axis: -1).reshaped(batchShape)
    }

    /// −Σ p log p per row, shaped ``batchShape``.
    public func entropy() -> Tensor {
        -(exp(logProbabilities) * logProbabilities).sum(axis: -1)
    }

    /// One class per row, drawn by inverse CDF with one uniform per row.
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> [Int] {
        sampleCategorical(logits: logProbabilities, using: &rng)
    }

    /// The most likely class per row (first on ties).
    public var mode: [Int] { logProbabilities.argmax(axis: -1) }

    /// KL(self ‖ other) per row: Σ p (log p − log q).
    public func klDivergence(to other: Categorical) -> Tensor {
        (exp(logProbabilities) * (logProbabilities - other.logProbabilities)).sum(axis: -1)
    }
}
