import Tensor

/// How a per-token loss matrix `[B, T]` becomes a scalar (verl `agg_loss`; TRL `loss_type`).
public enum LossAggregation: Codable, Equatable, Sendable {
    /// Σ_i Σ_t ℓ·m / Σ_i Σ_t m — DAPO's token-level loss, Lite PPO, TRL `"dapo"`/`"bnpo"`.
    case tokenMean
    /// (1/B') Σ_i (Σ_t ℓ·m / Σ_t m) over the B' rows with at least one valid token — original GRPO, GSPO.
    case seqMeanTokenMean
    /// (1/B) Σ_i Σ_t ℓ·m.
    case seqMeanTokenSum
    /// Σ_i Σ_t ℓ·m / (B·L) with a constant L (Dr. GRPO; TRL `"dr_grpo"` with L = max completion length);
    /// `nil` uses the padded width T.
    case seqMeanTokenSumNorm(length: Int?)

    /// The constant weights `W` with `AGG(ℓ) = Σ ℓ ⊙ W`, as a `[B, T]` array (row-major).
    public func weights(mask: [Double], rows: Int, width: Int) -> [Double] {
        guard rows > 0, width > 0, mask.count == rows * width else { return mask.map { _ in 0 } }
        let lengths = (0..<rows).map { i in (0..<width).reduce(0.0) { $0 + mask[i * width + $1] } }
        var out = [Double](repeating: 0, count: mask.count)
        switch self {
        case .tokenMean:
            let total = lengths.reduce(0, +)
            if total > 0 { for k in mask.indices { out[k] = mask[k] / total } }
        case .seqMeanTokenMean:
            let nonEmpty = Double(lengths.filter { $0 > 0 }.count)
            for i in 0..<rows where lengths[i] > 0 {
                for t in 0..<width { out[i * width + t] = mask[i * width + t] / (lengths[i] * nonEmpty) }
            }
        case .seqMeanTokenSum:
            for k in mask.indices { out[k] = mask[k] / Double(rows) }
        case let .seqMeanTokenSumNorm(length):
            let l = Double(length ?? width)
            for k in mask.indices { out[k] = mask[k] / (Double(rows) * max(l, 1)) }
        }
        return out
    }

    /// Aggregates `loss` `[B, T]` under `mask` `[B, T]` (0/1 or weights) to a scalar, differentiably in `loss`.
    public func aggregate(_ loss: Tensor, mask: Tensor) -> Tensor {
        let rows = loss.shape.first ?? 1
        let width = loss.count / max(rows, 1)
        let w = weights(mask: mask.doubles, rows: rows, width: width)
        let weightTensor = Tensor(w, shape: loss.shape).cast(loss.dtype)
        return (loss * weightTensor).sum()
    }
}
