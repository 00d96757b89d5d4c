import Testing
@testable import Tensor

@Suite("Embedding, LayerNorm, RMSNorm, Dropout")
struct NormAndEmbeddingTests {
    @Test("Embedding rows come from weight and reshape to shape + [dim]")
    func embeddingLookup() {
        let table = Tensor([0, 1, 10, 11, 20, 21] as [Float], shape: [3, 2])
        let embedding = Embedding(weight: table)
        let y = embedding([2, 0, 2, 1], shape: [2, 2])
        #expect(y.shape == [2, 2, 2])
        #expect(y.floats == [20, 21, 0, 1, 20, 21, 10, 11])
        #expect(embedding.namedParameters().map { $0.path } == ["weight"])
    }

    @Test("Embedding gradient accumulates over repeated ids")
    func embeddingGradient() {
        var rng = TestRNG(3)
        let embedding = Embedding(vocabularySize: 4, dimension: 3, dtype: .float64, using: &rng)
        expectModuleGradient(embedding) { _ in embedding([1, 3, 1, 1], shape: [2, 2]) }
        let g = grad([embedding.weight]) { embedding([1, 1, 2]).sum() }[0]
        #expect(g.doubles == [0, 0, 0, 2, 2, 2, 1, 1, 1, 0, 0, 0])
    }

    @Test("LayerNorm matches torch.nn.LayerNorm")
    func layerNormMatchesTorch() throws {
        let fixture = try TorchLayersFixture.load()
        let norm = LayerNorm(5, dtype: .float64)
        norm.weight?.assign(try fixture.tensor("layer_norm", "weight"))
        norm.bias?.assign(try fixture.tensor("layer_norm", "bias"))
        let y = norm(try fixture.tensor("layer_norm", "x"))
        #expect(maxDifference(y, try fixture.tensor("layer_norm", "y")) < 1e-12)
        #expect(norm.namedParameters().map { $0.path } == ["weight", "bias"])
    }

    @Test("LayerNorm float32 matches the Double result")
    func layerNormFloat() throws {
        let x = randomDouble([3, 7], low: -3, high: 3)
        let w = randomDouble([7], seed: 2), b = randomDouble([7], seed: 3)
        let reference = layerNorm(x, weight: w, bias: b)
        let single = layerNorm(x.cast(.float32), weight: w.cast(.float32), bias: b.cast(.float32))
        #expect(maxDifference(single, reference) < 1e-5)
    }

    @Test("LayerNorm gradient (x, weight, bias) against finite differences")
    func layerNormGradient() {
        let norm = LayerNorm(6, dtype: .float64)
        norm.weight?.assign(randomDouble([6], low: 0.5, high: 1.5, seed: 4))
        norm.bias?.assign(randomDouble([6], seed: 5))
        expectModuleGradient(norm, inputs: [randomDouble([2, 3, 6], low: -2, high: 2)]) { norm($0[0]) }
    }

    @Test("layerNorm without affine parameters: gradient and zero mean, unit variance rows")
    func layerNormPlain() {
        let x = randomDouble([4, 5], low: -2, high: 3)
        expectGradient([x]) { layerNorm($0[0], weight: nil, bias: nil) }
        let y = layerNorm(x, weight: nil, bias: nil, eps: 0)
        let mean = y.mean(axis: -1).doubles, variance = y.variance(axes: [-1], correction: 0).doubles
        #expect(mean.allSatisfy { Swift.abs($0) < 1e-12 } && variance.allSatisfy { Swift.abs($0 - 1) < 1e-12 })
    }

    @Test("RMSNorm matches torch rms_norm")
    func rmsNormMatchesTorch() throws {
        let fixture = try TorchLayersFixture.load()
        let norm = RMSNorm(6, eps: try fixture.number("rms_norm", "eps"), dtype: .float64)
        norm.weight.assign(try fixture.tensor("rms_norm", "weight"))
        let y = norm(try fixture.tensor("rms_norm", "x"))
        #expect(maxDifference(y, try fixture.tensor("rms_norm", "y")) < 1e-12)
    }

    @Test("RMSNorm gradient (x, weight) against finite differences")
    func rmsNormGradient() {
        let norm = RMSNorm(5, eps: 1e-5, dtype: .float64)
        norm.weight.assign(randomDouble([5], low: 0.5, high: 1.5, seed: 8))
        expectModuleGradient(norm, inputs: [randomDouble([3, 5], low: -2, high: 2)]) { norm($0[0]) }
        expectGradient([randomDouble([2, 4])]) { rmsNorm($0[0], weight: nil) }
    }

    @Test("Dropout is the identity in evaluation mode")
    func dropoutEval() {
        let dropout = Dropout(p: 0.5)
        dropout.eval()
        var rng = TestRNG(1)
        let x = randomDouble([10])
        #expect(dropout(x, using: &rng) === x)
    }

    @Test("Dropout zeroes about p of the elements and scales the rest by 1/(1−p)")
    func dropoutStatistics() {
        let dropout = Dropout(p: 0.3)
        var rng = TestRNG(9)
        let y = dropout(Tensor.ones([20_000]), using: &rng).doubles
        let zeros = Double(y.filter { $0 == 0 }.count) / Double(y.count)
        #expect(Swift.abs(zeros - 0.3) < 0.015)
        #expect(y.allSatisfy { $0 == 0 || Swift.abs($0 - 1 / 0.7) < 1e-6 })
    }

    @Test("Dropout gradient is the mask, and the same seed gives the same mask")
    func dropoutGradientAndSeed() {
        let dropout = Dropout(p: 0.5)
        let x = randomDouble([50])
        var rng1 = TestRNG(4), rng2 = TestRNG(4)
        let g = grad([x]) { dropout(x, using: &rng1).sum() }[0].doubles
        let y = dropout(x, using: &rng2).doubles
        for (gi, (yi, xi)) in zip(g, zip(y, x.doubles)) { #expect(Swift.abs(gi * xi - yi) < 1e-12) }
    }
}
