import Foundation
import Testing
@testable import Tensor

@Suite("Categorical and Bernoulli distributions")
struct DiscreteDistributionTests {
    @Test("Categorical logProb and entropy equal the closed forms")
    func categoricalValues() {
        let logits = Tensor([1, 2, 3, 0, 0, 0] as [Double], shape: [2, 3])
        let dist = Categorical(logits: logits)
        let z = Double.exp(1) + Double.exp(2) + Double.exp(3)
        let p = [Double.exp(1) / z, Double.exp(2) / z, Double.exp(3) / z]
        expectClose(dist.logProb([2, 1]).doubles, [Double.log(p[2]), Double.log(1.0 / 3)], tolerance: 1e-12)
        let h0 = -p.map { $0 * Double.log($0) }.reduce(0, +)
        expectClose(dist.entropy().doubles, [h0, Double.log(3)], tolerance: 1e-12)
        #expect(dist.mode == [2, 0])
        #expect(dist.batchShape == [2])
    }

    @Test("a masked class has probability 0, no entropy share, no gradient, and is never sampled")
    func categoricalMask() {
        let logits = Tensor([0.5, 3, -1, 0.2] as [Double], shape: [1, 4])
        let dist = Categorical(logits: logits, mask: [true, false, true, true])
        let reference = Categorical(logits: Tensor([0.5, -1, 0.2] as [Double], shape: [1, 3]))
        #expect(dist.probabilities.doubles[1] == 0)
        expectClose(dist.entropy().doubles, reference.entropy().doubles, tolerance: 1e-12)
        expectClose(dist.logProb([3]).doubles, reference.logProb([2]).doubles, tolerance: 1e-12)
        #expect(dist.mode == [0])
        let g = grad([logits]) { Categorical(logits: logits, mask: [true, false, true, true]).entropy().sum() }[0]
        #expect(g.doubles[1] == 0)
        var rng = TestRNG(3)
        let draws = (0..<2000).flatMap { _ in dist.sample(using: &rng) }
        #expect(!draws.contains(1))
    }

    @Test("Categorical sample frequencies match the probabilities")
    func categoricalSampling() {
        let probabilities = [0.1, 0.6, 0.3]
        let dist = Categorical(logits: Tensor(probabilities.map { Double.log($0) }, shape: [1, 3]).cast(.float32))
        var rng = TestRNG(17)
        var counts = [0, 0, 0]
        let n = 20_000
        for _ in 0..<n { counts[dist.sample(using: &rng)[0]] += 1 }
        for k in 0..<3 {
            // 4 standard errors
            let se = (probabilities[k] * (1 - probabilities[k]) / Double(n)).squareRoot()
            #expect(Swift.abs(Double(counts[k]) / Double(n) - probabilities[k]) < 4 * se)
        }
    }

    @Test("Categorical logProb, entropy and KL gradients against finite differences")
    func categoricalGradient() {
        let logits = randomDouble([3, 4], low: -2, high: 2)
        let other = randomDouble([3, 4], low: -2, high: 2, seed: 4)
        expectGradient([logits]) { Categorical(logits: $0[0]).logProb([0, 3, 1]) }
        expectGradient([logits]) { Categorical(logits: $0[0]).entropy() }
        expectGradient([logits, other]) { Categorical(logits: $0[0]).klDivergence(to: Categorical(logits: $0[1])) }
        let mask = Tensor([1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0] as [Double], shape: [3, 4])
        expectGradient([logits]) { Categorical(logits: $0[0], mask: mask).entropy() }
    }

    @Test("Categorical KL is zero against itself and positive otherwise")
    func categoricalKL() {
        let a = Categorical(logits: randomDouble([2, 5], seed: 1)),
            b = Categorical(logits: randomDouble([2, 5], seed: 2))
        #expect(a.klDivergence(to: a).doubles.allSatisfy { Swift.abs($0) < 1e-14 })
        #expect(a.klDivergence(to: b).doubles.allSatisfy { $0 > 0 })
    }

    @Test("Bernoulli logProb and entropy equal the closed forms")
    func bernoulliValues() {
        let logits = Tensor([-1.5, 0, 2] as [Double])
        let dist = Bernoulli(logits: logits)
        let p = logits.doubles.map { 1 / (1 + Double.exp(-$0)) }
        let x = [1.0, 0, 0]
        let expected = zip(p, x).map { $1 == 1 ? Double.log($0) : Double.log(1 - $0) }
        expectClose(dist.logProb(Tensor(x)).doubles, expected, tolerance: 1e-12)
        expectClose(
            dist.entropy().doubles, p.map { -$0 * Double.log($0) - (1 - $0) * Double.log(1 - $0) }, tolerance: 1e-12)
        #expect(dist.mode.doubles == [0, 0, 1])
    }

    @Test("Bernoulli sample mean matches σ(logit) and gradients check")
    func bernoulliSamplingAndGradient() {
        let dist = Bernoulli(logits: Tensor(Array(repeating: 0.8, count: 10_000)))
        var rng = TestRNG(5)
        let mean = dist.sample(using: &rng).mean().doubleItem()
        let p = 1 / (1 + Double.exp(-0.8))
        #expect(Swift.abs(mean - p) < 4 * (p * (1 - p) / 10_000).squareRoot())
        let logits = randomDouble([2, 3], low: -2, high: 2)
        let x = Tensor([1, 0, 1, 0, 0, 1] as [Double], shape: [2, 3])
        expectGradient([logits]) { Bernoulli(logits: $0[0]).logProb(x) }
        expectGradient([logits]) { Bernoulli(logits: $0[0]).entropy() }
    }
}

@Suite("MultiCategorical")
struct MultiCategoricalTests {
    @Test("logProb and entropy are the sums over blocks; sample and mode are row-major [B, blocks]")
    func sums() {
        let logits = randomDouble([2, 5], low: -2, high: 2)
        let dist = MultiCategorical(logits: logits, sizes: [2, 3])
        let first = Categorical(logits: logits.slice(axis: 1, 0..<2))
        let second = Categorical(logits: logits.slice(axis: 1, 2..<5))
        expectClose(
            dist.logProb([1, 2, 0, 0]).doubles, (first.logProb([1, 0]) + second.logProb([2, 0])).doubles,
            tolerance: 1e-14)
        expectClose(dist.entropy().doubles, (first.entropy() + second.entropy()).doubles, tolerance: 1e-14)
        #expect(dist.mode == [first.mode[0], second.mode[0], first.mode[1], second.mode[1]])
        var rng = TestRNG(2)
        let s = dist.sample(using: &rng)
        #expect(s.count == 4 && s[0] < 2 && s[2] < 2 && s[1] < 3 && s[3] < 3)
        expectGradient([logits]) { MultiCategorical(logits: $0[0], sizes: [2, 3]).logProb([1, 2, 0, 0]) }
    }
}
