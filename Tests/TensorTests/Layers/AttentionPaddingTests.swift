import Testing
@testable import Tensor

@Suite("Attention over left-padded batches: key masks and per-row rotary positions")
struct AttentionPaddingTests {
    /// Row `b` of `x` (keeping the batch dimension).
    static func row(_ x: Tensor, _ b: Int) -> Tensor { x.slice(axis: 0, b..<(b + 1)) }

    @Test("a left-padded row gives the same outputs as the row alone")
    func leftPaddingMatchesUnpadded() {
        var rng = TestRNG(31)
        let attention = MultiHeadAttention(
            modelDim: 8, numHeads: 4, numKeyValueHeads: 2, rotaryBase: 1000,
            dtype: .float64, using: &rng)
        let x = Tensor.normal([2, 5, 8], dtype: .float64, using: &rng)
        // row 1: two padding tokens, then three real ones at positions 0, 1, 2
        let mask = [true, true, true, true, true, false, false, true, true, true]
        let positions = [0, 1, 2, 3, 4, 0, 0, 0, 1, 2]
        let padded = attention(x, keyMask: mask, positions: positions)
        let alone = attention(Self.row(x, 1).slice(axis: 1, 2..<5))
        #expect(maxDifference(Self.row(padded, 1).slice(axis: 1, 2..<5), alone) < 1e-12)
        #expect(maxDifference(Self.row(padded, 0), attention(Self.row(x, 0))) < 1e-12)
    }

    @Test("decoding a left-padded batch with the cache matches each row alone")
    func paddedDecoding() {
        var rng = TestRNG(32)
        let attention = MultiHeadAttention(modelDim: 8, numHeads: 2, rotaryBase: 10_000, using: &rng)
        let prompt = Tensor.normal([2, 4, 8], using: &rng)  // row 1 has one padding token in front
        let next = [Tensor.normal([2, 1, 8], using: &rng), Tensor.normal([2, 1, 8], using: &rng)]
        var mask = [true, true, true, true, false, true, true, true]
        var cache = KeyValueCache()
        var outputs = [attention(prompt, keyMask: mask, positions: [0, 1, 2, 3, 0, 0, 1, 2], cache: &cache)]
        for (step, token) in next.enumerated() {
            mask = Array(mask[0..<(4 + step)]) + [true] + Array(mask[(4 + step)...]) + [true]
            let positions = [4 + step, 3 + step]
            outputs.append(attention(token, keyMask: mask, positions: positions, cache: &cache))
        }
        let decoded = concat(outputs, axis: 1)  // [2, 6, 8]
        let row1 = concat(
            [Self.row(prompt, 1).slice(axis: 1, 1..<4), Self.row(next[0], 1), Self.row(next[1], 1)], axis: 1)
        #expect(maxDifference(Self.row(decoded, 1).slice(axis: 1, 1..<6), attention(row1)) < 1e-5)
        let row0 = concat([Self.row(prompt, 0), Self.row(next[0], 0), Self.row(next[1], 0)], axis: 1)
        #expect(maxDifference(Self.row(decoded, 0), attention(row0)) < 1e-5)
    }

    @Test("key-masked causalSoftmax: zeros at masked keys, all-masked rows are zero, gradient checks")
    func maskedSoftmax() {
        let scores = randomDouble([2, 3, 3], low: -2, high: 2)
        let mask = [false, true, true, true, true, false]
        let y = causalSoftmax(scores, keyMask: mask).doubles
        #expect(y[0..<3].allSatisfy { $0 == 0 })  // batch 0, query 0 sees only key 0, which is masked
        #expect(y[9 + 2] == 0 && y[9 + 5] == 0 && y[9 + 8] == 0)  // batch 1, key 2 masked
        #expect(Swift.abs(y[3] + y[4] - 1) < 1e-14)
        expectGradient([scores]) { causalSoftmax($0[0], scale: 0.8, keyMask: mask) }
        expectGradient([scores]) { causalSoftmax($0[0], causal: false, keyMask: mask) }
    }

    @Test("per-row rotary positions equal separate calls with offsets")
    func perRowRotary() {
        let x = randomDouble([2, 3, 2, 4])
        let y = applyRotaryEmbedding(x, positions: [0, 1, 2, 5, 6, 7], base: 50)
        #expect(
            maxDifference(Self.row(y, 0), applyRotaryEmbedding(Self.row(x, 0), positionOffset: 0, base: 50)) < 1e-15)
        #expect(
            maxDifference(Self.row(y, 1), applyRotaryEmbedding(Self.row(x, 1), positionOffset: 5, base: 50)) < 1e-15)
        expectGradient([x]) { applyRotaryEmbedding($0[0], positions: [3, 1, 0, 2, 2, 9], base: 20) }
    }

    @Test("repeated per-row positions (decoding: one position shared by many rows) rotate every row")
    func repeatedRotaryPositions() {
        let x = randomDouble([4, 2, 2, 4])
        let positions = [7, 3, 7, 3, 7, 3, 1, 7]
        let y = applyRotaryEmbedding(x, positions: positions, base: 50)
        for b in 0..<4 {
            for t in 0..<2 {
                let token = Self.row(x, b).slice(axis: 1, t..<(t + 1))
                let alone = applyRotaryEmbedding(token, positionOffset: positions[b * 2 + t], base: 50)
                #expect(maxDifference(Self.row(y, b).slice(axis: 1, t..<(t + 1)), alone) == 0)
            }
        }
    }
}
