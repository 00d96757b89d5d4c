import Foundation
import Tensor
import Testing

@testable import Offline

@Test("CQL(H) penalty: α·(mean logsumexp over sampled values − mean data Q)")
func cqlPenaltyHandComputed() {
    let penalty = CQL.conservativePenalty(
        sampledValues: Tensor([0, Float(Foundation.log(3.0))], shape: [1, 2]), dataQ: Tensor([1] as [Float], shape: [1]),
        weight: 5)
    #expect(abs(Double(penalty.item()) - 5 * (Foundation.log(4.0) - 1)) < 1e-5)
}

@Test("CQL repeats each state row N times consecutively")
func cqlRepeatRows() {
    #expect(CQL.repeatRows([1, 2, 3, 4], width: 2, times: 2) == [1, 2, 1, 2, 3, 4, 3, 4])
}

@Test("CQL learns on mixed random/expert data")
func cqlLearnsFromMixedData() throws {
    let dataset = try banditDataset(episodes: 2000, expertFraction: 0.1, seed: 6)
    var config = CQLConfig()
    config.hiddenSizes = [32, 32]
    config.actorLearningRate = 1e-3
    config.criticLearningRate = 1e-3
    config.temperatureLearningRate = 1e-3
    config.actionSamples = 3
    let cql = try CQL(config: config, problem: OfflineProblem(observationDimension: 2, actionDimension: 1), seed: 1)
    try train(cql, on: dataset, steps: 300, batch: 48)
    let random = banditRandomScore()
    let score = banditScore(cql.act)
    #expect(score > random + 0.3, "CQL \(score), random \(random)")
}
