import Testing
@testable import Tensor

/// A deterministic generator for test inputs (tests must not depend on other helpers' RNG types).
struct TestRNG: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random Double tensor with values in [low, high).
func randomDouble(_ shape: [Int], low: Double = -1, high: Double = 1, seed: UInt64 = 1) -> Tensor {
    var rng = TestRNG(seed)
    return Tensor.uniform(shape, low: low, high: high, dtype: .float64, using: &rng)
}

/// Largest relative error between the tape gradient of `Σ w ⊙ f(inputs)` (random weights `w`, so every output
/// element matters) and central finite differences, over all inputs and elements.
func gradientError(_ inputs: [Tensor], eps: Double = 1e-6, seed: UInt64 = 7, _ f: @escaping ([Tensor]) -> Tensor) -> Double {
    let probe = f(inputs)
    let weights = randomDouble(probe.shape, low: 0.5, high: 1.5, seed: seed)
    let loss: ([Tensor]) -> Tensor = { xs in (f(xs) * weights).sum() }
    let analytic = grad(inputs) { loss(inputs) }
    var worst = 0.0
    for (k, x) in inputs.enumerated() {
        let base = x.doubles
        for i in 0..<base.count {
            var plus = base, minus = base
            plus[i] += eps
            minus[i] -= eps
            var xp = inputs, xm = inputs
            xp[k] = Tensor(plus, shape: x.shape)
            xm[k] = Tensor(minus, shape: x.shape)
            let numeric = (withNoGrad { loss(xp) }.doubleItem() - withNoGrad { loss(xm) }.doubleItem()) / (2 * eps)
            let a = analytic[k].doubles[i]
            let err = Swift.abs(a - numeric) / Swift.max(1, Swift.abs(a), Swift.abs(numeric))
            worst = Swift.max(worst, err)
        }
    }
    return worst
}

/// Expects the finite-difference check to pass (relative error below 1e-6).
func expectGradient(
    _ inputs: [Tensor], tolerance: Double = 1e-6, sourceLocation: SourceLocation = #_sourceLocation,
    _ f: @escaping ([Tensor]) -> Tensor
) {
    let error = gradientError(inputs, f)
    #expect(error < tolerance, "gradient error \(error)", sourceLocation: sourceLocation)
}

/// Elementwise closeness of two arrays.
func expectClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-6, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, "count \(a.count) vs \(b.count)", sourceLocation: sourceLocation)
    let worst = zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
    #expect(worst <= tolerance, "max difference \(worst): \(a.prefix(8)) vs \(b.prefix(8))", sourceLocation: sourceLocation)
}

/// Largest relative error between `valueAndGrad(model)` and central differences of the scalar `loss`, perturbing
/// each parameter element of a Double-precision module in place.
func moduleGradientError<M: Module>(_ model: M, eps: Double = 1e-6, _ loss: (M) -> Tensor) -> Double {
    let (_, grads) = valueAndGrad(model, loss)
    var worst = 0.0
    for (p, g) in zip(model.parameters(), grads.tensors) {
        precondition(p.dtype == .float64, "moduleGradientError needs a Double-precision module")
        let analytic = g.doubles
        for i in 0..<p.count {
            p.mutate(as: Double.self) { $0[i] += eps }
            let plus = withNoGrad { loss(model) }.doubleItem()
            p.mutate(as: Double.self) { $0[i] -= 2 * eps }
            let minus = withNoGrad { loss(model) }.doubleItem()
            p.mutate(as: Double.self) { $0[i] += eps }
            let numeric = (plus - minus) / (2 * eps)
            worst = Swift.max(worst, Swift.abs(analytic[i] - numeric) / Swift.max(1, Swift.abs(analytic[i]), Swift.abs(numeric)))
        }
    }
    return worst
}
