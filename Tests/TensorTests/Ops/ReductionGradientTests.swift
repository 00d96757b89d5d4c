import Testing
@testable import Tensor

@Suite("Reductions, softmax and shape ops: values and gradients")
struct ReductionGradientTests {
    @Test("sum/mean over axes", arguments: [[0], [1], [2], [0, 2], [-1], [0, 1, 2]])
    func sumMean(axes: [Int]) {
        let x = randomDouble([2, 3, 4])
        expectGradient([x]) { $0[0].sum(axes: axes) }
        expectGradient([x]) { $0[0].mean(axes: axes, keepDims: true) }
    }

    @Test("sum values")
    func sumValues() {
        let x = Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(x.sum(axis: 0).doubles == [5, 7, 9])
        #expect(x.sum(axis: 1).doubles == [6, 15])
        #expect(x.sum(axis: 1, keepDims: true).shape == [2, 1])
        #expect(x.sum().doubleItem() == 21)
        #expect(x.mean().doubleItem() == 3.5)
    }

    @Test("variance and standard deviation match NumPy's definitions")
    func varianceValues() {
        let x = Tensor([1.0, 2, 4, 7], shape: [4])
        expectClose([x.variance(correction: 0).doubleItem()], [5.25], tolerance: 1e-12)
        expectClose([x.variance().doubleItem()], [7], tolerance: 1e-12)
        expectClose([x.standardDeviation().doubleItem()], [Double(7).squareRoot()], tolerance: 1e-12)
        expectGradient([randomDouble([3, 5])]) { $0[0].variance(axes: [1]) }
        expectGradient([randomDouble([3, 5])]) { $0[0].standardDeviation(axes: [0], correction: 0) }
    }

    @Test("max/min with indices, argmax, and their gradients")
    func extrema() {
        let x = Tensor([3.0, 9, 1, 4, 4, 8], shape: [2, 3])
        let (m, i) = x.max(axis: 1)
        #expect(m.doubles == [9, 8] && i == [1, 2])
        #expect(x.min(axis: 0).values.doubles == [3, 4, 1])
        #expect(x.argmax(axis: 0) == [1, 0, 1])
        #expect(x.max().doubleItem() == 9)
        expectGradient([randomDouble([3, 4])]) { $0[0].max(axis: 1).values }
        expectGradient([randomDouble([3, 4])]) { $0[0].min(axis: 0, keepDims: true).values }
    }

    @Test("logsumexp is stable and differentiable")
    func logSumExpTest() {
        let x = Tensor([1000.0, 1000], shape: [1, 2])
        expectClose(x.logSumExp(axis: 1).doubles, [1000 + Foundation.log(2.0)], tolerance: 1e-9)
        expectGradient([randomDouble([3, 4])]) { $0[0].logSumExp(axis: -1) }
    }

    @Test("softmax and logSoftmax over each axis", arguments: [0, 1, 2])
    func softmaxAxes(axis: Int) {
        let x = randomDouble([2, 3, 4], low: -3, high: 3)
        let s = softmax(x, axis: axis)
        let sums = s.sum(axis: axis).doubles
        expectClose(sums, [Double](repeating: 1, count: sums.count), tolerance: 1e-12)
        expectClose(logSoftmax(x, axis: axis).doubles, log(s).doubles, tolerance: 1e-12)
        expectGradient([x]) { softmax($0[0], axis: axis) }
        expectGradient([x]) { logSoftmax($0[0], axis: axis) }
    }

    @Test("softmax handles −∞ (masked) entries")
    func softmaxMasked() {
        let x = Tensor([0.0, -Double.infinity, 0], shape: [1, 3])
        #expect(softmax(x).doubles == [0.5, 0, 0.5])
    }

    @Test("shape ops: reshape, permute, transpose, expand, slice, concat, stack, split")
    func shapeOps() {
        let x = randomDouble([2, 3, 4])
        expectGradient([x]) { $0[0].reshaped([4, -1]) }
        expectGradient([x]) { $0[0].permuted([2, 0, 1]) }
        expectGradient([x]) { $0[0].transposed() }
        expectGradient([randomDouble([3, 1])]) { $0[0].expanded(to: [2, 3, 4]) }
        expectGradient([x]) { $0[0].slice(axis: 1, 1..<3) }
        expectGradient([x]) { $0[0][1] }
        let y = randomDouble([2, 2, 4], seed: 5)
        expectGradient([x, y]) { concat([$0[0], $0[1]], axis: 1) }
        expectGradient([x, x * 2]) { stack([$0[0], $0[1]], axis: 1) }
        expectGradient([x]) { xs in
            let parts = xs[0].split(sizes: [1, 3], axis: 2)
            return parts[0] * 2 + parts[1].sum(axis: 2, keepDims: true)
        }
    }

    @Test("permute and slice values")
    func shapeValues() {
        let x = Tensor([0.0, 1, 2, 3, 4, 5], shape: [2, 3])
        #expect(x.transposed().doubles == [0, 3, 1, 4, 2, 5])
        #expect(x.slice(axis: 1, 1..<3).doubles == [1, 2, 4, 5])
        #expect(concat([x, x], axis: 0).shape == [4, 3])
        #expect(stack([x, x], axis: 2).shape == [2, 3, 2])
        #expect(x.expanded(to: [2, 2, 3]).doubles == [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5])
        #expect(x.unsqueezed(axis: -1).shape == [2, 3, 1])
    }

    @Test("cumulative sum values and gradient")
    func cumsumTest() {
        let x = Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(x.cumsum(axis: 1).doubles == [1, 3, 6, 4, 9, 15])
        #expect(x.cumsum(axis: 0).doubles == [1, 2, 3, 5, 7, 9])
        expectGradient([randomDouble([3, 4])]) { $0[0].cumsum(axis: 1) }
    }
}

import Foundation
