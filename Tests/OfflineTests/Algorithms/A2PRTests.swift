import Tensor
import Testing

@testable import Offline

@Test("A2PR adaptive BC: target from the higher-advantage candidate, weight m·(1[A_vae ≥ 0] + 1[A_data > 0])")
func a2prAdaptiveBCHandComputed() {
    let (loss, vaeFraction, unconstrained) = A2PR.adaptiveBCLoss(
        policyActions: Tensor([0, 0, 0] as [Float], shape: [3, 1]),
        vaeActions: Tensor([1, 1, 1] as [Float], shape: [3, 1]),
        datasetActions: Tensor([-1, -1, -1] as [Float], shape: [3, 1]),
        advantageVAE: Tensor([1, -1, -2] as [Float], shape: [3]),
        advantageDataset: Tensor([0.5, -0.5, 0.5] as [Float], shape: [3]), mask: 0.5)
    // targets 1, −1, −1 (squared errors 1, 1, 1); weights 0.5·[2, 0, 1] → loss mean([1, 0, 0.5]) = 0.5.
    #expect(abs(loss.item() - 0.5) < 1e-7)
    #expect(abs(vaeFraction - 1.0 / 3) < 1e-7)
    #expect(abs(unconstrained - 1.0 / 3) < 1e-7)
}

@Test("A2PR VAE loss: advantage-filtered weighted reconstruction + ½·KL")
func a2prVAELossHandComputed() {
    let loss = A2PR.vaeLoss(
        reconstruction: Tensor([1, 1] as [Float], shape: [2, 1]), actions: Tensor([0, 0] as [Float], shape: [2, 1]),
        mean: Tensor([1, 0] as [Float], shape: [2, 1]), std: Tensor([1, 1] as [Float], shape: [2, 1]),
        positiveAdvantage: Tensor([1, 0] as [Float], shape: [2]), weight: 1)
    // reconstruction mean([1, 0]) = 0.5; KL entries 0.5 and 0 → mean 0.25; total 0.5 + 0.125.
    #expect(abs(loss.item() - 0.625) < 1e-6)
}

@Test("A2PR learns on mixed random/expert data")
func a2prLearnsFromMixedData() throws {
    let dataset = try banditDataset(episodes: 2000, expertFraction: 0.1, seed: 4)
    var config = A2PRConfig()
    config.td3.actorHidden = [32, 32]
    config.td3.criticHidden = [32, 32]
    config.vaeHidden = [32, 32]
    config.td3.actorLearningRate = 1e-3
    config.td3.criticLearningRate = 1e-3
    config.valueLearningRate = 1e-3
    let a2pr = try A2PR(config: config, problem: OfflineProblem(observationDimension: 2, actionDimension: 1), seed: 1)
    try train(a2pr, on: dataset, steps: 400)
    let random = banditRandomScore()
    let score = banditScore(a2pr.act)
    #expect(score > random + 0.35, "A2PR \(score), random \(random)")
}
