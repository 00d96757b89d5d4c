import Tensor
import Testing
@testable import Algorithms

@Suite("Fused twin critics")
struct TwinQNetworkTests {
    private func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
        zip(a.floats, b.floats).map { abs($0 - $1) }.max() ?? 0
    }

    @Test("the fused twin-Q equals two separate Q-networks on the same weights: values, clipped double-Q, gradients")
    func fusedEqualsSeparate() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        let q1 = ContinuousQNetwork(observationSize: 3, actionSize: 2, hidden: [8, 6], using: &rng)
        let q2 = ContinuousQNetwork(observationSize: 3, actionSize: 2, hidden: [8, 6], using: &rng)
        let twin = TwinQNetwork(stacking: q1, q2)
        let s = Tensor.normal([5, 3], using: &rng), a = Tensor.normal([5, 2], using: &rng)
        let target = Tensor.normal([5], using: &rng)

        let q = twin(s, a)
        #expect(q.shape == [2, 5])
        #expect(maxDifference(q[0], q1(s, a)) < 1e-5)
        #expect(maxDifference(q[1], q2(s, a)) < 1e-5)
        #expect(maxDifference(twin.q1(s, a), q1(s, a)) < 1e-5)
        #expect(maxDifference(twin.clippedDoubleQ(s, a), minimum(q1(s, a), q2(s, a))) < 1e-5)

        // Critic-loss gradients: weights of layer i, critic k, are the slices [k] of the fused gradients.
        let (_, fused) = valueAndGrad(twin) { t in
            let q = t(s, a)
            return SACLoss.criticLoss(q1: q[0], q2: q[1], target: target)
        }
        let separate = grad(q1.parameters() + q2.parameters()) {
            SACLoss.criticLoss(q1: q1(s, a), q2: q2(s, a), target: target)
        }
        let layers = q1.net.layers.count
        for k in 0..<2 {
            for i in 0..<layers {
                let w = try #require(fused["weights.\(i)"]), b = try #require(fused["biases.\(i)"])
                let base = k * 2 * layers + 2 * i
                #expect(maxDifference(w[k], separate[base]) < 1e-5)
                #expect(maxDifference(b[k].reshaped([-1]), separate[base + 1]) < 1e-5)
            }
        }

        // Action gradients (the actor's path through min Q) agree too.
        let fusedAction = grad([a]) { twin.clippedDoubleQ(s, a).sum() }[0]
        let separateAction = grad([a]) { minimum(q1(s, a), q2(s, a)).sum() }[0]
        #expect(maxDifference(fusedAction, separateAction) < 1e-5)
    }

    @Test("a fresh fused twin-Q has the weights of two Q-networks drawn in turn from the same stream")
    func initialisation() {
        var rng = Xoshiro256StarStar(seed: 2)
        let twin = TwinQNetwork(observationSize: 3, actionSize: 1, hidden: [4], using: &rng)
        var again = Xoshiro256StarStar(seed: 2)
        let q1 = ContinuousQNetwork(observationSize: 3, actionSize: 1, hidden: [4], using: &again)
        let q2 = ContinuousQNetwork(observationSize: 3, actionSize: 1, hidden: [4], using: &again)
        #expect(twin.weights[0][0].floats == q1.net.layers[0].weight.floats)
        #expect(twin.weights[1][1].floats == q2.net.layers[1].weight.floats)
        #expect(twin.biases[0][1].floats == q2.net.layers[0].bias!.floats)
        #expect(rng == again)
    }
}
