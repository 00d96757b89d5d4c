import Foundation
import Testing
@testable import Tensor

@Suite("Vectorised Float exp/tanh against Double references")
struct FastMathTests {
    static let grid: [Float] = stride(from: -20.0, through: 20.0, by: 0.0137).map { Float($0) } + [0, -0, 1e-8, -1e-8, 1e-30]

    @Test("exp relative error ≤ 3e-7 on [−87, 88]")
    func expAccuracy() {
        let xs = stride(from: -87.0, through: 88.0, by: 0.0173).map { Float($0) }
        let out = exp(Tensor(xs)).floats
        var worst = 0.0
        for (x, y) in zip(xs, out) {
            let ref = Foundation.exp(Double(x))
            worst = Swift.max(worst, Swift.abs(Double(y) - ref) / ref)
        }
        #expect(worst <= 3e-7, "worst relative error \(worst)")
        #expect(exp(Tensor([Float(-200), 200])).floats[0] < 1e-37)
    }

    @Test("tanh absolute error ≤ 3e-7, saturating, accurate near 0")
    func tanhAccuracy() {
        let out = tanh(Tensor(Self.grid)).floats
        let worst = zip(Self.grid, out).map { Swift.abs(Double($1) - Foundation.tanh(Double($0))) }.max() ?? 0
        #expect(worst <= 3e-7, "worst absolute error \(worst)")
        #expect(tanh(Tensor([Float(100), -100])).floats == [1, -1])
        let tiny = tanh(Tensor([Float(1e-8)])).floats[0]
        #expect(Swift.abs(tiny - 1e-8) <= 3e-15)
    }

    @Test("sigmoid and tanh-GELU Float paths agree with Double")
    func sigmoidGelu() {
        let f = Tensor(Self.grid), d = f.cast(.float64)
        expectClose(sigmoid(f).doubles, sigmoid(d).doubles, tolerance: 3e-7)
        expectClose(gelu(f, approximateTanh: true).doubles, gelu(d, approximateTanh: true).doubles, tolerance: 6e-6)
        #expect(sigmoid(Tensor([Float(-100), 100])).floats.allSatisfy { $0.isFinite })
    }

    @Test("saturationSafeTanh: tanh's values, and a sech² gradient where tanh has rounded to ±1")
    func saturationSafeTanhGradient() {
        // x = 10: tanh(x) is 1 in Float, so 1 − y² is 0; sech²(10) ≈ 8.24e-9.
        let xs: [Float] = [-30, -10, -3, -0.5, 0, 0.5, 3, 10, 30]
        for dtype in [DType.float32, .float64] {
            let x = Tensor(xs).cast(dtype)
            #expect(saturationSafeTanh(x).doubles == tanh(x).doubles)
            let safe = grad([x]) { saturationSafeTanh(x).sum() }[0].doubles
            for (i, v) in xs.enumerated() {
                let c = Foundation.cosh(Double(v))
                let reference = 1 / (c * c)
                #expect(Swift.abs(safe[i] - reference) <= 1e-6 * reference, "sech²(\(v)): \(safe[i]) vs \(reference)")
            }
            #expect(safe[7] > 8e-9 && safe[7] < 8.5e-9)
        }
        // plain tanh keeps PyTorch's 1 − y², which is exactly 0 there
        let plain = Tensor([Float(10)])
        #expect(grad([plain]) { tanh(plain).sum() }[0].floats == [0])
    }
}
