import Testing
@testable import Tensor

@Suite("Gradient tape semantics")
struct AutodiffTests {
    @Test("no-grad scope and stopGradient block gradients")
    func noGrad() {
        let x = Tensor([2.0, 3])
        let g = grad([x]) {
            let constant = withNoGrad { x * x }
            return (constant * x + stopGradient(x) * x).sum()
        }
        // d/dx [c·x + s·x] with c = x², s = x held constant
        let expected: [Double] = [6, 12]  // x² + x
        #expect(g[0].doubles == expected)
    }

    @Test("a variable the function does not use gets a zero gradient")
    func unused() {
        let x = Tensor([1.0]), y = Tensor([5.0, 6])
        let (value, g) = valueAndGrad([x, y]) { (x * 3).sum() }
        #expect(value.doubleItem() == 3)
        #expect(g[0].doubles == [3] && g[1].doubles == [0, 0])
    }

    @Test("tensors created inside valueAndGrad are constants afterwards")
    func closedTape() {
        let x = Tensor([1.0, 2])
        var leaked: Tensor?
        _ = valueAndGrad([x]) {
            let y = x * 2
            leaked = y
            return y.sum()
        }
        #expect(leaked?.isTracked == false)
        #expect(x.isTracked == false)
        // using the leaked tensor in a new differentiation treats it as a constant
        let g = grad([x]) { ((leaked ?? x) * x).sum() }
        #expect(g[0].doubles == [2, 4])
    }

    @Test("long chains do not recurse (10k ops)")
    func longChain() {
        let x = Tensor([1.0])
        let g = grad([x]) {
            var y = x
            for _ in 0..<10_000 { y = y * 1.0001 }
            return y.sum()
        }
        expectClose(g[0].doubles, [Foundation.pow(1.0001, 10_000)], tolerance: 1e-6)
    }

    @Test("module gradients are keyed by parameter path")
    func moduleGradients() {
        var rng = TestRNG(3)
        let model = MLP([3, 4, 2], activation: .tanh, dtype: .float64, using: &rng)
        #expect(model.namedParameters().map(\.path) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
        #expect(model.parameterCount == 3 * 4 + 4 + 4 * 2 + 2)
        let x = randomDouble([5, 3])
        let (_, grads) = valueAndGrad(model) { m in m(x).square().mean() }
        #expect(grads.paths == model.namedParameters().map(\.path))
        #expect(grads["layers.1.bias"]?.shape == [2])
        // against finite differences, perturbing the parameters in place
        #expect(moduleGradientError(model) { m in m(x).square().mean() } < 1e-6)
    }
}

import Foundation
