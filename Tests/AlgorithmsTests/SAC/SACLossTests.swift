import Foundation
import Tensor
import Testing
@testable import Algorithms

@Suite("SAC loss pieces against hand-computed values")
struct SACLossTests {
    @Test("the soft target is r + γᵏ(1 − d)(min Q̄ − α log π)")
    func softTarget() {
        let y = SACLoss.target(
            rewards: Tensor([1, -1] as [Float]), bootstrap: Tensor([0.99, 0] as [Float]),
            nextMinQ: Tensor([10, 10] as [Float]), nextLogProb: Tensor([-2, -2] as [Float]), alpha: 0.5)
        // row 0: 1 + 0.99·(10 + 1) = 11.89; row 1 terminal: −1
        #expect(abs(y.floats[0] - 11.89) < 1e-5)
        #expect(y.floats[1] == -1)
    }

    @Test("the entropy-coefficient loss is −log α·(log π + H̄) and its gradient pushes α the right way")
    func entropyLoss() {
        let logAlpha = Tensor([Float(Foundation.log(0.5))], shape: [1])
        let logProb = Tensor([-0.5, 0.5] as [Float])  // mean 0; H̄ = −1 → log π + H̄ = −1 on average
        let (loss, grads) = valueAndGrad([logAlpha]) {
            SACLoss.entropyCoefficientLoss(logAlpha: logAlpha, logProb: logProb, targetEntropy: -1)
        }
        #expect(abs(Double(loss.item()) - Foundation.log(0.5)) < 1e-6)  // −log 0.5 · (−1)
        // ∂J/∂log α = −mean(log π + H̄) = 1 > 0: entropy (−log π = 0) is above H̄ = −1, so α decreases
        #expect(abs(grads[0].item() - 1) < 1e-6)
    }

    @Test("the critic loss is half the sum of the two MSEs")
    func criticLoss() {
        let loss = SACLoss.criticLoss(q1: Tensor([1, 2] as [Float]), q2: Tensor([0, 0] as [Float]),
                                      target: Tensor([0, 0] as [Float]))
        // MSE1 = (1 + 4)/2 = 2.5, MSE2 = 0 → 1.25
        #expect(abs(loss.item() - 1.25) < 1e-6)
    }

    @Test("the actor loss is mean(α log π − min Q)")
    func actorLoss() {
        let loss = SACLoss.actorLoss(logProb: Tensor([-1, 1] as [Float]), minQ: Tensor([2, 4] as [Float]), alpha: 0.2)
        #expect(abs(loss.item() - ((-0.2 - 2) + (0.2 - 4)) / 2) < 1e-6)
    }
}
