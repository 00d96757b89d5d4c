import Tensor
import Testing
@testable import Algorithms

@Suite("DQN target and loss pieces against hand-computed values")
struct DQNLossTests {
    static let targetQ = Tensor([1, 5, 3, 2, 0, 4] as [Float], shape: [2, 3])
    static let onlineQ = Tensor([9, 0, 0, 0, 0, 1] as [Float], shape: [2, 3])

    @Test("DQN bootstraps from max_a Q_target(s', a)")
    func maxTarget() {
        #expect(DQNLoss.nextValues(targetQ: Self.targetQ, onlineQ: nil) == [5, 4])
    }

    @Test("double DQN evaluates the online network's argmax with the target network")
    func doubleTarget() {
        #expect(DQNLoss.nextValues(targetQ: Self.targetQ, onlineQ: Self.onlineQ) == [1, 4])
    }

    @Test("targets are r + γᵏ(1 − d)·V(s'); terminal rows do not bootstrap")
    func targets() {
        let y = DQNLoss.targets(rewards: [1, 1], bootstrap: [0.99, 0], nextValues: [5, 4])
        #expect(abs(y[0] - 5.95) < 1e-6)
        #expect(y[1] == 1)
    }

    @Test("the weighted Huber loss is quadratic inside δ and linear outside")
    func huber() {
        let loss = DQNLoss.weightedHuber(Tensor([0.5, 3] as [Float]), Tensor([0, 0] as [Float]),
                                         weights: Tensor([1, 0.5] as [Float]), delta: 1)
        // 0.5·0.25 = 0.125; (0.5 + 2·1)·0.5 = 1.25 → mean 0.6875
        #expect(abs(loss.item() - 0.6875) < 1e-6)
    }

    @Test("dueling heads give Q = V + A − mean A")
    func dueling() throws {
        var rng = Xoshiro256StarStar(seed: 1)
        let net = QNetwork(observationSize: 2, actionCount: 3, hidden: [4], dueling: true, using: &rng)
        let x = Tensor([0.3, -0.7] as [Float], shape: [1, 2])
        let q = net(x).floats
        let trunk = try #require(net.trunk)
        let valueHead = try #require(net.value)
        let advantageHead = try #require(net.advantage)
        let h = trunk(x)
        let v = valueHead(h).floats[0]
        let a = advantageHead(h).floats
        let meanA = a.reduce(0, +) / 3
        for i in 0..<3 { #expect(abs(q[i] - (v + a[i] - meanA)) < 1e-5) }
    }

    @Test("ε decays linearly over the exploration fraction, then stays at its final value")
    func epsilonSchedule() {
        var config = DQNConfig()
        config.explorationFraction = 0.1
        #expect(config.epsilon(step: 0, totalSteps: 1000) == 1)
        #expect(abs(config.epsilon(step: 50, totalSteps: 1000) - 0.525) < 1e-12)
        #expect(abs(config.epsilon(step: 500, totalSteps: 1000) - 0.05) < 1e-12)
    }
}
