/// The gate arithmetic of one LSTM step (PyTorch gate order i, f, g, o) fused into one op: from the summed
/// pre-activations `gates = W_ih·x + b_ih + W_hh·h + b_hh` (`[B, 4H]`) and the cell `c [B, H]`,
/// c′ = σ(f) ⊙ c + σ(i) ⊙ tanh(g), h′ = σ(o) ⊙ tanh(c′).
///
/// - Parameters:
///   - gates: `[B, 4H]` pre-activations.
///   - cell: `c`, `[B, H]`.
/// - Returns: `[B, 2H]` holding `h′` in the first H columns and `c′` in the last H (slice them apart); gradients
///   flow to `gates` and `cell`.
/// - Complexity: O(B·H) forward and backward in one recorded op.
public func lstmGates(_ gates: Tensor, cell: Tensor) -> Tensor {
    let b = cell.shape[0], h = cell.shape.last ?? 0
    precondition(
        cell.rank == 2 && gates.shape == [b, 4 * h],
        "lstmGates: gates \(gates.shape) must be [B, 4H] for cell \(cell.shape)")
    precondition(gates.dtype == cell.dtype, "lstmGates: dtypes differ")
    switch cell.dtype {
    case .float32: return lstmTyped(Float.self, gates, cell, b, h)
    case .float64: return lstmTyped(Double.self, gates, cell, b, h)
    }
}

private func lstmTyped<T: TensorScalar>(_: T.Type, _ gates: Tensor, _ cell: Tensor, _ batch: Int, _ width: Int)
    -> Tensor
{
    let gv: [T] = gates.array(), cv: [T] = cell.array()
    let n = batch * width
    // activated gates [B, 4H] and tanh(c′) [B, H] are saved for the backward pass
    var act = [T](repeating: 0, count: 4 * n), tanhCell = [T](repeating: 0, count: n)
    var out = [T](repeating: 0, count: 2 * n)
    for bi in 0..<batch {
        let g = bi * 4 * width
        for j in 0..<width {
            let k = bi * width + j
            let i = logistic(gv[g + j]), f = logistic(gv[g + width + j])
            let cg = T.tanh(gv[g + 2 * width + j]), o = logistic(gv[g + 3 * width + j])
            act[g + j] = i
            act[g + width + j] = f
            act[g + 2 * width + j] = cg
            act[g + 3 * width + j] = o
            let c = f * cv[k] + i * cg
            let tc = T.tanh(c)
            tanhCell[k] = tc
            out[bi * 2 * width + j] = o * tc
            out[bi * 2 * width + width + j] = c
        }
    }
    let result = Tensor(storage: T.wrap(out), shape: [batch, 2 * width])
    return recordOp(result, [gates, cell]) { [gateShape = gates.shape, cellShape = cell.shape] grad in
        let dv: [T] = grad.array()
        var dGates = [T](repeating: 0, count: 4 * n), dCell = [T](repeating: 0, count: n)
        for bi in 0..<batch {
            let g = bi * 4 * width
            for j in 0..<width {
                let k = bi * width + j
                let i = act[g + j], f = act[g + width + j], cg = act[g + 2 * width + j], o = act[g + 3 * width + j]
                let dh = dv[bi * 2 * width + j]
                let tc = tanhCell[k]
                let dc = dv[bi * 2 * width + width + j] + dh * o * (1 - tc * tc)
                dGates[g + j] = dc * cg * i * (1 - i)
                dGates[g + width + j] = dc * cv[k] * f * (1 - f)
                dGates[g + 2 * width + j] = dc * i * (1 - cg * cg)
                dGates[g + 3 * width + j] = dh * tc * o * (1 - o)
                dCell[k] = dc * f
            }
        }
        return [Tensor(storage: T.wrap(dGates), shape: gateShape), Tensor(storage: T.wrap(dCell), shape: cellShape)]
    }
}
