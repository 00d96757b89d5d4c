import Foundation
import Tensor
import Testing

@testable import Offline

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-5) -> Bool { abs(a - b) < tolerance }

@Test("Double-DQN target on a 2-transition batch: online argmax, target value, γ(1 − d)")
func doubleQTargetsHandComputed() {
    let online = Tensor([1, 2, 3, 0] as [Float], shape: [2, 2])
    let target = Tensor([10, 20, 30, 40] as [Float], shape: [2, 2])
    let y = DiscreteLoss.doubleQTargets(rewards: [1, 0.5], bootstrap: [0.9, 0], onlineNext: online, targetNext: target)
    #expect(y == [19, 0.5])
}

@Test("DQN Huber TD loss on a 2-transition batch")
func tdLossHandComputed() {
    let q = Tensor([1, 2, 3, 4] as [Float], shape: [2, 2])
    // Q(s1, 0) − 1.5 = −0.5 → 0.125; Q(s2, 1) − 1 = 3 → 3 − 0.5 = 2.5; mean 1.3125
    #expect(close(Double(DiscreteLoss.td(q, actions: [0, 1], targets: [1.5, 1]).item()), 1.3125))
}

@Test("CQL-discrete: TD + α·mean(logsumexp Q − Q(s, a)) on a 2-transition batch")
func cqlDiscretePenaltyHandComputed() {
    let q = Tensor([0, 0, 1, 2] as [Float], shape: [2, 2])
    let penalty = Double(DiscreteLoss.conservativePenalty(q, actions: [0, 1]).item())
    let expected = (log(2.0) + (2 + log(1 + exp(-1.0)) - 2)) / 2
    #expect(close(penalty, expected))
    let td = Double(DiscreteLoss.td(q, actions: [0, 1], targets: [0, 2]).item())
    #expect(td == 0)
    #expect(close(td + 0.1 * penalty, 0.1 * 0.5032))
}

@Test("BCQ-discrete keeps actions with π/max π > τ and picks the best Q among them")
func bcqActionFilterHandComputed() {
    let logits = Tensor([0.5, 0.1, 0.4, 0.5, 0.1, 0.4].map { Float(log($0)) }, shape: [2, 3])
    let q = Tensor([5, 1, 3, 1, 5, 3] as [Float], shape: [2, 3])
    // ratios 1, 0.2, 0.8: action 1 is filtered at τ 0.3
    #expect(DiscreteLoss.bcqActions(q: q, logits: logits, threshold: 0.3) == [0, 2])
    #expect(DiscreteLoss.bcqActions(q: q, logits: logits, threshold: 0.1) == [0, 1])
    let parts = DiscreteBCQ.loss(
        q: Tensor([1, 0, 0, 2] as [Float], shape: [2, 2]), logits: Tensor([0, 0, 1, -1] as [Float], shape: [2, 2]),
        actions: [0, 1], targets: [1, 2], penalty: 0.01)
    let ce = (log(2.0) + (log(exp(1.0) + exp(-1.0)) + 1)) / 2
    #expect(close(Double(parts.td.item()), 0))
    #expect(close(Double(parts.imitation.item()), ce))
    #expect(close(Double(parts.total.item()), ce + 0.01 * 0.5))
}

@Test("CRR binary filter and weighted cross-entropy on a 2-transition batch")
func crrHandComputed() {
    let q = Tensor([1, 3, 2, 2] as [Float], shape: [2, 2])
    // row 1: baseline (1 + 1 + 3 + 3)/4 = 2 → A(a = 1) = 1 > 0; row 2: A = 0 → Heaviside(0) = 0
    #expect(DiscreteLoss.crrBinaryWeights(q: q, actions: [1, 0], sampled: [[0, 0, 1, 1], [0, 1, 1, 0]]) == [1, 0])
    #expect(DiscreteLoss.crrBinaryWeights(q: q, actions: [0, 0], sampled: [[0, 0, 1, 1], [1, 1, 1, 1]]) == [0, 0])
    let loss = DiscreteLoss.weightedCrossEntropy(
        logits: Tensor([0, 0, 0, 0] as [Float], shape: [2, 2]), actions: [0, 1], weights: [1, 0])
    #expect(close(Double(loss.item()), log(2.0) / 2))
}

