import Testing
@testable import Tensor

/// Largest relative error between the tape gradients of `Σ w ⊙ f(inputs)` (random positive weights `w`) with
/// respect to every parameter of `module` and every input, and central finite differences in Double.
/// Parameters are perturbed in place and restored; `module` must hold `float64` parameters.
func moduleGradientError(
    _ module: Module, inputs: [Tensor] = [], eps: Double = 1e-6, seed: UInt64 = 5, _ f: @escaping ([Tensor]) -> Tensor
) -> Double {
    let parameters = module.parameters()
    let probe = withNoGrad { f(inputs) }
    let weights = randomDouble(probe.shape, low: 0.5, high: 1.5, seed: seed)
    let loss: ([Tensor]) -> Double = { xs in withNoGrad { (f(xs) * weights).sum() }.doubleItem() }
    let analytic = grad(parameters + inputs) { (f(inputs) * weights).sum() }
    var worst = 0.0
    func compare(_ a: Double, _ numeric: Double) {
        worst = Swift.max(worst, Swift.abs(a - numeric) / Swift.max(1, Swift.abs(a), Swift.abs(numeric)))
    }
    for (k, p) in parameters.enumerated() {
        let g = analytic[k].doubles
        for i in 0..<p.count {
            p.mutate(as: Double.self) { $0[i] += eps }
            let plus = loss(inputs)
            p.mutate(as: Double.self) { $0[i] -= 2 * eps }
            let minus = loss(inputs)
            p.mutate(as: Double.self) { $0[i] += eps }
            compare(g[i], (plus - minus) / (2 * eps))
        }
    }
    for (k, x) in inputs.enumerated() {
        let g = analytic[parameters.count + k].doubles
        let base = x.doubles
        for i in 0..<base.count {
            var xp = inputs, xm = inputs
            var plus = base, minus = base
            plus[i] += eps
            minus[i] -= eps
            xp[k] = Tensor(plus, shape: x.shape)
            xm[k] = Tensor(minus, shape: x.shape)
            compare(g[i], (loss(xp) - loss(xm)) / (2 * eps))
        }
    }
    return worst
}

/// Expects ``moduleGradientError(_:inputs:eps:seed:_:)`` below `tolerance`.
func expectModuleGradient(
    _ module: Module, inputs: [Tensor] = [], tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: @escaping ([Tensor]) -> Tensor
) {
    let error = moduleGradientError(module, inputs: inputs, f)
    #expect(error < tolerance, "gradient error \(error)", sourceLocation: sourceLocation)
}
