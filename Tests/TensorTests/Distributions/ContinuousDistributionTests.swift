import Foundation
import Testing
@testable import Tensor

@Suite("DiagGaussian, SquashedGaussian, Beta, lgamma/digamma")
struct ContinuousDistributionTests {
    @Test("DiagGaussian logProb and entropy equal the closed forms, summed over the last dimension")
    func gaussianValues() {
        let mean = Tensor([0.5, -1, 2, 0] as [Double], shape: [2, 2])
        let logStd = Tensor([0.1, -0.3] as [Double])  // shared, broadcast
        let dist = DiagGaussian(mean: mean, logStd: logStd)
        let x = Tensor([0, 0, 1, 1] as [Double], shape: [2, 2])
        func logNormal(_ x: Double, _ m: Double, _ s: Double) -> Double {
            -((x - m) * (x - m)) / (2 * s * s) - Double.log(s) - 0.5 * Double.log(2 * Double.pi)
        }
        let s = logStd.doubles.map { Double.exp($0) }
        let expected = [
            logNormal(0, 0.5, s[0]) + logNormal(0, -1, s[1]), logNormal(1, 2, s[0]) + logNormal(1, 0, s[1]),
        ]
        expectClose(dist.logProb(x).doubles, expected, tolerance: 1e-12)
        let h = 1 + Double.log(2 * Double.pi) + 0.1 - 0.3
        expectClose(dist.entropy().doubles, [h, h], tolerance: 1e-12)
        #expect(dist.mode === mean)
    }

    @Test("DiagGaussian samples have the right mean and standard deviation")
    func gaussianSampling() {
        let dist = DiagGaussian(
            mean: Tensor(repeating: 1.5, shape: [20_000, 1], dtype: .float64), logStd: Tensor([Double.log(0.5)]))
        var rng = TestRNG(21)
        let x = dist.sample(using: &rng)
        #expect(Swift.abs(x.mean().doubleItem() - 1.5) < 4 * 0.5 / 20_000.0.squareRoot())
        #expect(Swift.abs(x.standardDeviation().doubleItem() - 0.5) < 0.01)
    }

    @Test("DiagGaussian gradients of logProb, entropy, rsample and KL against finite differences")
    func gaussianGradients() {
        let mean = randomDouble([3, 2]), logStd = randomDouble([3, 2], low: -0.5, high: 0.5, seed: 2)
        let x = randomDouble([3, 2], seed: 3)
        expectGradient([mean, logStd]) { DiagGaussian(mean: $0[0], logStd: $0[1]).logProb(x) }
        expectGradient([mean, logStd]) { DiagGaussian(mean: $0[0], logStd: $0[1]).entropy() }
        expectGradient([mean, logStd]) { v in
            var rng = TestRNG(8)  // same noise at every evaluation
            return DiagGaussian(mean: v[0], logStd: v[1]).rsample(using: &rng)
        }
        let other = (randomDouble([3, 2], seed: 6), randomDouble([2], low: -0.5, high: 0.5, seed: 7))
        expectGradient([mean, logStd, other.0, other.1]) {
            DiagGaussian(mean: $0[0], logStd: $0[1]).klDivergence(to: DiagGaussian(mean: $0[2], logStd: $0[3]))
        }
    }

    @Test("DiagGaussian KL equals E[log p − log q] estimated by sampling")
    func gaussianKL() {
        let p = DiagGaussian(
            mean: Tensor([0.3, -0.2] as [Double], shape: [1, 2]), logStd: Tensor([-0.2, 0.1] as [Double]))
        let q = DiagGaussian(
            mean: Tensor([0.0, 0.5] as [Double], shape: [1, 2]), logStd: Tensor([0.3, -0.1] as [Double]))
        let kl = p.klDivergence(to: q).doubleItem()
        let wide = DiagGaussian(mean: p.mean.expanded(to: [40_000, 2]), logStd: p.logStd)
        var rng = TestRNG(4)
        let x = wide.sample(using: &rng)
        let qWide = DiagGaussian(mean: q.mean.expanded(to: [40_000, 2]), logStd: q.logStd)
        let estimate = (wide.logProb(x) - qWide.logProb(x)).mean().doubleItem()
        #expect(Swift.abs(kl - estimate) < 0.02)
    }

    @Test("SquashedGaussian logProb is log N(u) − Σ log(scale·(1 − tanh²u)) and inverts actions")
    func squashedValues() {
        let mean = Tensor([0.3, -1.2] as [Double], shape: [1, 2]), logStd = Tensor([-0.4, 0.2] as [Double])
        let scale = Tensor([2, 0.5] as [Double]), bias = Tensor([1, -0.25] as [Double])
        let dist = SquashedGaussian(mean: mean, logStd: logStd, actionScale: scale, actionBias: bias)
        let u = Tensor([0.7, -2.5] as [Double], shape: [1, 2])
        let base = DiagGaussian(mean: mean, logStd: logStd).logProb(u).doubleItem()
        let correction = zip(u.doubles, scale.doubles).map { ui, s in
            Double.log(s * (1 - Double.tanh(ui) * Double.tanh(ui)))
        }
        let expected = base - correction.reduce(0, +)
        #expect(Swift.abs(dist.logProb(preSquash: u).doubleItem() - expected) < 1e-12)
        #expect(Swift.abs(dist.logProb(dist.squash(u)).doubleItem() - expected) < 1e-7)
        expectClose(dist.mode.doubles, [1 + 2 * Double.tanh(0.3), -0.25 + 0.5 * Double.tanh(-1.2)], tolerance: 1e-12)
    }

