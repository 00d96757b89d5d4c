import Testing
@testable import Tensor

@Suite("Multi-head attention, rotary embeddings, causal softmax, key/value cache")
struct AttentionTests {
    /// Loads fixture parameters into a module by path.
    static func load(_ module: Module, from fixture: TorchLayersFixture, case name: String) throws {
        for (path, tensor) in module.namedParameters() {
            tensor.assign(try fixture.tensor(name, path, dtype: tensor.dtype))
        }
    }

    @Test("grouped-query attention with RoPE matches the Hugging Face Llama/Qwen2 computation")
    func gqaRopeMatchesTorch() throws {
        let fixture = try TorchLayersFixture.load()
        var rng = TestRNG(1)
        let attention = MultiHeadAttention(
            modelDim: 8, numHeads: 4, numKeyValueHeads: 2, outputBias: false,
            rotaryBase: try fixture.number("attention_gqa_rope", "base"), dtype: .float64, using: &rng)
        #expect(
            attention.namedParameters().map { $0.path } == [
                "q_proj.weight", "q_proj.bias", "k_proj.weight", "k_proj.bias", "v_proj.weight", "v_proj.bias",
                "o_proj.weight",
            ])
        try Self.load(attention, from: fixture, case: "attention_gqa_rope")
        let y = attention(try fixture.tensor("attention_gqa_rope", "x"))
        #expect(maxDifference(y, try fixture.tensor("attention_gqa_rope", "y")) < 1e-12)
    }

    @Test("fused c_attn/c_proj attention matches the GPT-2 computation")
    func fusedMatchesTorch() throws {
        let fixture = try TorchLayersFixture.load()
        var rng = TestRNG(1)
        let attention = MultiHeadAttention(modelDim: 6, numHeads: 2, projections: .fused, dtype: .float64, using: &rng)
        #expect(
            attention.namedParameters().map { $0.path } == [
                "c_attn.weight", "c_attn.bias", "c_proj.weight", "c_proj.bias",
            ])
        try Self.load(attention, from: fixture, case: "attention_fused")
        let y = attention(try fixture.tensor("attention_fused", "x"))
        #expect(maxDifference(y, try fixture.tensor("attention_fused", "y")) < 1e-12)
    }

    @Test(
        "decoding token by token with the cache equals one full forward pass",
        arguments: [(1, nil as Double?), (2, 10_000.0), (4, 1e6)])
    func cacheMatchesFullPass(kvHeads: Int, rotaryBase: Double?) {
        var rng = TestRNG(11)
        let attention = MultiHeadAttention(
            modelDim: 16, numHeads: 4, numKeyValueHeads: kvHeads,
            rotaryBase: rotaryBase, using: &rng)
        let x = Tensor.normal([2, 7, 16], using: &rng)
        let full = attention(x)
        var cache = KeyValueCache()
        // a 3-token prefill, then one token at a time
        var pieces = [attention(x.slice(axis: 1, 0..<3), cache: &cache)]
        for t in 3..<7 { pieces.append(attention(x.slice(axis: 1, t..<(t + 1)), cache: &cache)) }
        #expect(cache.length == 7)
        #expect(cache.keys?.shape == [2, 7, kvHeads, 4])
        #expect(maxDifference(concat(pieces, axis: 1), full) < 1e-5)
    }

    @Test("the output at position t does not depend on later tokens")
    func causality() {
        var rng = TestRNG(2)
        let attention = MultiHeadAttention(modelDim: 8, numHeads: 2, rotaryBase: 100, dtype: .float64, using: &rng)
        let x = Tensor.normal([1, 5, 8], dtype: .float64, using: &rng)
        let changed = concat(
            [x.slice(axis: 1, 0..<3), Tensor.normal([1, 2, 8], dtype: .float64, using: &rng)], axis: 1)
        #expect(maxDifference(attention(x).slice(axis: 1, 0..<3), attention(changed).slice(axis: 1, 0..<3)) < 1e-14)
        #expect(maxDifference(attention(x), attention(changed)) > 1e-3)
    }

    @Test(
        "attention gradients (all projections and input) against finite differences",
        arguments: [AttentionProjections.separate, .fused])
    func attentionGradient(projections: AttentionProjections) {
        var rng = TestRNG(5)
        let attention = MultiHeadAttention(
            modelDim: 8, numHeads: 4, numKeyValueHeads: 2, projections: projections,
            rotaryBase: 50, dtype: .float64, using: &rng)
        let x = randomDouble([2, 3, 8], seed: 6)
        expectModuleGradient(attention, inputs: [x]) { attention($0[0]) }
    }

    @Test("non-causal attention lets every position see every other")
    func nonCausal() {
        var rng = TestRNG(8)
        let attention = MultiHeadAttention(modelDim: 4, numHeads: 2, causal: false, dtype: .float64, using: &rng)
        let x = Tensor.normal([1, 3, 4], dtype: .float64, using: &rng)
        let changed = concat(
            [x.slice(axis: 1, 0..<2), Tensor.normal([1, 1, 4], dtype: .float64, using: &rng)], axis: 1)
        #expect(maxDifference(attention(x).slice(axis: 1, 0..<1), attention(changed).slice(axis: 1, 0..<1)) > 1e-6)
        expectModuleGradient(attention, inputs: [randomDouble([1, 3, 4])]) { attention($0[0]) }
    }

    @Test("causalSoftmax equals a masked softmax and is zero above the diagonal")
    func causalSoftmaxValues() {
        let scores = randomDouble([2, 3, 5], low: -2, high: 2)
        let y = causalSoftmax(scores, scale: 0.5).doubles  // 3 queries over 5 keys: offset 2
        let s = scores.doubles
        for m in 0..<2 {
            for r in 0..<3 {
                let allowed = r + 3
                let row = (0..<allowed).map { Double.exp(0.5 * s[(m * 3 + r) * 5 + $0]) }
                let total = row.reduce(0, +)
                for j in 0..<5 {
                    let expected = j < allowed ? row[j] / total : 0
                    #expect(Swift.abs(y[(m * 3 + r) * 5 + j] - expected) < 1e-14)
                }
            }
        }
    }

    @Test("causalSoftmax gradient, including stacked query groups")
    func causalSoftmaxGradient() {
        expectGradient([randomDouble([2, 4, 4], low: -2, high: 2)]) { causalSoftmax($0[0], scale: 0.7) }
        expectGradient([randomDouble([1, 6, 5], low: -2, high: 2)]) { causalSoftmax($0[0], scale: 1.3, queryLength: 2) }
    }

    @Test("rotary embedding equals x·cos + rotate_half(x)·sin and has the right gradient")
    func rotary() {
        let x = randomDouble([2, 3, 2, 4])  // [B, T, H, D]
        let y = applyRotaryEmbedding(x, positionOffset: 5, base: 100)
        let xv = x.doubles, yv = y.doubles
        for b in 0..<2 {
            for t in 0..<3 {
                for h in 0..<2 {
                    for i in 0..<2 {
                        let angle = Double(t + 5) / Double.pow(100, Double(2 * i) / 4)
                        let base = ((b * 3 + t) * 2 + h) * 4
                        let (x1, x2) = (xv[base + i], xv[base + i + 2])
                        #expect(Swift.abs(yv[base + i] - (x1 * Double.cos(angle) - x2 * Double.sin(angle))) < 1e-13)
                        #expect(Swift.abs(yv[base + i + 2] - (x2 * Double.cos(angle) + x1 * Double.sin(angle))) < 1e-13)
                    }
                }
            }
        }
        expectGradient([x]) { applyRotaryEmbedding($0[0], positionOffset: 2, base: 10) }
    }

    @Test("scaledDotProductAttention equals softmax(QKᵀ/√D + causal mask)·V per head (grouped keys)")
    func sdpaMatchesComposite() {
        let q = randomDouble([2, 3, 4, 2], seed: 1), k = randomDouble([2, 5, 2, 2], seed: 2)
        let v = randomDouble([2, 5, 2, 2], seed: 3)
        let y = scaledDotProductAttention(query: q, key: k, value: v)
        // reference: heads forward, kv heads repeated (h → h / 2), 3 queries at positions 2, 3, 4 of 5 keys
        let qh = q.permuted([0, 2, 1, 3])
        let kh = k.permuted([0, 2, 1, 3]).indexSelect([0, 0, 1, 1], axis: 1)
        let vh = v.permuted([0, 2, 1, 3]).indexSelect([0, 0, 1, 1], axis: 1)
        var bias = [Double](repeating: 0, count: 15)
        for i in 0..<3 { for j in 0..<5 where j > i + 2 { bias[i * 5 + j] = -1e30 } }
        let scores = matmul(qh, kh, transposeB: true) * (1 / 2.0.squareRoot()) + Tensor(bias, shape: [3, 5])
        let reference = matmul(softmax(scores, axis: -1), vh).permuted([0, 2, 1, 3])
        #expect(maxDifference(y, reference) < 1e-14)
    }

    @Test("scaledDotProductAttention gradients with grouped heads, causal and key masks")
    func sdpaGradient() {
        let q = randomDouble([2, 3, 4, 2], seed: 4), k = randomDouble([2, 4, 2, 2], seed: 5)
        let v = randomDouble([2, 4, 2, 2], seed: 6)
        let mask = [true, false, true, true, true, true, true, false]
        expectGradient([q, k, v]) { scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2]) }
        expectGradient([q, k, v]) { scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], keyMask: mask) }
        expectGradient([q, k, v]) {
            scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], scale: 0.3, causal: false, keyMask: mask)
        }
    }

    @Test("one query per row (decoding): equals the composite softmax(qKᵀ·scale + mask)·V, masks, cache prefix")
    func singleQueryMatchesComposite() {
        // 3 rows, 4 query heads over 2 key/value heads, a 6-position buffer of which 5 are valid
        let q = randomDouble([3, 1, 4, 8], seed: 7), k = randomDouble([3, 6, 2, 8], seed: 8)
        let v = randomDouble([3, 6, 2, 8], seed: 9)
        // row 0 all visible, row 1 left padding of 2, row 2 every key hidden (a padding query)
        let mask = [true, true, true, true, true, false, false, true, true, true, false, false, false, false, false]
        let y = scaledDotProductAttention(query: q, key: k, value: v, scale: 0.4, keyMask: mask, keyLength: 5)
        let qv: [Double] = q.array(), kv: [Double] = k.array(), vv: [Double] = v.array(), yv: [Double] = y.array()
        for b in 0..<3 {
            for h in 0..<4 {
                var weights = [Double](repeating: 0, count: 5)
                for j in 0..<5 where mask[b * 5 + j] {
                    var dot = 0.0
                    for i in 0..<8 { dot += qv[(b * 4 + h) * 8 + i] * kv[((b * 6 + j) * 2 + h / 2) * 8 + i] }
                    weights[j] = Double.exp(0.4 * dot)
                }
                let total = weights.reduce(0, +)
                for i in 0..<8 {
                    var expected = 0.0
                    for j in 0..<5 where total > 0 { expected += weights[j] / total * vv[((b * 6 + j) * 2 + h / 2) * 8 + i] }
                    #expect(Swift.abs(yv[(b * 4 + h) * 8 + i] - expected) < 1e-12)
                }
            }
        }
        let qf = randomDouble([2, 1, 2, 16], seed: 10).cast(.float32)
        let kf = randomDouble([2, 4, 2, 16], seed: 11).cast(.float32)
        let vf = randomDouble([2, 4, 2, 16], seed: 12).cast(.float32)
        let earlier = randomDouble([2, 3, 2, 16], seed: 16).cast(.float32)
        let fast = scaledDotProductAttention(query: qf, key: kf, value: vf)
        let reference = scaledDotProductAttention(query: concat([earlier, qf], axis: 1), key: kf, value: vf)
            .slice(axis: 1, 3..<4)
        // the composite GEMM path with 4 queries gives the same last row
        #expect(maxDifference(fast, reference) < 1e-5)
        let qg = randomDouble([2, 1, 4, 2], seed: 13), kg = randomDouble([2, 4, 2, 2], seed: 14)
        let vg = randomDouble([2, 4, 2, 2], seed: 15)
        let gradientMask = [true, false, true, true, false, true, true, true]
        expectGradient([qg, kg, vg]) {
            scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], keyMask: gradientMask)
        }
    }
}
