import Environments
import Tensor
import Testing

@testable import Offline

/// Two episodes: obs dim 2, action dim 1; the first terminates after 3 steps, the second is truncated after 2.
func makeEpisodes() -> [OfflineEpisode] {
    [
        OfflineEpisode(
            observations: [0, 0, 1, 1, 2, 2, 3, 3], actions: [0.1, 0.2, 0.3], rewards: [1, 2, 3],
            terminations: [false, false, true], truncations: [false, false, false]),
        OfflineEpisode(
            observations: [10, 10, 11, 11, 12, 12], actions: [-0.1, -0.2], rewards: [4, 5],
            terminations: [false, false], truncations: [false, true]),
    ]
}

func makeDataset() throws -> OfflineDataset {
    try OfflineDataset(episodes: makeEpisodes(), observationDimension: 2, actionDimension: 1)
}

@Test("The transition view pairs each state with its next state across episodes")
func transitionView() throws {
    let t = try makeDataset().transitions
    #expect(t.count == 5)
    #expect(t.observations == [0, 0, 1, 1, 2, 2, 10, 10, 11, 11])
    #expect(t.nextObservations == [1, 1, 2, 2, 3, 3, 11, 11, 12, 12])
    #expect(t.terminals == [false, false, true, false, false])
    #expect(t.timeouts == [false, false, false, false, true])
    #expect(t.episodeIndices == [0, 0, 0, 1, 1])
}

@Test("Uniform sampling with the same seed gives the same batch")
func samplingIsSeeded() throws {
    let data = try makeDataset()
    var a = Xoshiro256StarStar(seed: 9)
    var b = Xoshiro256StarStar(seed: 9)
    let first = data.sample(batchSize: 16, using: &a)
    #expect(first == data.sample(batchSize: 16, using: &b))
    #expect(first.observations.count == 32)
    #expect(first.indices.allSatisfy { (0..<5).contains($0) })
}

@Test("A gathered batch holds the rows of its indices")
func batchRows() throws {
    let batch = try makeDataset().batch(at: [2, 4])
    #expect(batch.observations == [2, 2, 11, 11])
    #expect(batch.nextObservations == [3, 3, 12, 12])
    #expect(batch.actions == [0.3, -0.2])
    #expect(batch.rewards == [3, 5])
    #expect(batch.terminals == [1, 0])
    #expect(batch.timeouts == [0, 1])
}

@Test("Weighted sampling never draws zero-weight transitions and follows the weights")
func weightedSampling() throws {
    let data = try makeDataset()
    let sampler = try WeightedSampler(weights: [0, 1, 0, 3, 0])
    var rng = Xoshiro256StarStar(seed: 1)
    let batch = data.sample(batchSize: 4000, weights: sampler, using: &rng)
    #expect(batch.indices.allSatisfy { $0 == 1 || $0 == 3 })
    let share = Double(batch.indices.filter { $0 == 3 }.count) / 4000
    #expect(abs(share - 0.75) < 0.03)
}

@Test("Weighted sampling rejects negative and all-zero weights")
func weightedSamplingErrors() {
    #expect(throws: DatasetError.self) { try WeightedSampler(weights: [1, -1]) }
    #expect(throws: DatasetError.self) { try WeightedSampler(weights: [0, 0]) }
}

@Test("State statistics are per-dimension mean and population standard deviation")
func stateStatistics() throws {
    let stats = try makeDataset().observationStatistics()
    #expect(abs(stats.mean[0] - 4.8) < 1e-5)
    let normalized = stats.normalize([4.8, 4.8])
    #expect(abs(normalized[0]) < 1e-5)
    let back = stats.denormalize(stats.normalize([1, 2]))
    #expect(abs(back[0] - 1) < 1e-4 && abs(back[1] - 2) < 1e-4)
}

@Test("Reward statistics include episode returns")
func rewardStatistics() throws {
    let stats = try makeDataset().rewardStatistics
    #expect(stats.returnMean == 7.5)
    #expect(stats.returnMin == 6 && stats.returnMax == 9)
    #expect(stats.mean == 3)
}

@Test("Windows slice an episode, including the observation after the last step")
func windows() throws {
    let data = try makeDataset()
    let w = try data.window(episode: 0, start: 1, length: 2)
    #expect(w.observations == [1, 1, 2, 2, 3, 3])
    #expect(w.actions == [0.2, 0.3])
    var rng = Xoshiro256StarStar(seed: 3)
    let sampled = try data.sampleWindows(length: 3, batchSize: 5, using: &rng)
    #expect(sampled.allSatisfy { $0.episode == 0 && $0.start == 0 })
    #expect(throws: DatasetError.self) { try data.sampleWindows(length: 4, batchSize: 1, using: &rng) }
}

@Test("A missing final observation is a shape error")
func missingFinalObservation() {
    var episodes = makeEpisodes()
    episodes[1].observations.removeLast(2)
    #expect(throws: DatasetError.self) {
        try OfflineDataset(episodes: episodes, observationDimension: 2, actionDimension: 1)
    }
}

@Test("NaN rewards are rejected")
func nanReward() {
    var episodes = makeEpisodes()
    episodes[0].rewards[1] = .nan
    #expect(throws: DatasetError(.nonFinite, "episode 0, step 1: reward nan")) {
        try OfflineDataset(episodes: episodes, observationDimension: 2, actionDimension: 1)
    }
}

@Test("Actions outside the action space are rejected")
func actionOutsideSpace() throws {
    let space = try BoxSpace(low: [-0.15], high: [1])
    #expect(throws: DatasetError.self) {
        try OfflineDataset(episodes: makeEpisodes(), observationDimension: 2, actionDimension: 1, actionSpace: space)
    }
    let wide = try BoxSpace(low: [-1], high: [1])
    _ = try OfflineDataset(episodes: makeEpisodes(), observationDimension: 2, actionDimension: 1, actionSpace: wide)
}
