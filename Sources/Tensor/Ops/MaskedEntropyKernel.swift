/// The entropy of a distribution restricted to a mask and renormalised, from log-probabilities, in one pass and one
/// recorded op (SIREN's top-p entropy, arXiv:2509.25133): with `q_v = m_v·e^{l_v} / Σ_u m_u·e^{l_u}`,
/// `H = −Σ_v q_v log q_v = log Z − Σ_v q_v l_v` over the last axis; a row whose mask is empty gets 0.
///
/// Gradient (l treated as free inputs): `∂H/∂l_v = q_v·(Σ_u q_u l_u − l_v)`; the mask is a constant.
/// - Parameters:
///   - logProbabilities: `[..., V]` log-probabilities (differentiable).
///   - mask: `[..., V]` 0/1 constants, the same shape.
/// - Returns: `[...]`, the renormalised entropies in nats.
public func maskedEntropy(logProbabilities: Tensor, mask: Tensor) -> Tensor {
    precondition(
        logProbabilities.shape == mask.shape && logProbabilities.rank >= 1,
        "maskedEntropy: logProbabilities \(logProbabilities.shape) and mask \(mask.shape) must have one shape")
    switch logProbabilities.dtype {
    case .float32: return maskedEntropyTyped(Float.self, logProbabilities, mask)
    case .float64: return maskedEntropyTyped(Double.self, logProbabilities, mask)
    }
}

private func maskedEntropyTyped<T: TensorScalar>(_: T.Type, _ logProbabilities: Tensor, _ mask: Tensor) -> Tensor {
    let l: [T] = logProbabilities.array(), m: [T] = mask.array()
    let v = logProbabilities.shape[logProbabilities.rank - 1]
    let rows = v == 0 ? 0 : l.count / v
    // per row: q (kept for the gradient) and Σ q·l
    var q = [T](repeating: 0, count: l.count)
    var meanLog = [T](repeating: 0, count: rows)
    var out = [T](repeating: 0, count: rows)
    for r in 0..<rows {
        let base = r * v
        var z: T = 0
        for i in base..<(base + v) where m[i] != 0 {
            let p = T.exp(l[i])
            q[i] = p
            z += p
        }
        guard z > 0 else { continue }
        var s: T = 0
        for i in base..<(base + v) where m[i] != 0 {
            q[i] /= z
            s += q[i] * l[i]
        }
        meanLog[r] = s
        out[r] = T.log(z) - s
    }
    let result = Tensor(storage: T.wrap(out), shape: Array(logProbabilities.shape.dropLast()))
    return recordOp(result, [logProbabilities]) { [shape = logProbabilities.shape] grad in
        let g: [T] = grad.array()
        var d = [T](repeating: 0, count: l.count)
        for r in 0..<rows where g[r] != 0 {
            let base = r * v
            for i in base..<(base + v) where q[i] != 0 { d[i] = g[r] * q[i] * (meanLog[r] - l[i]) }
        }
        return [Tensor(storage: T.wrap(d), shape: shape)]
    }
}