@Test("QR-DQN quantile Huber loss with τ̂ = (2i − 1)/2N on one transition, N = 2")
func quantileHuberHandComputed() {
    let current = Tensor([0, 2] as [Float], shape: [1, 2])
    let target = Tensor([0.5, 3] as [Float], shape: [1, 2])
    // i = 0 (τ̂ .25): δ .5 → .25·.125, δ 3 → .25·2.5, mean .328125; i = 1 (τ̂ .75): δ −1.5 → .25·1, δ 1 → .75·.5,
    // mean .3125; sum .640625
    #expect(close(Double(DiscreteLoss.quantileHuber(current: current, target: target).item()), 0.640625))
    // a 2-transition batch averages the rows
    let two = DiscreteLoss.quantileHuber(
        current: Tensor([0, 2, 0, 0] as [Float], shape: [2, 2]), target: Tensor([0.5, 3, 0, 0] as [Float], shape: [2, 2]))
    #expect(close(Double(two.item()), 0.640625 / 2))
}

@Test("REM mixes head-major outputs with α; QR-DQN picks the taken action's quantiles")
func remMixtureAndQuantileGather() {
    let output = Tensor([1, 2, 3, 4] as [Float], shape: [1, 4])
    #expect(REM.mixture(output, weights: [0.25, 0.75], actions: 2).floats == [2.5, 3.5])
    let quantiles = Tensor([1, 2, 3, 4, 5, 6, 7, 8] as [Float], shape: [2, 4])
    #expect(QRDQN.quantiles(quantiles, actions: [1, 0], count: 2).floats == [3, 4, 5, 6])
    #expect(DiscreteLoss.meanOverEstimates(quantiles, actions: 2, estimates: 2).floats == [1.5, 3.5, 5.5, 7.5])
}

@Test("MCE's discounted return-to-go and BVE's next actions stop at episode ends")
func returnsToGoAndNextActions() throws {
    let dataset = try OfflineDataset(
        episodes: [
            OfflineEpisode(
                observations: [0, 1, 2, 3], actions: [0, 1, 0], rewards: [1, 1, 1], terminations: [false, false, true],
                truncations: [false, false, false]),
            OfflineEpisode(observations: [5, 6], actions: [1], rewards: [2], terminations: [false], truncations: [true]),
        ], observationDimension: 1, actionDimension: 1)
    #expect(MCE.returnsToGo(of: dataset.transitions, gamma: 0.5) == [1.75, 1.5, 1, 2])
    #expect(BVE.nextActions(of: dataset.transitions) == [1, 0, -1, -1])
}

@Test("Discrete learners reject bad hyper-parameters by name, and continuous problems")
func discreteValidation() {
    let problem = OfflineProblem(observationDimension: 2, actionDimension: 1, actionCount: 2)
    var cql = DiscreteCQLConfig()
    cql.alpha = -1
    #expect(throws: OfflineAlgorithmError.self) { _ = try DiscreteCQL(config: cql, problem: problem, seed: 1) }
    var bcq = DiscreteBCQConfig()
    bcq.threshold = 2
    #expect(throws: OfflineAlgorithmError.self) { _ = try DiscreteBCQ(config: bcq, problem: problem, seed: 1) }
    var qr = QRDQNConfig()
    qr.quantiles = 0
    #expect(throws: OfflineAlgorithmError.self) { _ = try QRDQN(config: qr, problem: problem, seed: 1) }
    var dqn = OfflineDQNConfig()
    dqn.shared.gamma = 1.5
    do {
        _ = try OfflineDQN(config: dqn, problem: problem, seed: 1)
        Issue.record("γ 1.5 accepted")
    } catch { #expect("\(error)".contains("dqn.shared.gamma") || "\(error)".contains("gamma")) }
    let continuous = OfflineProblem(observationDimension: 2, actionDimension: 1)
    #expect(throws: OfflineAlgorithmError.self) { _ = try OfflineDQN(config: OfflineDQNConfig(), problem: continuous, seed: 1) }
}

@Test("QR-DQN's closed-form quantile-loss gradient matches the tape's")
func quantileHuberGradientMatchesTape() throws {
    let theta: [Float] = [0, 2, -1, 0.3, 1.2, 0.1]
    let target: [Float] = [0.5, 3, 0, -2, 1, 1]
    let variable = Tensor(theta, shape: [2, 3])
    let (value, gradients) = valueAndGrad([variable]) {
        DiscreteLoss.quantileHuber(current: variable, target: Tensor(target, shape: [2, 3]))
    }
    let fast = DiscreteLoss.quantileHuberGradient(current: theta, target: target, rows: 2, quantiles: 3)
    #expect(close(fast.loss, Double(value.item())))
    for (a, b) in zip(fast.gradient, gradients[0].floats) { #expect(abs(a - b) < 1e-5) }
}
