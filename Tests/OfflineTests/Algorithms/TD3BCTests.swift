import Tensor
import Testing

@testable import Offline

@Test("TD3+BC beats random actions and BC on a random-action bandit dataset")
func td3bcLearnsFromRandomData() throws {
    let dataset = try banditDataset(episodes: 2000, expertFraction: 0, seed: 1)
    var config = TD3BCConfig()
    config.td3.setHiddenSizes([32, 32])
    config.td3.actorLearningRate = 1e-3
    config.td3.criticLearningRate = 1e-3
    let problem = OfflineProblem(observationDimension: 2, actionDimension: 1)
    let td3bc = try TD3BC(config: config, problem: problem, seed: 1)
    try train(td3bc, on: dataset, steps: 600)
    var bcConfig = BCConfig()
    bcConfig.hiddenSizes = [32, 32]
    let bc = try BC(config: bcConfig, problem: problem, seed: 1)
    try train(bc, on: dataset, steps: 300)
    let random = banditRandomScore()
    let td3 = banditScore(td3bc.act)
    let cloned = banditScore(bc.act)
    // Random ≈ 1 − (1/3 + E f²) ≈ 0.45; BC ≈ 1 − E f² ≈ 0.79 (imitates the mean action 0); optimum 1.
    #expect(td3 > cloned + 0.08, "TD3+BC \(td3), BC \(cloned), random \(random)")
    #expect(td3 > random + 0.3)
}

@Test("BC imitates expert actions")
func bcImitatesExpert() throws {
    let dataset = try banditDataset(episodes: 1000, expertFraction: 1, seed: 2)
    var config = BCConfig()
    config.hiddenSizes = [32, 32]
    let bc = try BC(config: config, problem: OfflineProblem(observationDimension: 2, actionDimension: 1), seed: 1)
    try train(bc, on: dataset, steps: 400)
    #expect(banditScore(bc.act) > 0.99)
}

@Test("BC loss is the mean squared action error")
func bcLossHandComputed() {
    let loss = BC.loss(
        policyActions: Tensor([0.5, -0.5, 0, 1] as [Float], shape: [2, 2]),
        datasetActions: Tensor([0, 0, 0, 0] as [Float], shape: [2, 2]))
    #expect(abs(loss.item() - 0.375) < 1e-7)
}
