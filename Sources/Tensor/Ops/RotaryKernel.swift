import RealModule

/// Rotary position embedding (Su et al. 2021, RoFormer, arXiv:2104.09864) in Hugging Face's `rotate_half`
/// convention: the head vector is split into halves `(x₁, x₂)` and position `p` maps it to
/// `(x₁·cos − x₂·sin, x₂·cos + x₁·sin)` with angle `p · θ^(−2i/D)` for pair `i` (dimensions `i` and `i + D/2`).
/// The backward pass is the same rotation by the negative angle.
struct RotaryKernel<T: TensorScalar> {
    /// cos and sin of each (position, pair), `[positions, D/2]` row-major.
    let cos: [T]
    let sin: [T]
    let half: Int
    /// Whether the table has one row per (outer, t) instead of one per t shared by all outer rows.
    let perRow: Bool

    init<C: Collection<Int>>(positions: C, headDim: Int, base: Double, perRow: Bool = false) {
        half = headDim / 2
        self.perRow = perRow
        let inverseFrequencies = (0..<half).map { i in 1 / Double.pow(base, Double(2 * i) / Double(headDim)) }
        var c = [T](repeating: 0, count: positions.count * half), s = c
        // rows repeat positions (every batch row when decoding), so each distinct position is computed once
        var firstRow: [Int: Int] = [:]
        for (row, p) in positions.enumerated() {
            if let earlier = firstRow[p] {
                for i in 0..<half {
                    c[row * half + i] = c[earlier * half + i]
                    s[row * half + i] = s[earlier * half + i]
                }
                continue
            }
            firstRow[p] = row
            for i in 0..<half {
                let angle = Double(p) * inverseFrequencies[i]
                c[row * half + i] = T(Double.cos(angle))
                s[row * half + i] = T(Double.sin(angle))
            }
        }
        cos = c
        sin = s
    }

    /// Rotates `x` laid out `[outer, T, heads, D]` into `y`; `sign` −1 applies the inverse rotation.
    func apply(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, outer: Int, length: Int, heads: Int, sign: T) {
        let d = 2 * half
        for o in 0..<outer {
            for t in 0..<length {
                let table = (perRow ? o * length + t : t) * half
                for h in 0..<heads {
                    let base = ((o * length + t) * heads + h) * d
                    let xv = x + base, yv = y + base
                    for i in 0..<half {
                        let c = cos[table + i], s = sign * sin[table + i]
                        let a = xv[i], b = xv[i + half]
                        yv[i] = a * c - b * s
                        yv[i + half] = b * c + a * s
                    }
                }
            }
        }
    }
}

/// Applies rotary position embeddings to queries or keys laid out `[..., T, heads, headDim]` (the layout right
/// after the projection, before heads are moved forward), for positions `positionOffset ..< positionOffset + T`.
///
/// - Parameters:
///   - x: `[..., T, H, D]` with an even head dimension `D`.
///   - positionOffset: position of the first token (the key/value cache length when decoding).
///   - base: θ, the frequency base (GPT-NeoX/Llama 10 000; Qwen2 1 000 000 in its configs).
/// - Returns: the rotated tensor, same shape.
/// - Complexity: O(x.count) plus O(T·D) sines and cosines.
public func applyRotaryEmbedding(_ x: Tensor, positionOffset: Int = 0, base: Double = 10_000) -> Tensor {
    let length = x.rank >= 3 ? x.shape[x.rank - 3] : 0
    return applyRotaryEmbedding(x, positions: Array(positionOffset..<(positionOffset + length)), base: base)
}

/// Applies rotary position embeddings with explicit positions (Hugging Face `position_ids`): `T` positions shared
/// by every row, or one list of `T` per leading row (`[B, T]` for `x [B, T, H, D]`, e.g. left-padded batches).
///
/// - Parameters:
///   - x: `[..., T, H, D]` with an even head dimension `D`.
///   - positions: `T` or `outer·T` positions, row-major.
///   - base: θ, the frequency base.
/// - Returns: the rotated tensor, same shape.
/// - Complexity: O(x.count) plus O(positions.count·D) sines and cosines.
public func applyRotaryEmbedding(_ x: Tensor, positions: [Int], base: Double = 10_000) -> Tensor {
    precondition(x.rank >= 3, "applyRotaryEmbedding: expected [..., T, heads, headDim], got \(x.shape)")
    let d = x.shape[x.rank - 1], heads = x.shape[x.rank - 2], length = x.shape[x.rank - 3]
    precondition(d % 2 == 0, "applyRotaryEmbedding: head dimension \(d) must be even")
    let outer = x.count / Swift.max(length * heads * d, 1)
    precondition(
        positions.count == length || positions.count == outer * length,
        "applyRotaryEmbedding: \(positions.count) positions for \(outer) rows of \(length) tokens")
    let perRow = positions.count != length
    switch x.dtype {
    case .float32:
        let kernel = RotaryKernel<Float>(positions: positions, headDim: d, base: base, perRow: perRow)
        return rotaryTyped(kernel, x, outer, length, heads)
    case .float64:
        let kernel = RotaryKernel<Double>(positions: positions, headDim: d, base: base, perRow: perRow)
        return rotaryTyped(kernel, x, outer, length, heads)
    }
}

private func rotaryTyped<T: TensorScalar>(
    _ kernel: RotaryKernel<T>, _ x: Tensor, _ outer: Int, _ length: Int, _ heads: Int
) -> Tensor {
    func run(_ input: [T], sign: T) -> [T] {
        [T](unsafeUninitializedCapacity: input.count) { buffer, n in
            input.withUnsafeBufferPointer { px in
                if let px = px.baseAddress, let py = buffer.baseAddress {
                    kernel.apply(px, py, outer: outer, length: length, heads: heads, sign: sign)
                }
            }
            n = input.count
        }
    }
    let out = Tensor(storage: T.wrap(run(x.array(), sign: 1)), shape: x.shape)
    return recordOp(out, [x]) { [shape = x.shape] g in [Tensor(storage: T.wrap(run(g.array(), sign: -1)), shape: shape)]
    }
}
