import Testing
@testable import Tensor

@Suite("Elementwise ops: gradients against central finite differences (Double)")
struct ElementwiseGradientTests {
    nonisolated(unsafe) static let unary: [(String, (Tensor) -> Tensor)] = [
        ("exp", { exp($0) }), ("neg", { -$0 }), ("square", { $0.square() }), ("abs", { abs($0) }),
        ("sin", { sin($0) }), ("cos", { cos($0) }), ("relu", { relu($0) }), ("tanh", { tanh($0) }), ("saturationSafeTanh", { saturationSafeTanh($0) }),
        ("sigmoid", { sigmoid($0) }), ("softplus", { softplus($0) }), ("silu", { silu($0) }),
        ("gelu", { gelu($0) }), ("geluTanh", { gelu($0, approximateTanh: true) }),
        ("leakyRelu", { leakyRelu($0, negativeSlope: 0.1) }), ("elu", { elu($0, alpha: 0.7) }),
        ("clamp", { clamp($0, min: -0.5, max: 0.4) }), ("sign·x", { sign($0) * $0 }),
    ]

    @Test("unary op gradient", arguments: 0..<unary.count)
    func unaryGradient(index: Int) {
        let (_, f) = Self.unary[index]
        // avoid kinks at exactly 0 / clamp bounds by using values away from them
        let x = Tensor([-1.3, -0.7, -0.2, 0.15, 0.6, 1.1], shape: [2, 3])
        expectGradient([x]) { f($0[0]) }
    }

    @Test("swiGLU equals silu(gate)·up in values (Double and Float) and gradients")
    func swiGLUMatchesComposite() {
        let gate = randomDouble([3, 5], low: -4, high: 4, seed: 21), up = randomDouble([3, 5], seed: 22)
        let fused: [Double] = swiGLU(gate: gate, up: up).array(), composite: [Double] = (silu(gate) * up).array()
        #expect(zip(fused, composite).allSatisfy { Swift.abs($0 - $1) < 1e-14 })
        let fusedFloat: [Float] = swiGLU(gate: gate.cast(.float32), up: up.cast(.float32)).array()
        #expect(zip(fusedFloat, composite).allSatisfy { Swift.abs(Double($0) - $1) < 1e-5 })
        // hand value: silu(1)·2 = 2/(1 + e⁻¹)
        let one: [Double] = swiGLU(gate: Tensor([1.0], shape: [1]), up: Tensor([2.0], shape: [1])).array()
        #expect(Swift.abs(one[0] - 2 / (1 + Double.exp(-1))) < 1e-15)
        expectGradient([gate, up]) { swiGLU(gate: $0[0], up: $0[1]) }
    }

    @Test("positive-domain ops: log, log1p, sqrt, rsqrt, reciprocal, pow")
    func positiveDomain() {
        let x = randomDouble([3, 4], low: 0.3, high: 2)
        expectGradient([x]) { log($0[0]) }
        expectGradient([x]) { log1p($0[0]) }
        expectGradient([x]) { sqrt($0[0]) }
        expectGradient([x]) { rsqrt($0[0]) }
        expectGradient([x]) { $0[0].reciprocal() }
        expectGradient([x]) { pow($0[0], 2.5) }
        let y = randomDouble([3, 4], low: -1, high: 1, seed: 3)
        expectGradient([x, y]) { pow($0[0], $0[1]) }
    }

    @Test("binary ops with broadcasting", arguments: [
        ([2, 3], [2, 3]), ([2, 3], [3]), ([2, 3], [1]), ([4, 1, 3], [2, 1]), ([1], [2, 2]), ([2, 1], [1, 3]),
    ])
    func binaryBroadcast(shapes: ([Int], [Int])) {
        let a = randomDouble(shapes.0, seed: 11), b = randomDouble(shapes.1, low: 0.5, high: 1.5, seed: 12)
        expectGradient([a, b]) { $0[0] + $0[1] }
        expectGradient([a, b]) { $0[0] - $0[1] }
        expectGradient([a, b]) { $0[0] * $0[1] }
        expectGradient([a, b]) { $0[0] / $0[1] }
        expectGradient([a, b]) { maximum($0[0], $0[1]) }
        expectGradient([a, b]) { minimum($0[0], $0[1]) }
    }

    @Test("a tensor used twice accumulates both gradients")
    func fanOut() {
        let x = Tensor([1.5, -2.0], shape: [2])
        let g = grad([x]) { (x * x + x * 3).sum() }
        let expected: [Double] = [6, -1]  // 2x + 3
        #expect(g[0].doubles == expected)
    }

    @Test("where selects values and routes gradients")
    func whereOp() {
        let c = Tensor([1.0, 0, 1, 0], shape: [4])
        let a = randomDouble([4], seed: 1), b = randomDouble([4], seed: 2)
        let y = `where`(c, a, b)
        #expect(y.doubles == [a.doubles[0], b.doubles[1], a.doubles[2], b.doubles[3]])
        expectGradient([a, b]) { `where`(c, $0[0], $0[1]) }
    }

    @Test("comparisons give 0/1 masks")
    func comparisons() {
        let a = Tensor([1.0, 2, 3]), b = Tensor([2.0, 2, 2])
        #expect(a.greater(b).doubles == [0, 0, 1])
        #expect(a.greaterEqual(b).doubles == [0, 1, 1])
        #expect(a.less(b).doubles == [1, 0, 0])
        #expect(a.lessEqual(b).doubles == [1, 1, 0])
        #expect(a.equal(b).doubles == [0, 1, 0])
        #expect(a.notEqual(b).doubles == [1, 0, 1])
    }

    @Test("values of activations match closed forms")
    func activationValues() {
        let x = Tensor([-2.0, 0.5])
        let e2: Double = Foundation.exp(2.0), eHalf: Double = Foundation.exp(0.5)
        expectClose(sigmoid(x).doubles, [1 / (1 + e2), 1 / (1 + 1 / eHalf)], tolerance: 1e-12)
        expectClose(softplus(x).doubles, [Foundation.log(1 + 1 / e2), Foundation.log(1 + eHalf)], tolerance: 1e-12)
        expectClose(gelu(Tensor([1.0])).doubles, [0.8413447460685429], tolerance: 1e-12)
        expectClose(gelu(Tensor([1.0]), approximateTanh: true).doubles, [0.8411919906082768], tolerance: 1e-12)
        expectClose(softplus(Tensor([100.0])).doubles, [100], tolerance: 1e-12)
        expectClose(sigmoid(Tensor([-800.0])).doubles, [0], tolerance: 1e-300)
    }
}

import Foundation
