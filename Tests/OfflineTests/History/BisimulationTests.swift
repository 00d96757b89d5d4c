import Tensor
import Testing

@testable import Offline

/// The bisimulation pieces against hand-computed values and finite differences.
@Suite struct BisimulationTests {
    @Test("closed-form W₂ between diagonal Gaussians: hand values")
    func gaussianW2() {
        #expect(GaussianW2.distance(mean1: [0, 0], std1: [1, 1], mean2: [3, 4], std2: [1, 1]) == 5)
        #expect(GaussianW2.distance(mean1: [0], std1: [1], mean2: [0], std2: [3]) == 2)
        // √((1 − 0)² + (2 − 0)² + (0.5 − 2.5)² + (1 − 1)²) = √9 = 3.
        #expect(GaussianW2.distance(mean1: [1, 2], std1: [0.5, 1], mean2: [0, 0], std2: [2.5, 1]) == 3)
        let w = GaussianW2.distance(
            mean1: Tensor([1, 2, 0, 0] as [Float], shape: [2, 2]),
            std1: Tensor([0.5, 1, 1, 1] as [Float], shape: [2, 2]),
            mean2: Tensor([0, 0, 3, 4] as [Float], shape: [2, 2]),
            std2: Tensor([2.5, 1, 1, 1] as [Float], shape: [2, 2]))
        #expect(w.floats == [3, 5])
    }

    @Test("targets |r_i − r_j| + γ W₂ and J = mean (‖z_i − z_j‖₁ − target)²: hand values")
    func lossValue() {
        let means = Tensor([0, 0, 3, 4] as [Float], shape: [2, 2])
        let stds = Tensor([1, 1, 1, 1] as [Float], shape: [2, 2])
        let targets = BisimulationLoss.targets(
            rewards: [1, 0], means: means, stds: stds, permutation: [1, 0], gamma: 0.5)
        #expect(targets == [3.5, 3.5])  // 1 + 0.5 · 5
        let z = Tensor([0, 0, 1, 2] as [Float], shape: [2, 2])  // ‖z_0 − z_1‖₁ = 3
        let j = BisimulationLoss.loss(latents: z, targets: targets, permutation: [1, 0])
        #expect(abs(j.item() - 0.25) < 1e-6)  // (3 − 3.5)²
    }

    @Test("J's gradient in z matches central finite differences (float64)")
    func lossGradient() {
        var rng = Xoshiro256StarStar(seed: 3)
        let z = Tensor.uniform([4, 3], low: -1, high: 1, dtype: .float64, using: &rng)
        let targets: [Float] = [0.3, 1.2, 0.8, 2.0], order = [2, 0, 3, 1]
        let f: (Tensor) -> Tensor = { x in
            let distance = abs(x - x.indexSelect(order)).sum(axis: 1)
            return (distance - Tensor(targets.map(Double.init), shape: [4])).square().mean()
        }
        #expect(BisimulationLoss.loss(latents: z.cast(.float32), targets: targets, permutation: order).item() > 0)
        let analytic = grad([z]) { f(z) }[0].doubles
        let base = z.doubles
        for i in base.indices {
            var plus = base, minus = base
            plus[i] += 1e-6
            minus[i] -= 1e-6
            let numeric =
                (withNoGrad { f(Tensor(plus, shape: [4, 3])) }.doubleItem()
                    - withNoGrad { f(Tensor(minus, shape: [4, 3])) }.doubleItem()) / 2e-6
            #expect(abs(analytic[i] - numeric) < 1e-6 * max(1, abs(numeric)))
        }
    }

    @Test("the GRU history encoder's parameter gradients match finite differences (float64, masked window)")
    func encoderGradient() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        let encoder = HistoryEncoder(steps: 3, stepWidth: 3, width: 4, masked: true, dtype: .float64, using: &rng)
        // Two windows; the first starts with a padding row (mask 0).
        let x = Tensor(
            [0, 0, 0, 0.5, -0.2, 1, 0.1, 0.9, 1, 0.3, 0.4, 1, -0.6, 0.2, 1, 0.8, -0.1, 1] as [Double], shape: [2, 9])
        let weights = Tensor([0.7, -1.1, 0.4, 1.3, 0.9, 0.2, -0.5, 1.0] as [Double], shape: [2, 4])
        let loss = { (encoder(x) * weights).sum() }
        let (_, gradients) = valueAndGrad(encoder) { _ in loss() }
        for (p, parameter) in encoder.parameters().enumerated() {
            let base = parameter.doubles
            for i in stride(from: 0, to: base.count, by: 5) {
                var plus = base, minus = base
                plus[i] += 1e-6
                minus[i] -= 1e-6
                parameter.assign(Tensor(plus, shape: parameter.shape))
                let up = withNoGrad { loss() }.doubleItem()
                parameter.assign(Tensor(minus, shape: parameter.shape))
                let down = withNoGrad { loss() }.doubleItem()
                parameter.assign(Tensor(base, shape: parameter.shape))
                let numeric = (up - down) / 2e-6
                let analytic = gradients.tensors[p].doubles[i]
                #expect(abs(analytic - numeric) < 1e-6 * max(1, abs(numeric)), "parameter \(p) entry \(i)")
            }
        }
    }

    @Test("padding rows leave the encoder state unchanged")
    func paddingIsSkipped() {
        var rng = Xoshiro256StarStar(seed: 2)
        let encoder = HistoryEncoder(steps: 2, stepWidth: 3, width: 4, masked: true, using: &rng)
        let padded = Tensor([0, 0, 0, 0.5, -0.2, 1] as [Float], shape: [1, 6])
        var rng2 = Xoshiro256StarStar(seed: 2)
        let single = HistoryEncoder(steps: 1, stepWidth: 3, width: 4, masked: true, using: &rng2)
        let alone = Tensor([0.5, -0.2, 1] as [Float], shape: [1, 3])
        #expect(encoder(padded).floats == single(alone).floats)
    }

    @Test("invalid representation settings name the field")
    func validation() {
        var config = HistoryRepresentationConfig(encoderWidth: 0, bisimulationWeight: 1)
        #expect(throws: OfflineAlgorithmError.self) { try config.validate("dqn") }
        config = HistoryRepresentationConfig(encoderWidth: 8, bisimulationWeight: -1)
        #expect(throws: OfflineAlgorithmError.self) { try config.validate("dqn") }
    }
}
