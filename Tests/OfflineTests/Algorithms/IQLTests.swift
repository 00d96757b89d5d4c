import Foundation
import Tensor
import Testing

@testable import Offline

@Test("IQL expectile loss weights positive errors by τ and negative ones by 1 − τ")
func iqlExpectileLossHandComputed() {
    let loss = IQL.expectileLoss(Tensor([1, -2] as [Float], shape: [2]), expectile: 0.7)
    #expect(abs(loss.item() - 0.95) < 1e-6)  // (0.7·1 + 0.3·4) / 2
}

@Test("IQL advantage weights are exp(β(Q − V)) clipped at 100")
func iqlAdvantageWeights() {
    let w = IQL.advantageWeights(
        q: Tensor([0, 10, -1] as [Float], shape: [3]), v: Tensor([0, 0, 0] as [Float], shape: [3]), beta: 3,
        maxWeight: 100
    ).floats
    #expect(w[0] == 1 && w[1] == 100)
    #expect(abs(Double(w[2]) - Foundation.exp(-3)) < 1e-6)
}

@Test("IQL's actor learning rate follows a cosine to 0")
func iqlCosineSchedule() throws {
    var config = IQLConfig()
    config.hiddenSizes = [4]
    config.actorDecaySteps = 100
    let iql = try IQL(config: config, problem: OfflineProblem(observationDimension: 1, actionDimension: 1), seed: 1)
    #expect(abs(iql.actorLearningRate(at: 0) - 3e-4) < 1e-12)
    #expect(abs(iql.actorLearningRate(at: 50) - 1.5e-4) < 1e-12)
    #expect(iql.actorLearningRate(at: 100) == 0)
}

@Test("IQL learns on mixed random/expert data")
func iqlLearnsFromMixedData() throws {
    let dataset = try banditDataset(episodes: 2000, expertFraction: 0.1, seed: 5)
    var config = IQLConfig()
    config.hiddenSizes = [32, 32]
    config.actorLearningRate = 3e-3
    config.criticLearningRate = 1e-3
    config.valueLearningRate = 1e-3
    config.actorDecaySteps = nil
    config.beta = 10
    let iql = try IQL(config: config, problem: OfflineProblem(observationDimension: 2, actionDimension: 1), seed: 1)
    try train(iql, on: dataset, steps: 600)
    let random = banditRandomScore()
    let score = banditScore(iql.act)
    #expect(score > random + 0.35, "IQL \(score), random \(random)")
}
