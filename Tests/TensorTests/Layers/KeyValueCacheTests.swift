import Testing
@testable import Tensor

@Suite("Key/value cache: in-place buffers, copies, gradients")
struct KeyValueCacheTests {
    @Test("decoding without recording writes in place, grows capacity and matches the full pass")
    func inPlaceGrowth() {
        var rng = TestRNG(41)
        let attention = MultiHeadAttention(modelDim: 8, numHeads: 2, numKeyValueHeads: 1, rotaryBase: 500, using: &rng)
        let x = Tensor.normal([2, 9, 8], using: &rng)
        var cache = KeyValueCache(capacity: 2)
        let pieces = withNoGrad { (0..<9).map { t in attention(x.slice(axis: 1, t..<(t + 1)), cache: &cache) } }
        #expect(cache.length == 9)
        #expect((cache.keyBuffer?.shape[1] ?? 0) >= 9)
        #expect(cache.keys?.shape == [2, 9, 1, 4])
        #expect(maxDifference(concat(pieces, axis: 1), attention(x)) < 1e-5)
    }

    @Test("a copied cache is independent of the original (value semantics)")
    func copies() {
        var rng = TestRNG(42)
        let attention = MultiHeadAttention(modelDim: 8, numHeads: 2, rotaryBase: 100, dtype: .float64, using: &rng)
        let prompt = Tensor.normal([1, 3, 8], dtype: .float64, using: &rng)
        let a = Tensor.normal([1, 1, 8], dtype: .float64, using: &rng),
            b = Tensor.normal([1, 1, 8], dtype: .float64, using: &rng)
        var cache = KeyValueCache(capacity: 16)
        _ = withNoGrad { attention(prompt, cache: &cache) }
        var branch = cache
        let yb = withNoGrad { attention(b, cache: &branch) }
        let ya = withNoGrad { attention(a, cache: &cache) }
        let fullA = attention(concat([prompt, a], axis: 1)).slice(axis: 1, 3..<4)
        let fullB = attention(concat([prompt, b], axis: 1)).slice(axis: 1, 3..<4)
        #expect(maxDifference(ya, fullA) < 1e-12)
        #expect(maxDifference(yb, fullB) < 1e-12)
    }

    @Test("gradients through cached decoding equal those of the full pass")
    func gradientsThroughCache() {
        var rng = TestRNG(43)
        let attention = MultiHeadAttention(
            modelDim: 8, numHeads: 4, numKeyValueHeads: 2, rotaryBase: 50,
            dtype: .float64, using: &rng)
        let x = Tensor.normal([2, 4, 8], dtype: .float64, using: &rng)
        let weights = randomDouble([2, 4, 8], seed: 9)
        let full = valueAndGrad(attention) { m in (m(x) * weights).sum() }
        let cached = valueAndGrad(attention) { m in
            var cache = KeyValueCache()
            let pieces =
                [m(x.slice(axis: 1, 0..<2), cache: &cache)]
                + (2..<4).map { t in m(x.slice(axis: 1, t..<(t + 1)), cache: &cache) }
            return (concat(pieces, axis: 1) * weights).sum()
        }
        #expect(Swift.abs(full.value.doubleItem() - cached.value.doubleItem()) < 1e-12)
        for (g1, g2) in zip(full.gradients.tensors, cached.gradients.tensors) { #expect(maxDifference(g1, g2) < 1e-12) }
    }

    @Test("scaledDotProductAttention with keyLength ignores the rest of the buffer; gradient checks")
    func keyLength() {
        let q = randomDouble([2, 2, 2, 3], seed: 1), k = randomDouble([2, 5, 1, 3], seed: 2)
        let v = randomDouble([2, 5, 1, 3], seed: 3)
        let y = scaledDotProductAttention(query: q, key: k, value: v, keyLength: 3)
        let reference = scaledDotProductAttention(
            query: q, key: k.slice(axis: 1, 0..<3), value: v.slice(axis: 1, 0..<3))
        #expect(maxDifference(y, reference) < 1e-15)
        expectGradient([q, k, v]) { scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], keyLength: 4) }
    }
}
