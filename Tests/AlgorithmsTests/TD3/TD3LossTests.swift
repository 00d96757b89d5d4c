import Tensor
import Testing
@testable import Algorithms

@Suite("TD3 loss pieces against hand-computed values")
struct TD3LossTests {
    @Test("smoothing noise is σ̃·ε clipped to ±c, and the smoothed action to [−1, 1]")
    func smoothingNoiseClipping() {
        // σ̃ = 0.2, c = 0.5: ε = 1 → 0.2; ε = 5 → 1.0 clipped to 0.5; ε = −4 → −0.8 clipped to −0.5
        let mu = Tensor([0, 0, 0, 0.9] as [Float], shape: [1, 4])
        let noise = Tensor([1, 5, -4, 1] as [Float], shape: [1, 4])
        let a = TD3Loss.smoothedTargetActions(mu, noise: noise, sigma: 0.2, clip: 0.5).floats
        #expect(abs(a[0] - 0.2) < 1e-6)
        #expect(abs(a[1] - 0.5) < 1e-6)
        #expect(abs(a[2] + 0.5) < 1e-6)
        #expect(a[3] == 1)  // 0.9 + 0.2 clipped to the action bound
    }

    @Test("the target is r + γᵏ(1 − d)·min(Q1', Q2')")
    func target() {
        let y = TD3Loss.target(rewards: Tensor([1, 2] as [Float]), bootstrap: Tensor([0.98, 0] as [Float]),
                               nextMinQ: Tensor([-10, 5] as [Float]))
        #expect(abs(y.floats[0] - (1 - 9.8)) < 1e-5)
        #expect(y.floats[1] == 2)
    }

    @Test("the critic loss sums both critics' MSE; the actor loss is −mean Q1")
    func losses() {
        let critic = TD3Loss.criticLoss(q1: Tensor([1, 3] as [Float]), q2: Tensor([2, 2] as [Float]),
                                        target: Tensor([2, 2] as [Float]))
        #expect(abs(critic.item() - 1) < 1e-6)  // (1 + 1)/2 + 0
        #expect(TD3Loss.actorLoss(q1: Tensor([1, 3] as [Float])).item() == -2)
    }
}