    @Test("SquashedGaussian logProb stays finite where tanh saturates")
    func squashedSaturation() {
        let dist = SquashedGaussian(mean: Tensor([0] as [Double], shape: [1, 1]), logStd: Tensor([0] as [Double]))
        let value = dist.logProb(preSquash: Tensor([30] as [Double], shape: [1, 1])).doubleItem()
        // log N(30) − log(1 − tanh²30) = −450 − ½log2π − 2(log 2 − 30) (to within e^−60)
        let expected = -450 - 0.5 * Double.log(2 * Double.pi) + 60 - 2 * Double.log(2)
        #expect(value.isFinite && Swift.abs(value - expected) < 1e-9)
    }

    @Test("SquashedGaussian samples stay inside the action box and gradients check")
    func squashedSamplingAndGradient() {
        let mean = randomDouble([2, 3]), logStd = randomDouble([2, 3], low: -0.5, high: 0.5, seed: 2)
        let scale = Tensor([1, 2, 0.5] as [Double]), bias = Tensor([0, 1, -1] as [Double])
        var rng = TestRNG(7)
        let wide = SquashedGaussian(
            mean: Tensor(repeating: 3, shape: [1000, 3], dtype: .float64),
            logStd: Tensor([1.0, 1, 1]), actionScale: scale, actionBias: bias)
        let a = wide.sample(using: &rng).doubles
        for (i, v) in a.enumerated() {
            let (s, b) = (scale.doubles[i % 3], bias.doubles[i % 3])
            #expect(v >= b - s && v <= b + s)
        }
        expectGradient([mean, logStd]) { v in
            var rng = TestRNG(9)
            let (action, logProb) = SquashedGaussian(mean: v[0], logStd: v[1], actionScale: scale, actionBias: bias)
                .rsampleWithLogProb(using: &rng)
            return concat([action, logProb.unsqueezed(axis: -1)], axis: -1)
        }
        let action = Tensor([0.5, 1.5, -1.2, -0.3, 0.1, -0.6] as [Double], shape: [2, 3])
        expectGradient([mean, logStd]) {
            SquashedGaussian(mean: $0[0], logStd: $0[1], actionScale: scale, actionBias: bias).logProb(action)
        }
    }

    @Test("Beta logProb and entropy match torch.distributions.Beta")
    func betaMatchesTorch() throws {
        let fixture = try TorchLayersFixture.load()
        let dist = Beta(alpha: try fixture.tensor("beta", "alpha"), beta: try fixture.tensor("beta", "beta"))
        let x = try fixture.tensor("beta", "x")
        #expect(maxDifference(dist.logProb(x), try fixture.tensor("beta", "log_prob")) < 1e-10)
        #expect(maxDifference(dist.entropy(), try fixture.tensor("beta", "entropy")) < 1e-10)
    }

    @Test("Beta sample mean and variance match α/(α+β) and αβ/((α+β)²(α+β+1))", arguments: [(2.0, 5.0), (0.4, 0.7)])
    func betaSampling(alpha: Double, beta: Double) {
        let n = 20_000
        let dist = Beta(
            alpha: Tensor(repeating: alpha, shape: [n], dtype: .float64),
            beta: Tensor(repeating: beta, shape: [n], dtype: .float64))
        var rng = TestRNG(13)
        let x = dist.sample(using: &rng)
        let mean = alpha / (alpha + beta)
        let variance = alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1))
        #expect(Swift.abs(x.mean().doubleItem() - mean) < 4 * (variance / Double(n)).squareRoot())
        #expect(Swift.abs(x.variance().doubleItem() - variance) < 0.05 * variance)
        #expect(x.doubles.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test("Beta gradients with respect to α and β against finite differences; mode")
    func betaGradientsAndMode() {
        let alpha = randomDouble([4], low: 0.5, high: 4), beta = randomDouble([4], low: 0.5, high: 4, seed: 2)
        let x = randomDouble([4], low: 0.1, high: 0.9, seed: 3)
        expectGradient([alpha, beta]) { Beta(alpha: $0[0], beta: $0[1]).logProb(x) }
        expectGradient([alpha, beta]) { Beta(alpha: $0[0], beta: $0[1]).entropy() }
        let mode = Beta(alpha: Tensor([3, 0.5] as [Double]), beta: Tensor([2, 0.5] as [Double])).mode.doubles
        expectClose(mode, [2.0 / 3, 0.5], tolerance: 1e-12)
    }

    @Test("lgamma and digamma match torch; trigamma matches torch and exact values")
    func specialFunctions() throws {
        let fixture = try TorchLayersFixture.load()
        let x = try fixture.tensor("special", "x")
        #expect(maxDifference(lgamma(x), try fixture.tensor("special", "lgamma")) < 1e-12)
        #expect(maxDifference(digamma(x), try fixture.tensor("special", "digamma")) < 1e-12)
        let trigamma = x.doubles.map { trigammaValue($0) }
        let reference = try fixture.tensor("special", "trigamma").doubles
        // torch's trigamma series is only good to ≈1e-9, so compare loosely with it and tightly with exact values
        for (a, b) in zip(trigamma, reference) { #expect(Swift.abs(a - b) < 1e-8 * Swift.max(1, Swift.abs(b))) }
        let halfPiSquared = Double.pi * Double.pi / 2
        let exact = [
            (1.0, Double.pi * Double.pi / 6), (0.5, halfPiSquared), (1.5, halfPiSquared - 4), (-0.5, halfPiSquared + 4),
        ]
        for (x, value) in exact { #expect(Swift.abs(trigammaValue(x) - value) < 1e-13) }
    }

    @Test("lgamma and digamma gradients against finite differences")
    func specialGradients() {
        let x = Tensor([0.3, 1.7, 4.2, 11.5, -0.6] as [Double])
        expectGradient([x]) { lgamma($0[0]) }
        expectGradient([x], tolerance: 1e-5) { digamma($0[0]) }
    }
}
