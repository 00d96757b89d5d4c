import Foundation
import Tensor
import Testing

@testable import Algorithms

private func batch() -> PPOMinibatch {
    PPOMinibatch(
        oldLogProbs: Tensor([Float(0), 0]), advantages: Tensor([Float(1), -1]), returns: Tensor([Float(0), 0]),
        oldValues: Tensor([Float(0.5), 2.5]))
}

private let newLogProbs = Tensor([Float(log(1.5)), Float(log(0.5))])

@Test("PPO loss with clipped value loss matches hand-computed values")
func ppoLossClippedValue() {
    let (loss, stats) = ppoLoss(
        newLogProbs: newLogProbs, entropy: Tensor([Float(0.5), 0.7]), newValues: Tensor([Float(1), 2]), batch: batch(),
        clipRange: 0.2, clipValueLoss: true, entropyCoefficient: 0.01, valueCoefficient: 0.5)
    // ratios 1.5, 0.5: max(−1.5, −1.2) = −1.2 and max(0.5, 0.8) = 0.8 → −0.2
    #expect(abs(stats.policyLoss - -0.2) < 1e-6)
    // errors [1, 4] vs clipped [0.49, 5.29] → ½·mean(1, 5.29)
    #expect(abs(stats.valueLoss - 1.5725) < 1e-6)
    #expect(abs(stats.entropy - 0.6) < 1e-6)
    #expect(abs(loss.doubleItem() - (-0.2 - 0.006 + 0.78625)) < 1e-6)
    #expect(abs(stats.approxKL - ((0.5 - log(1.5)) + (-0.5 - log(0.5))) / 2) < 1e-6)
    #expect(abs(stats.oldApproxKL - (-log(1.5) - log(0.5)) / 2) < 1e-6)
    #expect(stats.clipFraction == 1)
}

@Test("PPO value loss without clipping is half the mean squared error")
func ppoLossUnclippedValue() {
    let (_, stats) = ppoLoss(
        newLogProbs: newLogProbs, entropy: Tensor([Float(0), 0]), newValues: Tensor([Float(1), 2]), batch: batch(),
        clipRange: 0.2, clipValueLoss: false, entropyCoefficient: 0, valueCoefficient: 0.5)
    #expect(abs(stats.valueLoss - 1.25) < 1e-6)
}

@Test("Advantage normalisation gives mean 0 and unit sample standard deviation")
func advantageNormalisation() {
    let normalized = normalizedAdvantages([1, 2, 3])
    #expect(zip(normalized, [-1.0, 0, 1]).allSatisfy { abs($0 - $1) < 1e-6 })
}
