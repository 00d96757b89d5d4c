import Testing
@testable import Tensor

@Suite("Matmul, linear and indexing")
struct MatmulIndexingTests {
    @Test("2-D matmul values")
    func matmulValues() {
        let a = Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = Tensor([7.0, 8, 9, 10, 11, 12], shape: [3, 2])
        #expect(matmul(a, b).doubles == [58, 64, 139, 154])
        #expect(matmul(a, a, transposeB: true).doubles == [14, 32, 32, 77])
        #expect(matmul(a, a, transposeA: true).shape == [3, 3])
    }

    @Test("matmul gradients for every transpose combination", arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matmulGradient(trans: (Bool, Bool)) {
        let a = randomDouble(trans.0 ? [4, 3] : [3, 4], seed: 1)
        let b = randomDouble(trans.1 ? [5, 4] : [4, 5], seed: 2)
        expectGradient([a, b]) { matmul($0[0], $0[1], transposeA: trans.0, transposeB: trans.1) }
    }

    @Test("batched and broadcast matmul")
    func batched() {
        let a = randomDouble([2, 3, 4], seed: 3), b = randomDouble([2, 4, 5], seed: 4), w = randomDouble([4, 2], seed: 5)
        let c = matmul(a, b)
        #expect(c.shape == [2, 3, 5])
        expectClose(c[1].doubles, matmul(a[1], b[1]).doubles, tolerance: 1e-12)
        expectGradient([a, b]) { matmul($0[0], $0[1]) }
        expectGradient([a, w]) { matmul($0[0], $0[1]) }
        let v = randomDouble([4], seed: 6)
        expectGradient([a, v]) { matmul($0[0], $0[1]) }
    }

    @Test("linear = x·Wᵀ + b with leading dimensions")
    func linearLayer() {
        let x = randomDouble([2, 3, 4]), w = randomDouble([5, 4], seed: 2), b = randomDouble([5], seed: 3)
        let y = linear(x, weight: w, bias: b)
        #expect(y.shape == [2, 3, 5])
        expectClose(y.doubles, (matmul(x, w.transposed()) + b).doubles, tolerance: 1e-12)
        expectGradient([x, w, b]) { linear($0[0], weight: $0[1], bias: $0[2]) }
    }

    @Test("the fused Float linear (bias written first, β = 1 GEMM) matches the Double path, values and gradients")
    func fusedLinearFloat() {
        let x = randomDouble([2, 3, 4]), w = randomDouble([5, 4], seed: 2), b = randomDouble([5], seed: 3)
        let (xf, wf, bf) = (x.cast(.float32), w.cast(.float32), b.cast(.float32))
        expectClose(linear(xf, weight: wf, bias: bf).doubles, linear(x, weight: w, bias: b).doubles, tolerance: 1e-5)
        let probe = randomDouble([2, 3, 5], seed: 4)
        let gd = grad([x, w, b]) { (linear(x, weight: w, bias: b) * probe).sum() }
        let gf = grad([xf, wf, bf]) { (linear(xf, weight: wf, bias: bf) * probe.cast(.float32)).sum() }
        for (a, c) in zip(gd, gf) {
            #expect(a.shape == c.shape)
            expectClose(a.doubles, c.doubles, tolerance: 1e-5)
        }
    }

    @Test("gather, indexSelect (repeated indices), scatter, oneHot")
    func indexing() {
        let x = Tensor([0.0, 1, 2, 3, 4, 5], shape: [2, 3])
        #expect(x.gather(indices: [2, 0], axis: 1).doubles == [2, 3])
        #expect(x.gather(indices: [1, 0, 0], axis: 0).doubles == [3, 1, 2])
        #expect(x.indexSelect([1, 1, 0]).doubles == [3, 4, 5, 3, 4, 5, 0, 1, 2])
        let src = randomDouble([4, 3])
        expectGradient([src]) { $0[0].gather(indices: [2, 0, 1, 1], axis: 1) }
        expectGradient([src]) { $0[0].indexSelect([3, 0, 3]) }
        let v = Tensor([9.0, 8])
        #expect(x.scatter(indices: [1, 2], values: v, axis: 1).doubles == [0, 9, 2, 3, 4, 8])
        expectGradient([src, randomDouble([4, 1], seed: 9)]) { $0[0].scatter(indices: [0, 2, 1, 0], values: $0[1], axis: 1) }
        #expect(oneHot([2, 0], classes: 3).floats == [0, 0, 1, 1, 0, 0])
    }

    @Test("cross-entropy equals −log softmax at the target")
    func crossEntropy() {
        let logits = randomDouble([3, 4])
        let loss = crossEntropyLoss(logits: logits, targets: [1, 3, 0]).doubleItem()
        let ls = logSoftmax(logits).doubles
        expectClose([loss], [-(ls[1] + ls[7] + ls[8]) / 3], tolerance: 1e-12)
        expectGradient([logits]) { crossEntropyLoss(logits: $0[0], targets: [1, 3, 0]) }
        expectGradient([logits, randomDouble([3, 4], low: 0, high: 1, seed: 4)]) { binaryCrossEntropyLoss(logits: $0[0], targets: $0[1]) }
        expectGradient([logits, randomDouble([3, 4], low: -3, high: 3, seed: 5)]) { huberLoss($0[0], $0[1]) }
    }

    @Test("dtype cast is differentiable and Float ops agree with Double ops")
    func floatMatchesDouble() {
        let x = randomDouble([3, 4])
        let f = x.cast(.float32)
        #expect(f.dtype == .float32)
        expectClose(softmax(f).doubles, softmax(x).doubles, tolerance: 1e-6)
        expectClose(matmul(f, f, transposeB: true).doubles, matmul(x, x, transposeB: true).doubles, tolerance: 1e-5)
        let g = grad([x]) { x.cast(.float32).sum() * 2 }
        #expect(g[0].dtype == .float64 && g[0].doubles == [Double](repeating: 2, count: 12))
    }
}
