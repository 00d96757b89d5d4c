import Tensor
import Testing

@testable import Offline

@Test("PRDC's constraint target is the action of the nearest (β·s, a) dataset key; β trades state for action")
func prdcNearestDatasetAction() throws {
    let episode = OfflineEpisode(
        observations: [0, 1, 2, 3], actions: [-1, 0.5, 1], rewards: [0, 0, 0], terminations: [false, false, true],
        truncations: [false, false, false])
    let data = try OfflineDataset(episodes: [episode], observationDimension: 1, actionDimension: 1)
    func target(beta: Double) throws -> (Float, Double) {
        var config = PRDCConfig()
        config.beta = beta
        config.td3.setHiddenSizes([4])
        let prdc = try PRDC(config: config, problem: OfflineProblem(observationDimension: 1, actionDimension: 1), seed: 1)
        try prdc.prepare(data: data)
        let (actions, distance) = try prdc.nearestDatasetActions(states: [1], policyActions: [0.9])
        return (actions[0], distance)
    }
    // β = 2: key (2, 0.9); nearest (2, 0.5) at distance 0.4 (vs (4, 1): √4.01, (0, −1): √7.61).
    let (a2, d2) = try target(beta: 2)
    #expect(a2 == 0.5)
    #expect(abs(d2 - 0.4) < 1e-6)
    // β = 0: key (0, 0.9); nearest action anywhere is 1 (distance 0.1).
    let (a0, d0) = try target(beta: 0)
    #expect(a0 == 1)
    #expect(abs(d0 - 0.1) < 1e-6)
}

@Test("PRDC refuses to update before its KD-tree is built")
func prdcNeedsPrepare() throws {
    var config = PRDCConfig()
    config.td3.setHiddenSizes([4])
    let prdc = try PRDC(config: config, problem: OfflineProblem(observationDimension: 2, actionDimension: 1), seed: 1)
    let dataset = try banditDataset(episodes: 8, expertFraction: 0, seed: 1)
    var rng = Xoshiro256StarStar(seed: 1)
    #expect(throws: OfflineAlgorithmError.self) { try prdc.update(dataset.sample(batchSize: 4, using: &rng)) }
}

@Test("PRDC learns on random-action data and is not worse than TD3+BC there")
func prdcLearnsFromRandomData() throws {
    let dataset = try banditDataset(episodes: 2000, expertFraction: 0.1, seed: 3)
    let problem = OfflineProblem(observationDimension: 2, actionDimension: 1)
    var config = PRDCConfig()
    config.td3.setHiddenSizes([32, 32])
    config.td3.actorLearningRate = 1e-3
    config.td3.criticLearningRate = 1e-3
    let prdc = try PRDC(config: config, problem: problem, seed: 1)
    try train(prdc, on: dataset, steps: 400)
    var baseline = TD3BCConfig()
    baseline.td3.setHiddenSizes([32, 32])
    baseline.td3.actorLearningRate = 1e-3
    baseline.td3.criticLearningRate = 1e-3
    let td3bc = try TD3BC(config: baseline, problem: problem, seed: 1)
    try train(td3bc, on: dataset, steps: 400)
    let random = banditRandomScore()
    let score = banditScore(prdc.act)
    let reference = banditScore(td3bc.act)
    #expect(score > random + 0.35, "PRDC \(score), TD3+BC \(reference), random \(random)")
    #expect(score >= reference - 0.01, "PRDC \(score), TD3+BC \(reference)")
}

@Test("β → ∞ pins PRDC to TD3+BC: every constraint target is the logged action, and the updates are identical")
func prdcLargeBetaIsTD3BC() throws {
    let dataset = try randomPendulumDataset(episodes: 4, length: 50, seed: 5)
    let problem = OfflineProblem(observationDimension: 3, actionDimension: 1)
    var config = PRDCConfig()
    config.beta = 1e6
    config.td3.setHiddenSizes([16, 16])
    var baseline = TD3BCConfig()
    baseline.td3 = config.td3
    let prdc = try PRDC(config: config, problem: problem, seed: 3)
    let td3bc = try TD3BC(config: baseline, problem: problem, seed: 3)
    try prdc.prepare(data: dataset)
    var rng = Xoshiro256StarStar(seed: 9)
    for _ in 0..<12 {
        let batch = dataset.sample(batchSize: 32, using: &rng)
        // A policy action far from the logged one still maps to the logged action: the state term dominates.
        let far = batch.actions.map { $0 > 0 ? $0 - 3 : $0 + 3 }
        #expect(try prdc.nearestDatasetActions(states: batch.observations, policyActions: far).actions == batch.actions)
        _ = try prdc.update(batch)
        _ = try td3bc.update(batch)
    }
    for ((name, a), (_, b)) in zip(prdc.core.actor.namedParameters(), td3bc.core.actor.namedParameters()) {
        #expect(a.floats == b.floats, "actor \(name) differs after 12 updates")
    }
}
