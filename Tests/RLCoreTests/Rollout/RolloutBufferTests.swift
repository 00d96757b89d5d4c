import Testing

@testable import RLCore

private func step(_ rewards: [Double], terminated: [Bool], truncated: [Bool], valid: [Bool]) -> EnvironmentStep {
    EnvironmentStep(rewards: rewards, terminated: terminated, truncated: truncated, valid: valid, finishedEpisodes: [])
}

@Test("Rollout buffer GAE matches hand-computed values with truncation, termination and an autoreset step")
func rolloutBufferHandComputed() {
    // N = 2, T = 3, γ = 0.5, λ = 1. Env 0 is truncated at t = 1 (t = 2 is its reset step, whose stored
    // observation is the final one, V = 3); env 1 terminates at t = 2.
    var buffer = RolloutBuffer(steps: 3, environments: 2, observationSize: 1, actionSize: 1)
    let values: [[Double]] = [[1, 0.5], [2, 0.5], [3, 0.5]]
    let steps = [
        step([1, 1], terminated: [false, false], truncated: [false, false], valid: [true, true]),
        step([1, 1], terminated: [false, false], truncated: [true, false], valid: [true, true]),
        step([0, 1], terminated: [false, true], truncated: [false, false], valid: [false, true]),
    ]
    for t in 0..<3 {
        buffer.add(observations: [0, 0], actions: [0, 0], logProbs: [0, 0], values: values[t], step: steps[t])
    }
    buffer.computeAdvantages(lastValues: [4, 10], gamma: 0.5, lambda: 1)
    let expectedAdvantages: [Double] = [1.25, 1.25, 0.5, 1.0, 0, 0.5]
    let expectedReturns: [Double] = [2.25, 1.75, 2.5, 1.5, 0, 1.0]
    for i in 0..<6 {
        #expect(abs(buffer.advantages[i] - expectedAdvantages[i]) < 1e-12, "advantage \(i)")
        #expect(abs(buffer.returns[i] - expectedReturns[i]) < 1e-12, "return \(i)")
    }
    #expect(buffer.validIndices == [0, 1, 2, 3, 5])
}

@Test("A truncation in the last rollout step bootstraps from the value after the rollout")
func rolloutBufferTruncationAtEnd() {
    var buffer = RolloutBuffer(steps: 1, environments: 1, observationSize: 1, actionSize: 1)
    buffer.add(
        observations: [0], actions: [0], logProbs: [0], values: [1],
        step: step([1], terminated: [false], truncated: [true], valid: [true]))
    buffer.computeAdvantages(lastValues: [4], gamma: 0.5, lambda: 0.9)
    #expect(abs(buffer.advantages[0] - 2) < 1e-12)  // 1 + 0.5·4 − 1
}

@Test("Reward normaliser scales by the running std of the discounted return and skips reset steps")
func rewardNormalizerScales() {
    var normalizer = RewardNormalizer(count: 2, gamma: 0.9)
    let first = normalizer([1, 3], done: [false, false], valid: [true, true])
    let std = normalizer.statistics.variance[0].squareRoot()
    #expect(abs(first[0] - 1 / (std * std + 1e-8).squareRoot()) < 1e-9)
    let reset = normalizer([5, 5], done: [false, false], valid: [false, true])
    #expect(reset[0] == 0)
    #expect(normalizer.discountedReturns[0] == 1)
}
