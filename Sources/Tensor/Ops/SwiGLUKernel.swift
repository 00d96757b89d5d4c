/// The gated activation of SwiGLU MLPs (Shazeer 2020; Llama/Qwen2 `act_fn(gate_proj(x)) * up_proj(x)` with
/// SiLU): `silu(gate) ⊙ up` in one pass and one recorded op, instead of a SiLU op, a product op and the
/// intermediate tensor between them.
///
/// Gradients: `∂/∂up = silu(gate)`, `∂/∂gate = up · σ(gate) · (1 + gate · (1 − σ(gate)))`.
/// - Parameters:
///   - gate: any shape.
///   - up: the same shape and dtype as `gate`.
/// - Returns: `silu(gate) ⊙ up`, the shape of `gate`.
public func swiGLU(gate: Tensor, up: Tensor) -> Tensor {
    precondition(
        gate.shape == up.shape && gate.dtype == up.dtype,
        "swiGLU: gate \(gate.shape) \(gate.dtype) and up \(up.shape) \(up.dtype) must match")
    switch gate.dtype {
    case .float32: return swiGLUTyped(Float.self, gate, up)
    case .float64: return swiGLUTyped(Double.self, gate, up)
    }
}

/// σ(x) with the vectorisable clamped exponential for `Float` (as the SiLU op), the exact one for `Double`.
@inline(__always)
private func swiGLUSigmoid<T: TensorScalar>(_ x: T) -> T {
    if T.self == Float.self {
        let s = 1 / (1 + FastMath.exp(-unsafeBitCast(x, to: Float.self)))
        return unsafeBitCast(s, to: T.self)
    }
    return SigmoidF.value(x)
}

private func swiGLUTyped<T: TensorScalar>(_: T.Type, _ gate: Tensor, _ up: Tensor) -> Tensor {
    let g: [T] = gate.array(), u: [T] = up.array()
    let out = [T](unsafeUninitializedCapacity: g.count) { buffer, initialized in
        g.withUnsafeBufferPointer { pg in
            u.withUnsafeBufferPointer { pu in
                for i in 0..<pg.count { buffer[i] = pg[i] * swiGLUSigmoid(pg[i]) * pu[i] }
            }
        }
        initialized = g.count
    }
    let result = Tensor(storage: T.wrap(out), shape: gate.shape)
    return recordOp(result, [gate, up]) { [shape = gate.shape] grad in
        let gy: [T] = grad.array()
        var dGate = uninitializedArray(T.self, count: g.count)
        var dUp = uninitializedArray(T.self, count: g.count)
        gy.withUnsafeBufferPointer { py in
            g.withUnsafeBufferPointer { pg in
                u.withUnsafeBufferPointer { pu in
                    dGate.withUnsafeMutableBufferPointer { dg in
                        dUp.withUnsafeMutableBufferPointer { du in
                            for i in 0..<pg.count {
                                let s = swiGLUSigmoid(pg[i])
                                du[i] = py[i] * pg[i] * s
                                dg[i] = py[i] * pu[i] * s * (1 + pg[i] * (1 - s))
                            }
                        }
                    }
                }
            }
        }
        return [Tensor(storage: T.wrap(dGate), shape: shape), Tensor(storage: T.wrap(dUp), shape: shape)]
    }
}
